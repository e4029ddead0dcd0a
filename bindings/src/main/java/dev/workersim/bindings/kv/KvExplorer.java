package dev.workersim.bindings.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.spi.ExplorerResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A KV namespace in the Local Explorer API (paths and envelope as wrangler dev serves them):
 * keys, values (raw body or multipart value + metadata), bulk put, delete and get. Writes go
 * through the same store a running worker uses and are durable when answered.
 */
final class KvExplorer extends ExplorerResource.Base {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KvStore store;
    private final SimClock clock;

    KvExplorer(String id, String title, KvStore store, SimClock clock) {
        super("kv", id, title);
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Reply handle(String method, String path, Map<String, String> query, byte[] body, String contentType) {
        try {
            if (path.equals("keys") && method.equals("GET")) return keys(query);
            if (path.startsWith("values/")) {
                String key = path.substring("values/".length());
                switch (method) {
                    case "GET": return value(key);
                    case "PUT": return put(key, query, body, contentType);
                    case "DELETE":
                        store.remove(key);
                        return Reply.ok("{}", null);
                    default: break;
                }
            }
            if (path.equals("bulk") && method.equals("PUT")) return bulkPut(body);
            if (path.equals("bulk/delete") && method.equals("POST")) return bulkDelete(body);
            if (path.equals("bulk/get") && method.equals("POST")) return bulkGet(body);
            return Reply.error(404, 10000, "Not Found");
        } catch (IOException | IllegalArgumentException e) {
            return Reply.error(400, 10001, e.getMessage());
        }
    }

    private Reply keys(Map<String, String> query) {
        int limit = Math.max(1, Math.min(1000, parseInt(query.get("limit"), 1000)));
        String cursor = query.get("cursor");
        byte[] after = cursor == null || cursor.isEmpty() ? null : KvOps.decodeCursor(cursor);
        KvStore.Page page = store.list(query.getOrDefault("prefix", ""), limit, after);
        ArrayNode out = JSON.createArrayNode();
        for (KvStore.Listed k : page.keys()) {
            ObjectNode o = out.addObject().put("name", k.name());
            if (k.expiresAtMillis() >= 0) o.put("expiration", k.expiresAtMillis() / 1000);
            if (k.metadataJson() != null) o.set("metadata", readJson(k.metadataJson()));
        }
        String next = page.complete() || page.keys().isEmpty() ? ""
                : Base64.getEncoder().encodeToString(page.keys().get(page.keys().size() - 1).name().getBytes(StandardCharsets.UTF_8));
        return Reply.ok(out.toString(), "{\"count\":" + page.keys().size() + ",\"cursor\":\"" + next + "\"}");
    }

    private Reply value(String key) {
        byte[] v = store.read(key);
        if (v == null) return Reply.error(404, 10009, "Not Found");
        return new Reply(200, "application/octet-stream", v);
    }

    private Reply put(String key, Map<String, String> query, byte[] body, String contentType) throws IOException {
        checkKey(key);
        byte[] value = body;
        String metadata = null;
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/form-data")) {
            Map<String, byte[]> parts = Multipart.parse(body, contentType);
            if (!parts.containsKey("value")) throw new IllegalArgumentException("the form has no `value` field");
            value = parts.get("value");
            if (parts.containsKey("metadata")) metadata = readJson(new String(parts.get("metadata"), StandardCharsets.UTF_8)).toString();
        }
        store.write(key, value, expiry(query.get("expiration"), query.get("expiration_ttl")), metadata);
        return Reply.ok("{}", null);
    }

    private Reply bulkPut(byte[] body) throws IOException {
        JsonNode items = JSON.readTree(body);
        if (!items.isArray()) throw new IllegalArgumentException("the body must be a JSON array of {key, value}");
        int n = 0;
        for (JsonNode it : items) {
            String key = it.path("key").asText();
            checkKey(key);
            String text = it.path("value").asText();
            byte[] value = it.path("base64").asBoolean(false) ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
            String metadata = it.has("metadata") ? it.get("metadata").toString() : null;
            store.write(key, value, expiry(it.path("expiration").asText(null), it.path("expiration_ttl").asText(null)), metadata);
            n++;
        }
        return Reply.ok("{\"successful_key_count\":" + n + ",\"unsuccessful_keys\":[]}", null);
    }

    private Reply bulkDelete(byte[] body) throws IOException {
        JsonNode keys = JSON.readTree(body);
        if (!keys.isArray()) throw new IllegalArgumentException("the body must be a JSON array of keys");
        for (JsonNode k : keys) store.remove(k.asText());
        return Reply.ok("{\"successful_key_count\":" + keys.size() + ",\"unsuccessful_keys\":[]}", null);
    }

    private Reply bulkGet(byte[] body) throws IOException {
        JsonNode req = JSON.readTree(body);
        boolean withMetadata = req.path("withMetadata").asBoolean(false);
        ObjectNode values = JSON.createObjectNode();
        for (JsonNode k : req.path("keys")) {
            byte[] v = store.read(k.asText());
            String text = v == null ? null : new String(v, StandardCharsets.UTF_8);
            if (!withMetadata) {
                values.put(k.asText(), text);
            } else {
                String m = v == null ? null : store.readMetadata(k.asText());
                values.putObject(k.asText()).put("value", text).set("metadata", m == null ? null : readJson(m));
            }
        }
        return Reply.ok("{\"values\":" + values + "}", null);
    }

    /** expiration (epoch seconds) or expiration_ttl (seconds from now) to epoch ms; -1 for none. */
    private long expiry(String expiration, String ttl) {
        if (expiration != null && !expiration.isEmpty()) return Long.parseLong(expiration) * 1000;
        if (ttl != null && !ttl.isEmpty()) return clock.millis() + Long.parseLong(ttl) * 1000;
        return -1;
    }

    /** KV's key rules (as the runtime enforces them): not empty, not "." or "..", at most 512 bytes. */
    private static void checkKey(String key) {
        if (key.isEmpty() || key.equals(".") || key.equals("..")) throw new IllegalArgumentException("Illegal key name \"" + key + "\"");
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 512) throw new IllegalArgumentException("KV key is too long: " + bytes + " bytes (at most 512)");
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata is not JSON: " + e.getMessage());
        }
    }

    private static int parseInt(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
