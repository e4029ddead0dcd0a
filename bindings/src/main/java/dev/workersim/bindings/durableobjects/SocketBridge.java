package dev.workersim.bindings.durableobjects;

import dev.workersim.core.spi.HostLoop;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Carries one WebSocket between two isolates: a Durable Object answered {@code stub.fetch()} with a
 * 101 and a WebSocket, and the caller needs a WebSocket of its own to hand on. Each isolate holds
 * one {@link End}: what one end sends is posted to the other's loop, in order; until the other end
 * attaches its sink, it waits.
 */
final class SocketBridge {
    final End host;
    final End caller;

    SocketBridge(String id, HostLoop hostLoop) {
        host = new End(id, hostLoop);
        caller = new End(id, null);
        host.other = caller;
        caller.other = host;
    }

    /** One isolate's end. Messages travel as text, or as bytes in a latin-1 string. */
    public static final class End {
        private HostLoop loop;
        private Value sink; // {text(s), binary(latin1), close(code, reason)} in this end's isolate
        private End other;
        private final List<Object[]> pending = new ArrayList<>();
        private final String id;

        End(String id, HostLoop loop) {
            this.id = id;
            this.loop = loop;
        }

        /** The bridge's id, which the caller's isolate claims its end by. */
        @HostAccess.Export
        public String id() {
            return id;
        }

        synchronized void bind(HostLoop l) {
            loop = l;
        }

        /** Events for this end go to {@code s} from now on (the ones that came before first). */
        @HostAccess.Export
        public void attach(Value s) {
            List<Object[]> queued;
            synchronized (this) {
                sink = s;
                queued = new ArrayList<>(pending);
                pending.clear();
            }
            queued.forEach(this::post);
        }

        @HostAccess.Export
        public void sendText(String text) {
            other.deliver(new Object[] {"text", text});
        }

        @HostAccess.Export
        public void sendBinary(String latin1) {
            other.deliver(new Object[] {"binary", latin1});
        }

        @HostAccess.Export
        public void close(int code, String reason) {
            other.deliver(new Object[] {"close", code, reason});
        }

        private void deliver(Object[] event) {
            synchronized (this) {
                if (sink == null) {
                    pending.add(event);
                    return;
                }
            }
            post(event);
        }

        private void post(Object[] event) {
            Object[] args = java.util.Arrays.copyOfRange(event, 1, event.length);
            loop.post(() -> sink.invokeMember((String) event[0], args));
        }
    }
}
