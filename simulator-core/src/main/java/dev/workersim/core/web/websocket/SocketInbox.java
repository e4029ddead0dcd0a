package dev.workersim.core.web.websocket;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one end of a connection hears before its worker has attached (a 101 still on its way to
 * the worker that asked for it): kept in order, then passed on to the worker's
 * {@link WebSocketOps.Events}. Callable from any thread.
 */
public final class SocketInbox {
    private final List<Consumer<WebSocketOps.Events>> waiting = new ArrayList<>();
    private WebSocketOps.Events events;

    /** From now on reports go to {@code e}; the ones that came before go first. */
    public synchronized void attach(WebSocketOps.Events e) {
        events = e;
        // Events only post to a loop: passing them on under the lock keeps their order.
        waiting.forEach(r -> r.accept(e));
        waiting.clear();
    }

    private synchronized void report(Consumer<WebSocketOps.Events> r) {
        if (events == null) waiting.add(r); else r.accept(events);
    }

    public void text(String text) {
        report(e -> e.text(text));
    }

    public void binary(ByteBuffer bytes) {
        report(e -> e.binary(bytes));
    }

    public void close(int code, String reason, boolean wasClean) {
        report(e -> e.close(code, reason, wasClean));
    }

    public void error(String message, int status) {
        report(e -> e.error(message, status));
    }
}
