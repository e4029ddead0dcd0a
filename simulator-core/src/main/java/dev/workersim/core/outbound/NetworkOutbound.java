package dev.workersim.core.outbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The default {@link OutboundHandler}: the real network over java.net.http, HTTP/1.1, one hop per
 * call (redirects are the caller's business, as in workerd). Adds the {@code CF-Worker} header
 * Cloudflare puts on every subrequest (always, in place of any the worker set: the dev server's
 * DevRouteGuard knows a worker's request by it), and turns connection failures into workerd's messages.
 */
public final class NetworkOutbound implements OutboundHandler {
    // java.net.http refuses to let callers set these; it writes its own from the URI and the body.
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "content-length", "expect", "host", "upgrade", "keep-alive", "transfer-encoding",
            "te", "trailer", "proxy-connection");
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "outbound-http");
        t.setDaemon(true);
        return t;
    });
    // One client for the process: it pools connections and owns a selector thread.
    private static volatile HttpClient shared;

    private final String cfWorker;

    /** @param cfWorker the CF-Worker header value (the worker's zone) */
    public NetworkOutbound(String cfWorker) {
        this.cfWorker = java.util.Objects.requireNonNull(cfWorker, "cfWorker");
    }

    private static HttpClient client() {
        HttpClient c = shared;
        if (c == null) {
            synchronized (NetworkOutbound.class) {
                c = shared;
                if (c == null) {
                    c = shared = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .executor(EXECUTOR)
                            .build();
                }
            }
        }
        return c;
    }

    @Override
    public CompletableFuture<OutboundResponse> send(OutboundRequest request) {
        HttpRequest httpRequest;
        try {
            httpRequest = build(request);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new OutboundError("TypeError", "Fetch API cannot load: " + request.url()));
        }
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> exchange =
                client().sendAsync(httpRequest, HttpResponse.BodyHandlers.ofPublisher());
        CompletableFuture<OutboundResponse> result = new CompletableFuture<>();
        exchange.whenComplete((resp, err) -> {
            if (err != null) {
                result.completeExceptionally(translate(err));
            } else if (!result.complete(toResponse(request, resp))) {
                resp.body().subscribe(new Discard()); // aborted meanwhile: free the connection
            }
        });
        // The caller cancels the future to abort; pass that on so the socket closes.
        result.whenComplete((r, err) -> {
            if (err instanceof CancellationException) exchange.cancel(true);
        });
        return result;
    }

    private HttpRequest build(OutboundRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(toUri(request.url()));
        for (String[] h : request.headers()) {
            if (HOP_BY_HOP.contains(h[0].toLowerCase(Locale.ROOT)) || h[0].equalsIgnoreCase("cf-worker")) continue;
            b.header(h[0], h[1]);
        }
        b.header("CF-Worker", cfWorker);
        // GET without a body goes through GET() so no "Content-Length: 0" is added (workerd sends none).
        if (request.method().equals("GET") && request.body() == null) b.GET();
        else b.method(request.method(), publisher(request));
        return b.build();
    }

    private static HttpRequest.BodyPublisher publisher(OutboundRequest request) {
        OutboundBody body = request.body();
        if (body == null) return HttpRequest.BodyPublishers.noBody();
        byte[] whole = body.bytesIfBuffered();
        if (whole != null) return HttpRequest.BodyPublishers.ofByteArray(whole);
        long length = body.length();
        if (length < 0) {
            // A stream of unknown length goes out chunked, unless the worker declared its length.
            String declared = request.header("content-length");
            if (declared != null) {
                try {
                    length = Long.parseLong(declared.trim());
                } catch (NumberFormatException ignored) {
                    length = -1;
                }
            }
        }
        if (length == 0) return HttpRequest.BodyPublishers.noBody();
        PullPublisher pub = new PullPublisher(body);
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(pub, length)
                : HttpRequest.BodyPublishers.fromPublisher(pub);
    }

    private static OutboundResponse toResponse(OutboundRequest request, HttpResponse<Flow.Publisher<List<ByteBuffer>>> resp) {
        List<String[]> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : resp.headers().map().entrySet()) {
            if (e.getKey().startsWith(":")) continue;
            String name = e.getKey().toLowerCase(Locale.ROOT);
            for (String v : e.getValue()) headers.add(new String[] {name, v});
        }
        int status = resp.statusCode();
        boolean noBody = request.method().equals("HEAD") || status == 204 || status == 205 || status == 304;
        OutboundBody body;
        if (noBody) {
            resp.body().subscribe(new Discard());
            body = null;
        } else {
            long length = resp.headers().firstValueAsLong("content-length").orElse(-1);
            body = new SubscribedBody(resp.body(), length);
        }
        return new OutboundResponse(status, StatusText.of(status), headers, body);
    }

    /** workerd's words for what went wrong on the wire. */
    private static Throwable translate(Throwable err) {
        Throwable e = err;
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CancellationException || e instanceof OutboundError) return e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                // workerd's words for a name that does not resolve (recorded: wrangler dev 4.168, offline).
                return new OutboundError("Error", "Network connection failed: failed to lookup address information: Name or service not known");
            }
        }
        // Refused, reset, closed early, TLS failures: workerd reports them all the same way.
        return new OutboundError("Error", "Network connection lost.");
    }

    /**
     * A WHATWG URL (already parsed and normalised by the worker's URL class) as a java.net.URI,
     * which is stricter: characters the URL standard leaves as they are (| ^ { } ...) get
     * percent-encoded so the URI parser accepts them; the bytes on the wire are then the same.
     */
    static URI toUri(String url) {
        int hash = url.indexOf('#');
        if (hash >= 0) url = url.substring(0, hash);
        int scheme = url.indexOf("://");
        int pathStart = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
        if (pathStart < 0) pathStart = url.length();
        StringBuilder sb = new StringBuilder(url.length() + 16);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean inPath = i >= pathStart;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0 && !(inPath && (c == '[' || c == ']'))) {
                sb.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
        return URI.create(sb.toString());
    }

    /** Reads and drops a body nobody will read, so the connection can be reused or closed. */
    private static final class Discard implements Flow.Subscriber<List<ByteBuffer>> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }
    }
}
