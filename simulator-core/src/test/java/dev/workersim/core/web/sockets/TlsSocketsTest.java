package dev.workersim.core.web.sockets;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.outbound.NetworkSocket;
import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.outbound.OutboundRequest;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.outbound.SocketRequest;
import dev.workersim.core.outbound.TcpConnection;
import dev.workersim.core.outbound.TlsConnection;
import dev.workersim.core.testing.WorkerFixture;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS on {@code cloudflare:sockets}: {@code secureTransport: "on"} and {@code startTls()} over the
 * JDK's SSLEngine ({@link TlsConnection}), against a local server with a self-signed certificate for
 * "localhost" (made with keytool). The worker's outbound handler trusts that certificate; everything
 * else is the default network path. The starttls server speaks plain text until the client says
 * "STARTTLS", then TLS on the same connection, as SMTP or Postgres do.
 */
class TlsSocketsTest {
    private static final String WORKER = """
            import { connect } from "cloudflare:sockets";
            const dec = new TextDecoder(), enc = new TextEncoder();
            async function roundTrip(socket, text) {
              const w = socket.writable.getWriter(); await w.write(enc.encode(text)); w.releaseLock();
              const r = socket.readable.getReader(); const { value } = await r.read(); r.releaseLock();
              return dec.decode(value);
            }
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                const port = Number(url.searchParams.get("port"));
                try {
                  if (url.pathname === "/on") {
                    const s = connect({ hostname: "localhost", port }, { secureTransport: "on" });
                    const opened = await s.opened;
                    const got = await roundTrip(s, "hello tls");
                    await s.close();
                    return Response.json({ opened, got, secureTransport: s.secureTransport });
                  }
                  if (url.pathname === "/starttls") {
                    const s = connect({ hostname: "localhost", port }, { secureTransport: "starttls" });
                    const plain = await roundTrip(s, "STARTTLS");
                    const tls = s.startTls();
                    await tls.opened;
                    const got = await roundTrip(tls, "secret");
                    await tls.close();
                    return Response.json({ plain, got, oldClosed: await s.closed.then(() => "closed") });
                  }
                  if (url.pathname === "/wrong-name") {
                    const s = connect({ hostname: "127.0.0.1", port }, { secureTransport: "on" });
                    await s.opened;
                    return Response.json({ opened: true });
                  }
                } catch (e) {
                  return Response.json({ error: e.name, message: e.message });
                }
                return new Response("no test", { status: 404 });
              },
            };
            """;

    private static SSLContext context;
    private static ServerSocket tlsServer;
    private static ServerSocket startTlsServer;

    /** Plain connections from the network path, TLS with the test's trust. */
    private static final OutboundHandler TRUSTING = new OutboundHandler() {
        @Override
        public CompletableFuture<OutboundResponse> send(OutboundRequest request) {
            return CompletableFuture.failedFuture(new IllegalStateException("no fetch here"));
        }

        @Override
        public CompletableFuture<TcpConnection> connect(SocketRequest request) {
            return NetworkSocket.connect(new SocketRequest(request.hostname(), request.port(), false))
                    .thenApply(c -> request.tls() ? TlsConnection.client(c, request.hostname(), request.port(), context) : trusting(c));
        }
    };

    @RegisterExtension
    static final WorkerFixture worker = WorkerFixture.script(WORKER).toml("compatibility_date = \"2025-01-01\"\n")
            .configure(b -> b.outbound(TRUSTING));

    @BeforeAll
    static void servers() throws Exception {
        Path dir = Files.createTempDirectory("tls-sockets");
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "keytool: " + out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        tlsServer = context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        serve(tlsServer, TlsSocketsTest::echoOnce);
        startTlsServer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        serve(startTlsServer, TlsSocketsTest::startTls);
    }

    @AfterAll
    static void stop() throws IOException {
        tlsServer.close();
        startTlsServer.close();
    }

    private interface Conversation {
        void run(Socket s) throws IOException;
    }

    private static void serve(ServerSocket server, Conversation conversation) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket c = server.accept()) {
                    conversation.run(c);
                } catch (IOException e) {
                    // next connection
                }
            }
        }, "tls-sockets-server");
        t.setDaemon(true);
        t.start();
    }

    private static void echoOnce(Socket c) throws IOException {
        InputStream in = c.getInputStream();
        OutputStream out = c.getOutputStream();
        byte[] buf = new byte[1024];
        int n = in.read(buf);
        out.write(("echo:" + new String(buf, 0, n, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        out.flush();
        in.read(buf); // until the client closes
    }

    // "STARTTLS" in plain text, "OK" back, then TLS on the same connection and one echo.
    private static void startTls(Socket c) throws IOException {
        byte[] buf = new byte[64];
        int n = c.getInputStream().read(buf);
        if (!new String(buf, 0, n, StandardCharsets.US_ASCII).equals("STARTTLS")) return;
        c.getOutputStream().write("OK".getBytes(StandardCharsets.US_ASCII));
        c.getOutputStream().flush();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(c, null, c.getPort(), false);
        tls.setUseClientMode(false);
        echoOnce(tls);
    }

    // The plain connection, whose startTls() trusts the test's certificate.
    private static TcpConnection trusting(TcpConnection c) {
        return new TcpConnection() {
            @Override
            public CompletableFuture<ByteBuffer> read() {
                return c.read();
            }

            @Override
            public CompletableFuture<Void> write(ByteBuffer bytes) {
                return c.write(bytes);
            }

            @Override
            public void shutdownOutput() {
                c.shutdownOutput();
            }

            @Override
            public void close() {
                c.close();
            }

            @Override
            public TcpConnection startTls(String hostname, int port) {
                return TlsConnection.client(c, hostname, port, context);
            }
        };
    }

    @Test
    void secureTransportOnSpeaksTlsFromTheStart() {
        JsonNode got = worker.get("/on?port=" + tlsServer.getLocalPort()).ok().json();
        assertJson(Map.of("opened", Map.of("remoteAddress", "localhost:" + tlsServer.getLocalPort()),
                "got", "echo:hello tls", "secureTransport", "on"), got);
    }

    @Test
    void startTlsUpgradesThePlainConnection() {
        JsonNode got = worker.get("/starttls?port=" + startTlsServer.getLocalPort()).ok().json();
        assertJson(Map.of("plain", "OK", "got", "echo:secret", "oldClosed", "closed"), got);
    }

    @Test
    void aCertificateForAnotherNameFailsOpened() {
        JsonNode got = worker.get("/wrong-name?port=" + tlsServer.getLocalPort()).ok().json();
        assertEquals("Error", got.get("error").asText(), got.toString());
        assertTrue(got.get("message").asText().startsWith("TLS handshake failed: "), got.toString());
    }
}
