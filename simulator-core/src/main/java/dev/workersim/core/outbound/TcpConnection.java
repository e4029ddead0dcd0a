package dev.workersim.core.outbound;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One open TCP connection (or what stands in for one: a test's fake, a TLS layer over another),
 * as {@link OutboundHandler#connect} answers it. At most one read and one write are outstanding at a
 * time; their futures complete on any thread.
 */
public interface TcpConnection extends AutoCloseable {
    /** The next bytes from the far end, or null once it has closed its side. */
    CompletableFuture<ByteBuffer> read();

    /** Writes all of {@code bytes}; completes once they are handed to the network. */
    CompletableFuture<Void> write(ByteBuffer bytes);

    /** No more writes: the far end reads the end of the stream, while reads go on (half-open). */
    void shutdownOutput();

    /** Closes both directions; an outstanding read ends. */
    @Override
    void close();

    /**
     * Starts TLS over this connection ({@code socket.startTls()}), verifying the server as
     * {@code hostname}: the returned connection carries the encrypted traffic, this one is no
     * longer used directly. By default, {@link TlsConnection} over this one, trusting what the JVM trusts.
     */
    default TcpConnection startTls(String hostname, int port) {
        return TlsConnection.client(this, hostname, port);
    }

    /** Completes once the connection can carry data (a TLS connection: its handshake is done). */
    default CompletableFuture<Void> ready() {
        return CompletableFuture.completedFuture(null);
    }
}
