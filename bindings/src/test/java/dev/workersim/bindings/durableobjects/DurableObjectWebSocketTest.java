package dev.workersim.bindings.durableobjects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A chat room Durable Object with hibernatable WebSockets, reached over the front door: the worker
 * forwards the upgrade with stub.fetch(), the object accepts the socket with ctx.acceptWebSocket().
 */
class DurableObjectWebSocketTest {
    private static final String WORKER = """
            import { DurableObject } from "cloudflare:workers";
            export class Room extends DurableObject {
              async fetch(request) {
                const pair = new WebSocketPair();
                this.ctx.acceptWebSocket(pair[1], ["room", new URL(request.url).searchParams.get("who")]);
                this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
                return new Response(null, { status: 101, webSocket: pair[0] });
              }
              webSocketMessage(ws, message) {
                const from = this.ctx.getTags(ws)[1];
                for (const s of this.ctx.getWebSockets("room")) s.send(from + ":" + message + ":" + this.ctx.getWebSockets().length);
              }
              webSocketClose(ws, code, reason, wasClean) {
                ws.close(code, "bye " + reason);
                for (const s of this.ctx.getWebSockets()) if (s !== ws) s.send("left:" + code);
              }
            }
            export default { fetch(request, env) { return env.ROOM.getByName("lobby").fetch(request); } };
            """;
    private static final String CONFIG = """
            [[durable_objects.bindings]]
            name = "ROOM"
            class_name = "Room"
            [[migrations]]
            tag = "v1"
            new_sqlite_classes = ["Room"]
            """;

    /** A test client that queues the texts it receives. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws;

        static Client open(Simulator sim, String path) throws Exception {
            Client c = new Client();
            URI uri = URI.create(sim.url().toString().replaceFirst("^http", "ws")).resolve(path);
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, c).get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            received.add(data.toString());
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closed.complete(code + ":" + reason);
            return null;
        }

        String next() throws InterruptedException {
            String s = received.poll(10, TimeUnit.SECONDS);
            if (s == null) throw new AssertionError("nothing received in 10 s");
            return s;
        }
    }

    @Test
    void messagesReachTheObjectAndItBroadcastsToTaggedSockets() throws Exception {
        try (Simulator sim = Simulator.builder().script(WORKER).inlineConfig(CONFIG).build().start()) {
            Client ann = Client.open(sim, "/?who=ann");
            ann.ws.sendText("hi", true).join();
            assertEquals("ann:hi:1", ann.next());

            Client bob = Client.open(sim, "/?who=bob");
            bob.ws.sendText("yo", true).join();
            assertEquals("bob:yo:2", ann.next());
            assertEquals("bob:yo:2", bob.next());

            bob.ws.sendText("ping", true).join(); // answered by the auto-response, not the object
            assertEquals("pong", bob.next());

            bob.ws.sendClose(4001, "done").join();
            assertEquals("4001:bye done", bob.closed.get(10, TimeUnit.SECONDS));
            assertEquals("left:4001", ann.next());
            ann.ws.sendText("alone", true).join();
            assertEquals("ann:alone:1", ann.next());
        }
    }
}
