package dev.workersim.core.runtime;

import org.graalvm.polyglot.HostAccess;

/**
 * One request as a worker receives it, whoever sends it (the front door, {@code dispatchFetch}, a
 * service binding, a dispatch namespace): what runtime/dispatch.js builds the JS {@code Request}
 * from. The record itself stays in the runtime's JS; user code sees only the {@code Request}.
 *
 * @param hasBody whether a body follows (read from the exchange chunk by chunk)
 * @param cfJson {@code request.cf} as JSON text (parsed by JS on first read), or null: none
 */
public record IncomingRequest(
        @HostAccess.Export String method,
        @HostAccess.Export String url,
        @HostAccess.Export HeaderList headers,
        @HostAccess.Export boolean hasBody,
        @HostAccess.Export String cfJson) {

    /** A request from the edge (a client of the dev server, {@code Simulator.dispatchFetch}): cf is wrangler dev's placeholder. */
    public static IncomingRequest fromEdge(String method, String url, HeaderList headers, boolean hasBody) {
        return new IncomingRequest(method, url, headers, hasBody, LocalCf.HTTP11);
    }
}
