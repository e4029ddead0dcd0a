package dev.workersim.bindings.cache;

import dev.workersim.core.runtime.ExchangeHandle;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.spi.HostLoop;
import dev.workersim.core.spi.Pending;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The Java half of the Cache API. cache.js checks the arguments and throws workerd's TypeErrors;
 * this class decides storability and TTL on put, and answers match with the stored response, a
 * 206 for a Range request, or a 304 for a matching conditional request.
 */
public final class CacheOps {
    private final java.util.function.Supplier<CacheStore> stores;
    private final ExecutorService pool;
    private final SimClock clock;
    private final HostLoop loop;

    CacheOps(java.util.function.Supplier<CacheStore> stores, ExecutorService pool, SimClock clock, HostLoop loop) {
        this.stores = stores;
        this.pool = pool;
        this.clock = clock;
        this.loop = loop;
    }

    /** Resolves with no value whether or not the response was storable, as the Workers runtime does. */
    @HostAccess.Export
    public Pending put(String cache, String url, int status, String headers, Value buffer, int offset, int length) {
        byte[] body = new byte[length];
        if (length > 0) buffer.readBuffer(offset, body, 0, length);
        long now = clock.millis();
        CachePolicy.Decision d = CachePolicy.decide(status, ExchangeHandle.parseHeaders(headers), now);
        if (d == null) return Pending.resolved(null);
        String flat = flatten(d.headers());
        return loop.complete(stores.get().put(cache, url, new CacheStore.Entry(now + d.ttlMillis(), status, flat, body)));
    }

    /** {@code resolve(status, flatHeaders, ByteBuffer)} on a hit, {@code resolve(0)} on a miss. */
    @HostAccess.Export
    public Pending match(String cache, String url, String requestHeaders) {
        return loop.complete(pool, () -> {
            CacheStore store = stores.get();
            CacheStore.Entry e = store.get(cache, url);
            if (e == null || e.expiresAtMillis() <= clock.millis()) {
                if (e != null) store.delete(cache, url);
                return 0;
            }
            return answer(e, ExchangeHandle.parseHeaders(requestHeaders));
        });
    }

    @HostAccess.Export
    public Pending delete(String cache, String url) {
        return loop.complete(stores.get().delete(cache, url));
    }

    /** The response a hit gives: (status, flat headers, body). */
    static HostLoop.Results answer(CacheStore.Entry e, List<String[]> request) {
        List<String[]> headers = new ArrayList<>(ExchangeHandle.parseHeaders(e.headers()));
        headers.removeIf(h -> h[0].equalsIgnoreCase("cf-cache-status"));
        headers.add(new String[] {"CF-Cache-Status", "HIT"});
        if (notModified(e, request)) {
            headers.removeIf(h -> h[0].equalsIgnoreCase("content-length"));
            return HostLoop.Results.of(304, flatten(headers), null);
        }
        String range = CachePolicy.joined(request, "range");
        if (!range.isEmpty() && e.status() == 200) {
            long[] r = parseRange(range, e.body().length);
            headers.removeIf(h -> h[0].equalsIgnoreCase("content-length") || h[0].equalsIgnoreCase("content-range"));
            if (r == null) {
                headers.add(new String[] {"Content-Range", "bytes */" + e.body().length});
                return HostLoop.Results.of(416, flatten(headers), null);
            }
            if (r.length == 2) {
                headers.add(new String[] {"Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + e.body().length});
                byte[] part = Arrays.copyOfRange(e.body(), (int) r[0], (int) r[1] + 1);
                return HostLoop.Results.of(206, flatten(headers), ByteBuffer.wrap(part));
            }
        }
        return HostLoop.Results.of(e.status(), flatten(headers), ByteBuffer.wrap(e.body()));
    }

    private static boolean notModified(CacheStore.Entry e, List<String[]> request) {
        List<String[]> stored = ExchangeHandle.parseHeaders(e.headers());
        String inm = CachePolicy.joined(request, "if-none-match");
        String etag = CachePolicy.joined(stored, "etag");
        if (!inm.isEmpty()) {
            if (etag.isEmpty()) return false;
            for (String candidate : inm.split(",")) {
                String c = candidate.trim();
                if (c.equals("*") || weak(c).equals(weak(etag))) return true;
            }
            return false;
        }
        String ims = CachePolicy.joined(request, "if-modified-since");
        String lm = CachePolicy.joined(stored, "last-modified");
        if (ims.isEmpty() || lm.isEmpty()) return false;
        Long since = CachePolicy.parseDate(ims);
        Long modified = CachePolicy.parseDate(lm);
        return since != null && modified != null && modified <= since;
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** One byte range "bytes=a-b", "a-" or "-n": [first, last]; null if unsatisfiable; [] if not a single range. */
    static long[] parseRange(String header, long size) {
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.contains(",")) return new long[0];
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) return new long[0];
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (a.isEmpty()) {
                long n = Long.parseLong(b);
                if (n <= 0) return null;
                first = Math.max(0, size - n);
                last = size - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            }
            if (first >= size || first > last) return null;
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            return new long[0];
        }
    }

    static String flatten(List<String[]> headers) {
        StringBuilder b = new StringBuilder();
        for (String[] h : headers) {
            if (b.length() > 0) b.append('\0');
            b.append(h[0]).append('\0').append(h[1]);
        }
        return b.toString();
    }
}
