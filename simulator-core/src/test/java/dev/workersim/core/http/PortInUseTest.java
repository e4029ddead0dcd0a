package dev.workersim.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workersim.core.Simulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A port another program holds stops the start with wrangler dev's message, and leaves nothing bound. */
class PortInUseTest {
    private static final String WORKER = "export default { fetch() { return new Response('served'); } };";

    @Test
    void aTakenPortFailsTheStartWithWranglersMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Simulator sim = Simulator.builder().script(WORKER).http(true).ip("127.0.0.1").port(port).build();
            PortInUseException e = assertThrows(PortInUseException.class, sim::start);
            assertEquals("Address already in use (127.0.0.1:" + port + "). Please check that you are not already"
                    + " running a server on this address or specify a different port with --port.", e.getMessage());
        }
    }

    @Test
    void theSamePortServesOnceItIsFree() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = taken.getLocalPort();
            Simulator refused = Simulator.builder().script(WORKER).http(true).ip("127.0.0.1").port(port).build();
            assertThrows(PortInUseException.class, refused::start);
        }
        // the failed start released everything it had: a second simulator binds the port and answers
        try (Simulator sim = Simulator.builder().script(WORKER).http(true).ip("127.0.0.1").port(port).build().start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("served", r.body());
        }
    }
}
