package dev.workersim.bindings.r2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.spi.ExplorerResource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An R2 bucket in the Local Explorer API, in the shapes wrangler dev's explorer serves
 * ({@code /r2/buckets/{bucket}/objects[/{key}]}): list (prefix, delimiter, cursor, per_page), get the
 * body, put a body with its Content-Type, delete one key or a JSON array of keys. Writes go through
 * the store a running worker uses and are durable when answered.
 */
final class R2Explorer extends ExplorerResource.Base {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final R2Store store;

    R2Explorer(String bucket, String title, R2Store store) {
        super("r2", bucket, title);
        this.store = store;
    }

    @Override
    public Reply handle(String method, String path, Map<String, String> query, byte[] body, String contentType) {
        try {
            if (path.equals("objects")) {
                if (method.equals("GET")) return list(query);
                if (method.equals("DELETE")) return deleteMany(body);
            } else if (path.startsWith("objects/")) {
                String key = path.substring("objects/".length());
                switch (method) {
                    case "GET": return get(key);
                    case "PUT": return put(key, body, contentType);
                    case "DELETE":
                        store.remove(key);
                        return Reply.ok(JSON.createObjectNode().put("key", key).toString(), null);
                    default: break;
                }
            }
            return Reply.error(404, 10000, "Not Found");
        } catch (IOException | IllegalArgumentException e) {
            return Reply.error(400, 10001, e.getMessage());
        }
    }

    private Reply list(Map<String, String> query) {
        int limit = Math.max(1, Math.min(1000, parseInt(query.get("per_page"))));
        R2Store.Page page = store.list(query.getOrDefault("prefix", ""), limit, query.get("cursor"), null, query.get("delimiter"));
        ArrayNode objects = JSON.createArrayNode();
        for (ObjectMeta m : page.objects()) objects.add(describe(m));
        ObjectNode info = JSON.createObjectNode();
        ArrayNode delimited = info.putArray("delimited");
        page.delimitedPrefixes().forEach(delimited::add);
        if (page.cursor() != null) info.put("cursor", page.cursor());
        info.put("is_truncated", page.cursor() != null ? "true" : "false");
        return Reply.ok(objects.toString(), info.toString());
    }

    private Reply get(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            if (in == null) return Reply.error(404, 10007, "The specified key does not exist.");
            ObjectMeta m = store.stat(key);
            String type = m == null ? null : JSON.readTree(m.httpMetadataJson()).path("contentType").asText(null);
            return new Reply(200, type == null ? "application/octet-stream" : type, in.readAllBytes());
        }
    }

    private Reply put(String key, byte[] body, String contentType) throws IOException {
        String http = contentType == null ? "{}" : JSON.createObjectNode().put("contentType", contentType).toString();
        ObjectMeta m = store.write(key, new ByteArrayInputStream(body), http);
        return Reply.ok(JSON.createObjectNode().put("key", m.key()).put("etag", m.etag()).put("size", m.size())
                .put("version", m.version()).toString(), null);
    }

    private Reply deleteMany(byte[] body) throws IOException {
        JsonNode keys = JSON.readTree(body);
        if (!keys.isArray() || keys.isEmpty()) return Reply.error(400, 10001, "Request body must be a non-empty array of keys");
        List<String> list = new ArrayList<>();
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode k : keys) {
            list.add(k.asText());
            out.addObject().put("key", k.asText());
        }
        store.delete(list).join();
        return Reply.ok(out.toString(), null);
    }

    /**
     * An object as the explorer lists it. Its list asks R2 for no metadata (an empty include, as workerd
     * under r2_list_honor_include), so both metadata objects are empty (recorded).
     */
    private static ObjectNode describe(ObjectMeta m) {
        ObjectNode o = JSON.createObjectNode().put("key", m.key()).put("etag", m.etag()).put("size", m.size())
                .put("last_modified", Instant.ofEpochMilli(m.uploadedMillis()).toString());
        o.putObject("http_metadata");
        o.putObject("custom_metadata");
        return o;
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 1000 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 1000;
        }
    }
}
