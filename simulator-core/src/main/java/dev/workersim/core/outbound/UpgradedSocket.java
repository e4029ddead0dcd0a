package dev.workersim.core.outbound;

import dev.workersim.core.web.websocket.WebSocketOps;

/**
 * The WebSocket connection a 101 answer to an upgrade subrequest carries (see
 * {@link OutboundHandler#upgrade}): the far end, which the worker that asked attaches its own end to.
 */
public interface UpgradedSocket {
    /**
     * Joins the asking worker's end: {@code events} hears what the far end sends (what came before
     * waits for this); the returned socket is where that worker's sends go.
     */
    WebSocketOps.Socket attach(WebSocketOps.Events events);
}
