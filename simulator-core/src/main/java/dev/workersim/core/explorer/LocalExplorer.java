package dev.workersim.core.explorer;

import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.ExplorerResource;
import dev.workersim.core.spi.ExplorerResource.Reply;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The Local Explorer, as wrangler dev has it: a page at {@code /cdn-cgi/explorer} and an API at
 * {@code /cdn-cgi/local/explorer/api} shaped like Cloudflare's (its envelope, paths and error codes
 * recorded from wrangler dev) over the bindings' local stores. KV, D1 and R2 are served; the rest of
 * wrangler's API (Durable Objects, Workflows) answers 404 until those bindings exist.
 */
public final class LocalExplorer {
    public static final String PAGE = "/cdn-cgi/explorer";
    public static final String API = "/cdn-cgi/local/explorer/api";

    private final String workerName;
    private final Supplier<List<Binding>> bindings;
    private final Supplier<List<String>> crons;
    // Store calls block (a KV put waits until it is durable): never on an IO thread.
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-explorer");
        t.setDaemon(true);
        return t;
    });

    private final String persistenceScope;

    public LocalExplorer(String workerName, java.nio.file.Path persistRoot, Supplier<List<Binding>> bindings,
            Supplier<List<String>> crons) {
        this.workerName = workerName;
        this.persistenceScope = sha256(persistRoot == null ? "memory:" + workerName : persistRoot.toString());
        this.bindings = bindings;
        this.crons = crons;
    }

    /** Takes the exchange if it is the explorer's (and answers it later); false otherwise. */
    public boolean handle(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        if (path.equals(PAGE) || path.equals(PAGE + "/")) {
            send(exchange, new Reply(200, "text/html; charset=utf-8", resource("index.html")));
            return true;
        }
        if (!path.equals(API) && !path.startsWith(API + "/")) return false;
        String method = exchange.getRequestMethod().toString();
        // The raw URI, so that a key holding "%2F" stays one segment (getRequestPath is decoded).
        String raw = exchange.getRequestURI();
        String sub = raw.startsWith(API) ? raw.substring(API.length()) : path.substring(API.length());
        Map<String, String> query = query(exchange.getQueryString());
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        // dispatch (not a bare execute): Undertow then keeps the exchange open until the pool answers it
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> ex.dispatch(pool, () -> {
            Reply reply;
            try {
                reply = route(method, sub, query, body, contentType);
            } catch (RuntimeException e) {
                reply = Reply.error(500, 10000, String.valueOf(e.getMessage()));
            }
            send(ex, reply);
        }), (ex, err) -> send(ex, Reply.error(400, 10000, "cannot read the request body: " + err.getMessage())));
        return true;
    }

    Reply route(String method, String path, Map<String, String> query, byte[] body, String contentType) {
        List<String> seg = segments(path);
        if (seg.isEmpty()) return new Reply(200, "application/json", resource("openapi.json"));
        if (seg.equals(List.of("storage", "kv", "namespaces")) && method.equals("GET")) return list("kv", "id", "title");
        if (seg.size() >= 5 && seg.subList(0, 3).equals(List.of("storage", "kv", "namespaces"))) {
            return delegate("kv", seg.get(3), method, String.join("/", seg.subList(4, seg.size())), query, body, contentType);
        }
        if (seg.equals(List.of("d1", "database")) && method.equals("GET")) return list("d1", "uuid", "name");
        if (seg.size() >= 4 && seg.subList(0, 2).equals(List.of("d1", "database"))) {
            return delegate("d1", seg.get(2), method, String.join("/", seg.subList(3, seg.size())), query, body, contentType);
        }
        List<String> doNamespaces = List.of("workers", "durable_objects", "namespaces");
        if (seg.equals(doNamespaces) && method.equals("GET")) return list("do", "id", "name");
        if (seg.size() >= 5 && seg.subList(0, 3).equals(doNamespaces)) {
            return delegate("do", seg.get(3), method, String.join("/", seg.subList(4, seg.size())), query, body, contentType);
        }
        if (seg.equals(List.of("r2", "buckets")) && method.equals("GET")) return buckets();
        if (seg.size() >= 4 && seg.subList(0, 2).equals(List.of("r2", "buckets"))) {
            return delegate("r2", seg.get(2), method, String.join("/", seg.subList(3, seg.size())), query, body, contentType);
        }
        if (seg.equals(List.of("local", "workers")) && method.equals("GET")) return workers();
        return Reply.error(404, 10000, "Not Found");
    }

    private List<ExplorerResource> resources(String kind) {
        List<ExplorerResource> out = new ArrayList<>();
        for (Binding b : bindings.get()) {
            ExplorerResource r = b.explorer();
            if (r != null && r.kind().equals(kind) && out.stream().noneMatch(o -> o.id().equals(r.id()))) out.add(r);
        }
        return out;
    }

    private Reply list(String kind, String idKey, String titleKey) {
        StringBuilder sb = new StringBuilder("[");
        List<ExplorerResource> all = resources(kind);
        for (ExplorerResource r : all) {
            if (sb.length() > 1) sb.append(',');
            if (r.summaryJson() != null) {
                sb.append(r.summaryJson());
            } else if (kind.equals("d1")) {
                sb.append("{\"name\":").append(q(r.title())).append(",\"uuid\":").append(q(r.id()))
                        .append(",\"version\":\"production\"}");
            } else {
                sb.append('{').append(q(idKey)).append(':').append(q(r.id())).append(',').append(q(titleKey)).append(':')
                        .append(q(r.title())).append('}');
            }
        }
        return Reply.ok(sb.append(']').toString(), "{\"count\":" + all.size() + "}");
    }

    /** R2 buckets by name, sorted, as wrangler's explorer lists them: {@code {buckets: [{name}]}}. */
    private Reply buckets() {
        List<String> names = new ArrayList<>();
        for (ExplorerResource r : resources("r2")) names.add(r.id());
        names.sort(null);
        StringBuilder sb = new StringBuilder("{\"buckets\":[");
        for (int i = 0; i < names.size(); i++) sb.append(i > 0 ? "," : "").append("{\"name\":").append(q(names.get(i))).append('}');
        return Reply.ok(sb.append("]}").toString(), "{\"count\":" + names.size() + ",\"total_count\":" + names.size() + "}");
    }

    private Reply delegate(String kind, String id, String method, String rest, Map<String, String> query, byte[] body,
            String contentType) {
        for (ExplorerResource r : resources(kind)) {
            if (r.id().equals(id)) return r.handle(method, rest, query, body, contentType);
        }
        // wrangler answers an unknown namespace as an empty one; an unknown database is not found
        if (kind.equals("kv") && method.equals("GET") && rest.equals("keys")) {
            return Reply.ok("[]", "{\"count\":0,\"cursor\":\"\"}");
        }
        if (kind.equals("do")) return Reply.error(404, 10066, "Durable Object namespace ID '" + id + "' not found.");
        return Reply.error(404, 10009, "Not Found");
    }

    private Reply workers() {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String k : List.of("kv", "d1", "r2", "do", "workflows", "sendEmail", "flagship")) byKind.put(k, new ArrayList<>());
        for (Binding b : bindings.get()) {
            ExplorerResource r = b.explorer();
            if (r == null) continue;
            byKind.get(r.kind()).add("{\"id\":" + q(r.id()) + ",\"bindingName\":" + q(b.name()) + "}");
        }
        StringBuilder sb = new StringBuilder("[{\"isSelf\":true,\"name\":").append(q(workerName)).append(",\"bindings\":{");
        boolean first = true;
        for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(q(e.getKey())).append(":[").append(String.join(",", e.getValue())).append(']');
        }
        sb.append("},\"triggers\":{\"crons\":[");
        List<String> cs = crons.get();
        for (int i = 0; i < cs.size(); i++) sb.append(i > 0 ? "," : "").append(q(cs.get(i)));
        // wrangler names the state's scope by a hash; here it is the persist folder's
        return Reply.ok(sb.append("]},\"persistenceScope\":").append(q(persistenceScope)).append("}]").toString(), null);
    }

    private static void send(HttpServerExchange exchange, Reply reply) {
        exchange.setStatusCode(reply.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, reply.contentType());
        exchange.getResponseSender().send(ByteBuffer.wrap(reply.body()));
    }

    private static byte[] resource(String name) {
        try (InputStream in = LocalExplorer.class.getResourceAsStream("/dev/workersim/core/explorer/" + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.putIfAbsent(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String sha256(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String q(String s) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    public void close() {
        pool.shutdownNow();
    }
}
