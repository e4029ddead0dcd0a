package dev.workersim.core.spi;

import java.util.Map;

/**
 * A binding's local data as the Local Explorer API shows it ({@code /cdn-cgi/local/explorer/api}),
 * in the shape of Cloudflare's API: a KV namespace under {@code /storage/kv/namespaces/{id}}, a D1
 * database under {@code /d1/database/{id}}. Calls run on a pool thread, so they may block.
 */
public interface ExplorerResource {
    /** "kv", "d1" or "do". */
    String kind();

    /** The namespace or database id the API addresses it by. */
    String id();

    /** The binding's name, shown as the resource's title. */
    String title();

    /** The resource's entry in its kind's list, as JSON, when it is not the generic {id, title}. */
    default String summaryJson() {
        return null;
    }

    /**
     * One call below the resource: {@code path} is what follows the id (e.g. "keys", "values/k1",
     * "raw"), already percent-decoded per segment.
     */
    Reply handle(String method, String path, Map<String, String> query, byte[] body, String contentType);

    /** An answer: status, content type, body. */
    record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Cloudflare's API envelope around a result (JSON text), with result_info when not null. */
        public static Reply ok(String resultJson, String resultInfoJson) {
            return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultJson
                    + (resultInfoJson == null ? "" : ",\"result_info\":" + resultInfoJson) + "}");
        }

        /** The failure envelope: {@code errors: [{code, message}]}, result null. */
        public static Reply error(int status, int code, String message) {
            String m = new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(message));
            return json(status, "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + m
                    + "\"}],\"messages\":[],\"result\":null}");
        }
    }

    /** The kind, id and title of a resource, for implementations to extend. */
    abstract class Base implements ExplorerResource {
        private final String kind;
        private final String id;
        private final String title;

        protected Base(String kind, String id, String title) {
            this.kind = kind;
            this.id = id;
            this.title = title;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String title() {
            return title;
        }
    }
}
