package dev.workersim.core.web.sockets;

import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.outbound.SocketRequest;
import dev.workersim.core.outbound.TcpConnection;
import dev.workersim.core.spi.HostLoop;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One {@code cloudflare:sockets} Socket as its JS (web/sockets/sockets.js) holds it: the connection
 * the outbound seam opened, read and written one chunk at a time. Every completion is posted to the
 * worker's loop; after {@link #close} they are dropped (JS has settled its promises itself).
 */
public final class TcpSocketCall {
    private final HostLoop loop;
    private final SocketRequest request;
    private final CompletableFuture<TcpConnection> connection;
    private CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null); // loop thread only
    private volatile boolean closed;

    private TcpSocketCall(HostLoop loop, SocketRequest request, CompletableFuture<TcpConnection> connection) {
        this.loop = loop;
        this.request = request;
        this.connection = connection;
    }

    /**
     * Asks {@code outbound} for the connection; {@code onOpen(ok, errorName, errorMessage)} runs on
     * the loop once it is open or has failed (errorName null: a network failure, which JS words as
     * workerd does; otherwise the handler's OutboundError).
     */
    public static TcpSocketCall open(HostLoop loop, OutboundHandler outbound, SocketRequest request, Value onOpen) {
        CompletableFuture<TcpConnection> f;
        try {
            f = outbound.connect(request);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return started(loop, request, f, onOpen);
    }

    private static TcpSocketCall started(HostLoop loop, SocketRequest request, CompletableFuture<TcpConnection> opening, Value onOpen) {
        CompletableFuture<TcpConnection> f = opening.thenCompose(c -> c.ready().thenApply(v -> c));
        TcpSocketCall call = new TcpSocketCall(loop, request, f);
        f.whenComplete((c, err) -> loop.post(() -> call.opened(c, err, onOpen)));
        return call;
    }

    // Told even after close(): workerd's opened still resolves for a socket closed while connecting.
    private void opened(TcpConnection c, Throwable err, Value onOpen) {
        if (closed && c != null) c.close();
        else if (c != null) loop.closeWithLoop(c);
        OutboundError refusal = refusal(err);
        if (err == null) onOpen.execute(true, null, null);
        else if (refusal != null) onOpen.execute(false, refusal.jsName(), refusal.getMessage());
        else if (cause(err) instanceof javax.net.ssl.SSLException tls) onOpen.execute(false, "Error", "TLS handshake failed: " + tls.getMessage());
        else onOpen.execute(false, null, null);
    }

    /**
     * {@code socket.startTls()}: once the writes already made are sent, TLS starts over this
     * connection (verifying the server as {@code hostname}); the returned call is the secure socket,
     * whose {@code onOpen} hears the handshake's outcome. This call is not used again.
     */
    @HostAccess.Export
    public TcpSocketCall startTls(String hostname, Value onOpen) {
        CompletableFuture<TcpConnection> secure = lastWrite.handle((v, e) -> null)
                .thenCompose(ignored -> connection)
                .thenApply(c -> c.startTls(hostname, request.port()));
        return started(loop, request, secure, onOpen);
    }

    /** The OutboundError a handler failed with on purpose, or null for any other failure. */
    private static OutboundError refusal(Throwable err) {
        return cause(err) instanceof OutboundError oe ? oe : null;
    }

    /** {@code callback(chunk: ByteBuffer|null, error: string|null)}: the next bytes, null at the far end's close. */
    @HostAccess.Export
    public void read(Value callback) {
        connection.thenCompose(TcpConnection::read).whenComplete((chunk, err) -> loop.post(() -> {
            if (closed) return;
            if (err != null) callback.execute(null, message(err));
            else callback.execute(chunk, null);
        }));
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset}; {@code callback(error|null)} once sent. */
    @HostAccess.Export
    public void write(Value bytes, int offset, int length, Value callback) {
        byte[] out = new byte[length];
        if (length > 0) bytes.readBuffer(offset, out, 0, length);
        CompletableFuture<Void> written = connection.thenCompose(c -> c.write(ByteBuffer.wrap(out)));
        lastWrite = written;
        written.whenComplete((v, err) -> loop.post(() -> {
            if (!closed) callback.execute(err == null ? null : message(err));
        }));
    }

    /** The writable side closed: the far end reads the end of the stream. */
    @HostAccess.Export
    public void shutdown() {
        connection.thenAccept(TcpConnection::shutdownOutput);
    }

    /** Closes the connection (now, or as soon as it opens). */
    @HostAccess.Export
    public void close() {
        closed = true;
        connection.thenAccept(c -> {
            loop.release(c);
            c.close();
        });
    }

    private static String message(Throwable err) {
        Throwable e = cause(err);
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static Throwable cause(Throwable err) {
        Throwable e = err;
        while (e instanceof CompletionException && e.getCause() != null) e = e.getCause();
        return e;
    }
}
