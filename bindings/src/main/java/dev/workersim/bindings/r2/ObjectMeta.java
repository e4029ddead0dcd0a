package dev.workersim.bindings.r2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * One stored object's metadata, as its row holds it. The JSON fields are kept as text:
 * {@code httpMetadata} ({@code cacheExpiry} in epoch ms), {@code customMetadata}, and
 * {@code checksums} (algorithm → hex).
 */
public record ObjectMeta(String key, String version, long size, String etag, long uploadedMillis,
        String httpMetadataJson, String customMetadataJson, String checksumsJson, String blob) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What r2.js builds an object from; {@code range} is {offset, length} or absent (null). */
    public ObjectNode toJson(long[] range) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", key).put("version", version).put("size", size).put("etag", etag).put("uploaded", uploadedMillis);
        o.putRawValue("httpMetadata", new RawValue(httpMetadataJson));
        o.putRawValue("customMetadata", new RawValue(customMetadataJson));
        o.putRawValue("checksums", new RawValue(checksumsJson));
        if (range != null) o.putObject("range").put("offset", range[0]).put("length", range[1]);
        return o;
    }

    /** The whole object as a range: what head() and a get without a range report. */
    long[] whole() {
        return new long[] {0, size};
    }
}
