package dev.workersim.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a worker answered to {@link Simulator#dispatchFetch}, body read in full. */
public record FetchResponse(int status, List<String[]> headers, byte[] body) {
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The header's values joined by ", " (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) out.add(h[1]);
        return out;
    }

    @Override
    public String toString() {
        return "FetchResponse[" + status + ", " + text() + "]";
    }
}
