package dev.workersim.bindings.durableobjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.bindings.d1.Json;
import dev.workersim.core.spi.ExplorerResource;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One Durable Object namespace in the Local Explorer API, as wrangler dev answers (recorded):
 * {@code GET .../namespaces/{script}-{Class}/objects} lists the objects that have storage, and
 * {@code POST .../query} runs SQL in a SQLite-backed object, several queries in one transaction.
 */
final class DoExplorer extends ExplorerResource.Base {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String script;
    private final String className;
    private final boolean sqlite;
    private final ObjectDirectory directory;
    private final ObjectIds ids;

    DoExplorer(String script, String className, boolean sqlite, ObjectDirectory directory) {
        super("do", script + "-" + className, script + "_" + className);
        this.script = script;
        this.className = className;
        this.sqlite = sqlite;
        this.directory = directory;
        this.ids = new ObjectIds(script, className);
    }

    @Override
    public String summaryJson() {
        StringBuilder b = new StringBuilder("{\"id\":");
        Json.string(b, id());
        b.append(",\"name\":");
        Json.string(b, title());
        b.append(",\"script\":");
        Json.string(b, script);
        b.append(",\"class\":");
        Json.string(b, className);
        return b.append(",\"use_sqlite\":").append(sqlite).append('}').toString();
    }

    @Override
    public Reply handle(String method, String path, Map<String, String> query, byte[] body, String contentType) {
        if (method.equals("GET") && path.equals("objects")) return objects();
        if (method.equals("POST") && path.equals("query")) return query(body);
        return Reply.error(404, 10000, "Not Found");
    }

    private Reply objects() {
        StringBuilder b = new StringBuilder("[");
        List<String> stored = directory.storedIds(script, className);
        for (String id : stored) {
            if (b.length() > 1) b.append(',');
            b.append("{\"id\":\"").append(id).append('"');
            String name = sqlite ? directory.nameOf(script, className, id) : null;
            if (name != null) {
                b.append(",\"name\":");
                Json.string(b, name);
            }
            b.append(",\"hasStoredData\":true}");
        }
        return Reply.ok(b.append(']').toString(), "{\"count\":" + stored.size() + ",\"cursor\":\"\"}");
    }

    private Reply query(byte[] body) {
        if (!sqlite) return Reply.error(400, 10001, "Namespace does not use SQLite storage: " + id());
        JsonNode req;
        try {
            req = MAPPER.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            return Reply.error(400, 10001, "Invalid JSON body");
        }
        String id;
        if (req.has("durable_object_id")) {
            id = req.get("durable_object_id").asText();
            if (!id.matches("[0-9a-fA-F]{64}")) return Reply.error(400, 10001, "Invalid Durable Object ID: must be 64 hex digits");
            id = id.toLowerCase();
            if (!ids.belongs(id)) return Reply.error(400, 10001, "Durable Object ID is not valid for this namespace.");
        } else {
            String name = req.path("durable_object_name").asText();
            id = ids.fromName(name);
            directory.named(script, className, id, name);
        }
        JsonNode queries = req.path("queries");
        if (queries.isEmpty()) return Reply.error(400, 10001, "No queries provided");
        ObjectStorage storage = directory.storage(script, className, id);
        synchronized (storage) {
            boolean several = queries.size() > 1;
            if (several) storage.begin();
            StringBuilder out = new StringBuilder("[");
            boolean ok = false;
            try {
                for (JsonNode q : queries) {
                    String params = q.has("params") ? q.get("params").toString() : "[]";
                    String r = storage.exec(q.path("sql").asText(), params);
                    if (r.startsWith("!")) return Reply.error(400, 10001, r.substring(1));
                    JsonNode result = MAPPER.readTree(r);
                    if (out.length() > 1) out.append(',');
                    out.append("{\"columns\":").append(result.get("columns")).append(",\"rows\":").append(result.get("rows"))
                            .append(",\"meta\":{\"rows_read\":").append(result.get("read")).append(",\"rows_written\":")
                            .append(result.get("written")).append("}}");
                }
                ok = true;
            } catch (IOException e) {
                return Reply.error(400, 10001, e.getMessage());
            } finally {
                if (several) storage.end(ok);
                storage.flush();
            }
            return Reply.ok(out.append(']').toString(), null);
        }
    }
}
