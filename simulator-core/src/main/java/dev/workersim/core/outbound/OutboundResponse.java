package dev.workersim.core.outbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A response head and its body (null for none), as the worker's fetch() will see it; for an
 * upgrade subrequest answered with 101, the connection ({@code webSocket}, else null).
 */
public record OutboundResponse(int status, String statusText, List<String[]> headers, OutboundBody body,
        UpgradedSocket webSocket) {
    public OutboundResponse {
        headers = List.copyOf(headers);
        if (statusText == null) statusText = StatusText.of(status);
    }

    /** A response without a WebSocket (every answer but an accepted upgrade). */
    public OutboundResponse(int status, String statusText, List<String[]> headers, OutboundBody body) {
        this(status, statusText, headers, body, null);
    }

    /** A canned response for tests: {@code status}, text body, and header name/value pairs. */
    public static OutboundResponse of(int status, String body, String... headerPairs) {
        List<String[]> headers = new ArrayList<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) headers.add(new String[] {headerPairs[i], headerPairs[i + 1]});
        return new OutboundResponse(status, null, headers,
                body == null ? null : OutboundBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }
}
