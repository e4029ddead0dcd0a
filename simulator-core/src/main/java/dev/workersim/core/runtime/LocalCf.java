package dev.workersim.core.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The {@code request.cf} object of a local request. There is no real client location locally, so
 * it is the object wrangler dev 4.168 gives when it cannot fetch one (local-cf.json, recorded from
 * it on a machine without that access: its fields, their order and values), with this request's
 * HTTP protocol.
 */
public final class LocalCf {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode PLACEHOLDER = read();

    private LocalCf() {
    }

    public static String json(String httpProtocol) {
        ObjectNode cf = PLACEHOLDER.deepCopy();
        cf.put("httpProtocol", httpProtocol);
        return cf.toString();
    }

    public static final String HTTP11 = json("HTTP/1.1");

    private static ObjectNode read() {
        try (InputStream in = LocalCf.class.getResourceAsStream("local-cf.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the runtime's local-cf.json is missing", e);
        }
    }
}
