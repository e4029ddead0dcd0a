package dev.workersim.bindings.d1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.spi.ExplorerResource;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A D1 database in the Local Explorer API: {@code POST raw} with {@code {sql, params}} answers
 * {@code [{success, results: {columns, rows}, meta}]}, and a SQLite error is code 10001 with
 * SQLite's message, as recorded from wrangler dev. It runs on the database's own thread, like the
 * worker's statements.
 */
final class D1Explorer extends ExplorerResource.Base {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final D1Database database;

    D1Explorer(String id, String title, D1Database database) {
        super("d1", id, title);
        this.database = database;
    }

    @Override
    public Reply handle(String method, String path, Map<String, String> query, byte[] body, String contentType) {
        if (!(path.equals("raw") || path.equals("query")) || !method.equals("POST")) return Reply.error(404, 10000, "Not Found");
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return Reply.error(400, 10001, "the body must be JSON {sql, params?}: " + e.getMessage());
        }
        if (req == null || !req.path("sql").isTextual()) return Reply.error(400, 10001, "the body must be JSON {sql, params?}");
        ObjectNode run = JSON.createObjectNode().put("batch", false);
        ObjectNode stmt = run.putArray("stmts").addObject().put("sql", req.get("sql").asText());
        stmt.set("params", req.has("params") ? req.get("params") : JSON.createArrayNode());
        String out;
        try {
            out = database.executor().submit(() -> database.run(run.toString())).get();
        } catch (ExecutionException e) {
            String message = e.getCause() == null ? String.valueOf(e) : e.getCause().getMessage();
            return Reply.error(500, 10001, message.replaceFirst("^D1_ERROR: ", ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error(500, 10000, "interrupted");
        }
        try {
            ArrayNode result = JSON.createArrayNode();
            for (JsonNode s : JSON.readTree(out)) {
                ObjectNode r = result.addObject().put("success", true);
                r.putObject("results").<ObjectNode>set("columns", s.get("columns")).set("rows", s.get("rows"));
                r.set("meta", s.get("meta"));
            }
            return Reply.ok(result.toString(), null);
        } catch (IOException e) {
            return Reply.error(500, 10000, e.getMessage());
        }
    }
}
