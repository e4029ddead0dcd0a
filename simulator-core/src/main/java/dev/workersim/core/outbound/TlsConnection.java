package dev.workersim.core.outbound;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS (client side) over another {@link TcpConnection}, with the JDK's {@link SSLEngine}: the
 * handshake runs before the first read or write completes, the server's certificate is checked
 * against the host name as HTTPS does. Reads and writes may overlap (the engine allows one wrap and
 * one unwrap at a time); each side is serialised by the stream that drives it.
 */
public final class TlsConnection implements TcpConnection {
    private final TcpConnection raw;
    private final SSLEngine engine;
    private final CompletableFuture<Void> handshake;
    private ByteBuffer netIn;   // ciphertext read but not yet unwrapped (read mode)
    private final ByteBuffer early; // data that came with the handshake's last records (write mode)
    private final Object unwrapLock = new Object();
    private final Object wrapLock = new Object();

    private TlsConnection(TcpConnection raw, SSLEngine engine) {
        this.raw = raw;
        this.engine = engine;
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()).flip();
        this.early = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.handshake = new CompletableFuture<>();
    }

    /** A client connection to {@code hostname} over {@code raw}, trusting what the JVM trusts. */
    public static TcpConnection client(TcpConnection raw, String hostname, int port) {
        try {
            return client(raw, hostname, port, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    /** The same with the trust (and keys) of {@code context}. */
    public static TcpConnection client(TcpConnection raw, String hostname, int port, SSLContext context) {
        SSLEngine engine = context.createSSLEngine(hostname, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        TlsConnection c = new TlsConnection(raw, engine);
        try {
            engine.beginHandshake();
            c.step();
        } catch (SSLException e) {
            c.handshake.completeExceptionally(e);
        }
        c.handshake.whenComplete((v, e) -> {
            if (e != null) raw.close();
        });
        return c;
    }

    // Drives the handshake one step at a time until the engine no longer needs it.
    private void step() {
        try {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null;) task.run();
                    step();
                }
                case NEED_WRAP -> wrapAndSend(ByteBuffer.allocate(0)).whenComplete((v, e) -> next(e));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapSome(null).whenComplete((v, e) -> next(e));
                default -> handshake.complete(null);
            }
        } catch (RuntimeException e) {
            handshake.completeExceptionally(e);
        }
    }

    private void next(Throwable e) {
        if (e != null) handshake.completeExceptionally(e);
        else step();
    }

    /** The handshake's outcome: the secure socket's {@code opened}. */
    @Override
    public CompletableFuture<Void> ready() {
        return handshake;
    }

    @Override
    public CompletableFuture<ByteBuffer> read() {
        return handshake.thenCompose(v -> readPlain());
    }

    private CompletableFuture<ByteBuffer> readPlain() {
        if (early.position() > 0) {
            early.flip();
            ByteBuffer first = ByteBuffer.allocate(early.remaining()).put(early).flip();
            early.clear();
            return CompletableFuture.completedFuture(first);
        }
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        return unwrapSome(app).thenCompose(closed -> {
            if (app.position() > 0) return CompletableFuture.completedFuture(ByteBuffer.wrap(java.util.Arrays.copyOf(app.array(), app.position())));
            if (Boolean.TRUE.equals(closed)) return CompletableFuture.completedFuture(null);
            return readPlain(); // a record without data (a session ticket)
        });
    }

    /**
     * Unwraps one record into {@code app} (null during the handshake: into {@code early}), reading ciphertext while the
     * engine needs more; completes with true once the far end has closed (TLS close or TCP end).
     */
    private CompletableFuture<Boolean> unwrapSome(ByteBuffer app) {
        SSLEngineResult result;
        synchronized (unwrapLock) {
            try {
                result = engine.unwrap(netIn, app == null ? early : app);
            } catch (SSLException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW:
                return raw.read().thenCompose(chunk -> {
                    if (chunk == null) {
                        if (!handshake.isDone()) return CompletableFuture.failedFuture(new SSLException("connection closed during the TLS handshake"));
                        return CompletableFuture.completedFuture(true);
                    }
                    append(chunk);
                    return unwrapSome(app);
                });
            case CLOSED:
                return CompletableFuture.completedFuture(true);
            default:
                if (handshake.isDone() && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    // A post-handshake message wants an answer (TLS 1.3 key update).
                    return wrapAndSend(ByteBuffer.allocate(0)).thenApply(v -> false);
                }
                if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null;) task.run();
                }
                return CompletableFuture.completedFuture(false);
        }
    }

    private void append(ByteBuffer chunk) {
        synchronized (unwrapLock) {
            ByteBuffer grown = ByteBuffer.allocate(netIn.remaining() + chunk.remaining());
            grown.put(netIn).put(chunk).flip();
            netIn = grown;
        }
    }

    @Override
    public CompletableFuture<Void> write(ByteBuffer bytes) {
        return handshake.thenCompose(v -> writeAll(bytes));
    }

    private CompletableFuture<Void> writeAll(ByteBuffer bytes) {
        return wrapAndSend(bytes).thenCompose(v -> bytes.hasRemaining() ? writeAll(bytes) : CompletableFuture.completedFuture(null));
    }

    // Wraps what one record takes of `app` and sends the ciphertext.
    private CompletableFuture<Void> wrapAndSend(ByteBuffer app) {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        synchronized (wrapLock) {
            try {
                SSLEngineResult result = engine.wrap(app, net);
                if (result.getStatus() == SSLEngineResult.Status.CLOSED && net.position() == 0) {
                    return CompletableFuture.failedFuture(new SSLException("TLS connection closed"));
                }
            } catch (SSLException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        net.flip();
        return net.hasRemaining() ? raw.write(net) : CompletableFuture.completedFuture(null);
    }

    @Override
    public void shutdownOutput() {
        engine.closeOutbound();
        wrapAndSend(ByteBuffer.allocate(0)).whenComplete((v, e) -> raw.shutdownOutput());
    }

    @Override
    public void close() {
        raw.close();
    }

    /** TLS is already on. */
    @Override
    public TcpConnection startTls(String hostname, int port) {
        throw new OutboundError("TypeError", "Cannot startTls on a TLS socket.");
    }
}
