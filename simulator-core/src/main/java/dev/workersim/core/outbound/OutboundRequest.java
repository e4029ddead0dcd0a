package dev.workersim.core.outbound;

import java.util.List;

/**
 * One outgoing HTTP request as the worker made it: an absolute http(s) URL (no fragment), the
 * headers in the order the worker set them (lower-case names), and a body or null.
 */
public record OutboundRequest(String method, String url, List<String[]> headers, OutboundBody body) {
    public OutboundRequest {
        headers = List.copyOf(headers);
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) return h[1];
        }
        return null;
    }
}
