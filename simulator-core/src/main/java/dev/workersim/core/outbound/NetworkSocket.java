package dev.workersim.core.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;

/**
 * The network end of {@link OutboundHandler#connect}: a non-blocking TCP connection over NIO.2's
 * {@link AsynchronousSocketChannel}, so no thread waits on a socket (completions run on the JDK's
 * channel group threads and are posted to the worker's loop by the caller). The host name is
 * resolved off the caller's thread, since resolution blocks.
 */
public final class NetworkSocket implements TcpConnection {
    private static final int CHUNK = 16 * 1024;

    private final AsynchronousSocketChannel channel;

    private NetworkSocket(AsynchronousSocketChannel channel) {
        this.channel = channel;
    }

    /** Opens the connection; TLS at once when the request asks for it. */
    public static CompletableFuture<TcpConnection> connect(SocketRequest request) {
        CompletableFuture<TcpConnection> opened = CompletableFuture
                .supplyAsync(() -> new InetSocketAddress(request.hostname(), request.port()))
                .thenCompose(NetworkSocket::open);
        return request.tls() ? opened.thenApply(c -> c.startTls(request.hostname(), request.port())) : opened;
    }

    private static CompletableFuture<TcpConnection> open(InetSocketAddress address) {
        CompletableFuture<TcpConnection> f = new CompletableFuture<>();
        if (address.isUnresolved()) {
            f.completeExceptionally(new IOException("cannot resolve " + address.getHostString()));
            return f;
        }
        AsynchronousSocketChannel ch;
        try {
            ch = AsynchronousSocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            f.completeExceptionally(e);
            return f;
        }
        ch.connect(address, null, handler(f, ignored -> new NetworkSocket(ch), () -> closeQuietly(ch)));
        return f;
    }

    @Override
    public CompletableFuture<ByteBuffer> read() {
        CompletableFuture<ByteBuffer> f = new CompletableFuture<>();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        try {
            channel.read(buf, null, handler(f, n -> n < 0 ? null : ByteBuffer.wrap(java.util.Arrays.copyOf(buf.array(), n)), () -> { }));
        } catch (RuntimeException e) { // closed, or a read already pending
            f.completeExceptionally(e);
        }
        return f;
    }

    @Override
    public CompletableFuture<Void> write(ByteBuffer bytes) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        writeRest(bytes, f);
        return f;
    }

    // A channel write may take only part of the buffer: go on until all of it is written.
    private void writeRest(ByteBuffer bytes, CompletableFuture<Void> f) {
        if (!bytes.hasRemaining()) {
            f.complete(null);
            return;
        }
        CompletableFuture<Integer> written = new CompletableFuture<>();
        try {
            channel.write(bytes, null, handler(written, n -> n, () -> { }));
        } catch (RuntimeException e) { // closed, or a write already pending
            f.completeExceptionally(e);
            return;
        }
        written.whenComplete((n, err) -> {
            if (err != null) f.completeExceptionally(err);
            else writeRest(bytes, f);
        });
    }

    @Override
    public void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException | RuntimeException ignored) {
            // already closed: nothing left to shut
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(AsynchronousSocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** A CompletionHandler that completes {@code f} with {@code map(result)}, or fails it (running {@code onFail}). */
    private static <R, T> CompletionHandler<R, Void> handler(CompletableFuture<T> f,
            java.util.function.Function<R, T> map, Runnable onFail) {
        return new CompletionHandler<>() {
            @Override
            public void completed(R result, Void att) {
                f.complete(map.apply(result));
            }

            @Override
            public void failed(Throwable exc, Void att) {
                onFail.run();
                f.completeExceptionally(exc);
            }
        };
    }
}
