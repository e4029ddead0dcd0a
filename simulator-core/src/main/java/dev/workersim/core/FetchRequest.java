package dev.workersim.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request for {@link Simulator#dispatchFetch}: no socket involved. A URL without scheme and host
 * ("/path") is taken relative to http://localhost.
 */
public final class FetchRequest {
    private final String method;
    private final String url;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;

    private FetchRequest(String method, String url) {
        this.method = method;
        this.url = url.startsWith("/") ? "http://localhost" + url : url;
    }

    public static FetchRequest get(String url) {
        return new FetchRequest("GET", url);
    }

    public static FetchRequest post(String url, String body) {
        return new FetchRequest("POST", url).body(body);
    }

    public static FetchRequest of(String method, String url) {
        return new FetchRequest(method, url);
    }

    public FetchRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    public FetchRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public FetchRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public List<String[]> headers() {
        return List.copyOf(headers);
    }

    public byte[] body() {
        return body;
    }
}
