package dev.workersim.core.http;

import dev.workersim.core.runtime.ExchangeHandle;
import dev.workersim.core.runtime.DispatchTarget;
import dev.workersim.core.runtime.HeaderList;
import dev.workersim.core.runtime.IncomingRequest;
import dev.workersim.core.runtime.WorkerHost;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.util.Iterator;
import org.xnio.OptionMap;

/**
 * The dev server's front: {@link HttpSocket} listens (refusing malformed heads), the dev routes
 * answer behind their {@link DevRouteGuard}, and Undertow turns every other request into an exchange
 * for the worker and streams the worker's response back. The IO threads never run JS; they post to
 * the worker's loop.
 */
public final class FrontDoor implements AutoCloseable {
    // Undertow and XNIO announce their versions through java.util.logging; the dev server says
    // what matters itself. Strong references: JUL keeps loggers weakly.
    private static final java.util.logging.Logger[] QUIET = {
            java.util.logging.Logger.getLogger("io.undertow"), java.util.logging.Logger.getLogger("org.xnio")};

    static {
        for (java.util.logging.Logger l : QUIET) l.setLevel(java.util.logging.Level.WARNING);
    }

    private final WorkerHost host;
    private final RequestLog requestLog;
    private final String ip;
    private final int requestedPort;
    private final OptionMap serverOptions;
    private volatile HttpSocket server;
    private int port;
    private final dev.workersim.core.scheduled.ScheduledRoutes scheduledRoutes; // /cdn-cgi/handler/scheduled, /__scheduled
    private volatile dev.workersim.core.explorer.LocalExplorer explorer;         // /cdn-cgi/explorer, /cdn-cgi/local/explorer/api
    private final DevRouteGuard devRoutes; // who may reach the routes above

    public FrontDoor(WorkerHost host, String ip, int port, RequestLog requestLog) {
        this(host, ip, port, requestLog, null);
    }

    public FrontDoor(WorkerHost host, String ip, int port, RequestLog requestLog,
            dev.workersim.core.scheduled.ScheduledRoutes scheduledRoutes) {
        this.host = host;
        this.requestLog = requestLog;
        this.scheduledRoutes = scheduledRoutes;
        this.devRoutes = new DevRouteGuard(ip, path -> scheduledRoutes != null && scheduledRoutes.owns(path));
        this.ip = ip;
        this.requestedPort = port;
        this.serverOptions = OptionMap.builder()
                // wrangler dev answers with neither a Date nor a Connection header (recorded in
                // conformance/web/front-door-headers); Undertow adds both unless told not to.
                .set(UndertowOptions.ALWAYS_SET_DATE, false)
                .set(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .set(UndertowOptions.RECORD_REQUEST_START_TIME, requestLog != null)
                .getMap();
    }

    /** Serves the Local Explorer's page and API before the worker sees a request. */
    public void explorer(dev.workersim.core.explorer.LocalExplorer explorer) {
        this.explorer = explorer;
    }

    /** Binds the port (XNIO's setup takes a while: Simulator runs this beside the worker's load). */
    public void start() {
        server = new HttpSocket(ip, requestedPort, serverOptions, this::handle);
        port = server.port();
    }

    public int port() {
        return port;
    }

    private void handle(HttpServerExchange exchange) {
        if (requestLog != null) {
            exchange.addExchangeCompleteListener((ex, next) -> {
                long nanos = System.nanoTime() - ex.getRequestStartTime();
                requestLog.log(ex.getRequestMethod() + " " + ex.getRequestURI()
                        + (ex.getQueryString().isEmpty() ? "" : "?" + ex.getQueryString()) + " "
                        + ex.getStatusCode() + " " + StatusCodes.getReason(ex.getStatusCode())
                        + " (" + Math.max(0, nanos / 1_000_000) + "ms)");
                next.proceed();
            });
        }
        // Keep the exchange open after this IO-thread callback returns: the worker answers later.
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> forward(exchange));
    }

    private void forward(HttpServerExchange exchange) {
        // Every dev route is behind the guard: nothing below answers a path it covers before this.
        if (devRoutes.covers(exchange.getRequestPath()) && devRoutes.refuse(exchange)) return;
        if (scheduledRoutes != null && scheduledRoutes.handle(exchange)) return;
        dev.workersim.core.explorer.LocalExplorer ex = explorer;
        if (ex != null && ex.handle(exchange)) return;
        String method = exchange.getRequestMethod().toString();
        HeaderList headers = workerHeaders(exchange);
        String url = exchange.getRequestURL();
        String query = exchange.getQueryString();
        if (!query.isEmpty()) url = url + "?" + query;
        long length = exchange.getRequestContentLength();
        boolean hasBody = length > 0 || (length < 0 && exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING));
        ExchangeHandle handle = new UndertowExchange(exchange);
        host.dispatch(handle, IncomingRequest.fromEdge(method, url, headers, hasBody), DispatchTarget.DEFAULT);
    }

    /**
     * The request headers as the worker sees them, as wrangler dev gives them: Accept-Encoding is
     * always "br, gzip" (what the edge sends on; the client's own decides the response coding in
     * {@link ContentCoding}), and CF-Connecting-IP is the client's address unless the client sent one.
     */
    private static HeaderList workerHeaders(HttpServerExchange exchange) {
        HeaderList headers = HeaderList.builder(exchange.getRequestHeaders().size() + 2);
        boolean hasConnectingIp = false;
        for (Iterator<HeaderValues> it = exchange.getRequestHeaders().iterator(); it.hasNext(); ) {
            HeaderValues hv = it.next();
            String name = hv.getHeaderName().toString();
            if (name.equalsIgnoreCase("accept-encoding")) continue;
            if (name.equalsIgnoreCase("cf-connecting-ip")) hasConnectingIp = true;
            for (String v : hv) headers.add(name, v);
        }
        headers.add("accept-encoding", "br, gzip");
        InetSocketAddress peer = exchange.getSourceAddress();
        if (!hasConnectingIp && peer != null && peer.getAddress() != null) {
            headers.add("cf-connecting-ip", peer.getAddress().getHostAddress());
        }
        return headers;
    }

    @Override
    public void close() {
        if (server != null) server.close();
    }
}
