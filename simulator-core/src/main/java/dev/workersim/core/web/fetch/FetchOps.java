package dev.workersim.core.web.fetch;

import dev.workersim.core.web.websocket.ClientWebSocket;
import dev.workersim.core.web.websocket.WebSocketOps;
import dev.workersim.core.outbound.OutboundBody;
import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.outbound.OutboundRequest;
import dev.workersim.core.runtime.ExchangeHandle;
import dev.workersim.core.spi.HostLoop;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host half of the global {@code fetch()} (web/fetch/fetch.js). JS sends one hop at a time (it
 * follows redirects itself, as workerd's fetch does); each hop goes to the Simulator's
 * {@link OutboundHandler}, the single place where subrequests leave the worker.
 */
public final class FetchOps {
    private final HostLoop loop;
    private final OutboundHandler outbound;

    public FetchOps(HostLoop loop, OutboundHandler outbound) {
        this.loop = loop;
        this.outbound = outbound;
    }

    /**
     * Starts one HTTP exchange. The body is either whole bytes ({@code bytes}, offset, length), or a
     * stream that Java pulls chunk by chunk by calling {@code pull(call)} (when {@code streamed}), or
     * none. {@code onHead(status, statusText, headersFlat, hasBody, errorName, errorMessage)} runs
     * on the loop once the response head arrives or the exchange fails.
     */
    @HostAccess.Export
    public FetchCall send(String method, String url, String headersFlat, Value bytes, int offset, int length,
            boolean streamed, double streamLength, Value pull, Value onHead) {
        FetchCall call = new FetchCall(loop, onHead);
        OutboundBody body = null;
        if (streamed) {
            body = call.requestBody(pull, streamLength >= 0 ? (long) streamLength : -1);
        } else if (bytes != null && !bytes.isNull()) {
            byte[] out = new byte[length];
            if (length > 0) bytes.readBuffer(offset, out, 0, length);
            body = OutboundBody.of(out);
        }
        OutboundRequest request = new OutboundRequest(method, url, ExchangeHandle.parseHeaders(headersFlat), body);
        call.start(outbound, request);
        return call;
    }

    /**
     * Opens a WebSocket client connection: an upgrade subrequest (GET {@code url}, an http(s) URL,
     * with {@code headersFlat}, {@code Upgrade: websocket} among them) through the same seam as
     * {@link #send}, so an outbound Worker and a subrequest limit apply to it too. {@code sink}
     * hears the outcome, see {@link ClientWebSocket}.
     */
    @HostAccess.Export
    public WebSocketOps.Socket connect(String url, String headersFlat, Value sink) {
        ClientWebSocket socket = new ClientWebSocket(loop, sink);
        OutboundRequest request = new OutboundRequest("GET", url, ExchangeHandle.parseHeaders(headersFlat), null);
        java.util.concurrent.CompletableFuture<dev.workersim.core.outbound.OutboundResponse> answer;
        try {
            answer = outbound.upgrade(request);
        } catch (RuntimeException e) {
            answer = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        answer.whenComplete(socket::answered);
        return socket;
    }

    /**
     * Opens a TCP socket ({@code connect()} from {@code cloudflare:sockets}) through the same seam as
     * {@link #send}, so an outbound Worker and a subrequest limit apply to it too.
     */
    @HostAccess.Export
    public dev.workersim.core.web.sockets.TcpSocketCall openSocket(String hostname, int port, boolean tls, Value onOpen) {
        return dev.workersim.core.web.sockets.TcpSocketCall.open(loop, outbound,
                new dev.workersim.core.outbound.SocketRequest(hostname, port, tls), onOpen);
    }
}
