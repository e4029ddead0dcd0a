package dev.workersim.core.outbound;

import java.util.concurrent.CompletableFuture;

/**
 * The one seam every outgoing {@code fetch()} from a worker goes through, one HTTP exchange (one
 * redirect hop) at a time. The default sends it to the network ({@link NetworkOutbound}); tests
 * give a {@code Simulator} their own to answer with canned responses, and later features (outbound
 * workers, subrequest limits) wrap it.
 *
 * <p>Contract: the returned future completes with the response head as soon as it is known (its
 * body may still be streaming). Cancelling the future means the worker aborted the fetch; an
 * implementation should stop the exchange. Completing exceptionally with an {@link OutboundError}
 * makes the worker's fetch reject with exactly that JS error; any other exception reads as
 * {@code Error: Network connection lost.}, as in workerd.
 */
@FunctionalInterface
public interface OutboundHandler {
    CompletableFuture<OutboundResponse> send(OutboundRequest request);
}
