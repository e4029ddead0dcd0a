package dev.workersim.core.web.sockets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local TCP server for the sockets tests, the same as the probe server the expected values were
 * measured against under wrangler dev: it echoes what it reads; data starting with "QUIT" makes it
 * close the connection; when the client shuts its side, it answers "BYE" and closes.
 */
final class TcpEcho implements AutoCloseable {
    private final ServerSocket server;
    final AtomicInteger connections = new AtomicInteger();
    /** Connections that have ended (the client closed, or went away). */
    final AtomicInteger ended = new AtomicInteger();

    TcpEcho() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "tcp-echo");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** A loopback port nothing listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> {
                    serve(c);
                    ended.incrementAndGet();
                }, "tcp-echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket c) {
        try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0;) {
                if (new String(buf, 0, Math.min(n, 4), StandardCharsets.ISO_8859_1).equals("QUIT")) return;
                out.write(buf, 0, n);
                out.flush();
            }
            out.write("BYE".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
