package dev.workersim.core.runtime;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * Headers as they cross from Java into the worker's JS (an incoming request's, a subrequest's
 * response, a refused WebSocket upgrade's answer): name/value pairs in arrival order, names as sent.
 * JS reads them by index only when user code asks for the headers (web/fetch/headers.js builds its
 * list then); headers never read cost no copy. The other way, JS to Java, headers stay one
 * {@code name\0value} string (one interop call instead of one per pair), read by
 * {@code ExchangeHandle.parseHeaders} alone.
 */
public final class HeaderList {
    private final List<String[]> pairs;

    private HeaderList(List<String[]> pairs) {
        this.pairs = pairs;
    }

    /** The pairs of {@code headers} ({name, value} each), kept as given (the caller must not change them). */
    public static HeaderList of(List<String[]> headers) {
        return new HeaderList(headers);
    }

    /** An empty list to {@link #add} to. */
    public static HeaderList builder(int expected) {
        return new HeaderList(new ArrayList<>(expected));
    }

    /** Appends one pair (while it is being built, before it is dispatched). */
    public HeaderList add(String name, String value) {
        pairs.add(new String[] {name, value});
        return this;
    }

    /** The pairs as {name, value} arrays, for Java code (the asset router, tests). */
    public List<String[]> pairs() {
        return pairs;
    }

    @HostAccess.Export
    public int size() {
        return pairs.size();
    }

    @HostAccess.Export
    public String name(int i) {
        return pairs.get(i)[0];
    }

    @HostAccess.Export
    public String value(int i) {
        return pairs.get(i)[1];
    }

    /** The first value of the header of this name (any case), or null: fetch() reads Location and Content-Encoding. */
    @HostAccess.Export
    public String get(String name) {
        for (String[] h : pairs) {
            if (h[0].equalsIgnoreCase(name)) return h[1];
        }
        return null;
    }

    /** Whether a header of this name (any case) is present: JS asks for Content-Length (a body of known length). */
    @HostAccess.Export
    public boolean has(String name) {
        for (String[] h : pairs) {
            if (h[0].equalsIgnoreCase(name)) return true;
        }
        return false;
    }
}
