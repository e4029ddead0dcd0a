package dev.workersim.bindings.cache;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the Cache API stores and for how long (spec/cache.md): Cache-Control (s-maxage, then max-age,
 * no-store, private, no-cache), Expires, Set-Cookie, and the edge's default TTLs by status when a
 * response says nothing.
 */
final class CachePolicy {
    private CachePolicy() {
    }

    /** The headers to store (Set-Cookie removed where allowed) and the TTL in ms; null when not storable. */
    record Decision(List<String[]> headers, long ttlMillis) {
    }

    static Decision decide(int status, List<String[]> headers, long nowMillis) {
        String cc = joined(headers, "cache-control").toLowerCase(Locale.ROOT);
        List<String> directives = new ArrayList<>();
        for (String d : cc.split(",")) if (!d.isBlank()) directives.add(d.trim());
        if (directives.contains("no-store") || directives.contains("no-cache") || directives.contains("private")) return null;
        List<String[]> kept = headers;
        if (!joined(headers, "set-cookie").isEmpty()) {
            // Never cached with a cookie, unless the origin says the cookie is private to the client.
            if (!directives.contains("private=set-cookie") && !directives.contains("private=\"set-cookie\"")) return null;
            kept = new ArrayList<>();
            for (String[] h : headers) if (!h[0].equalsIgnoreCase("set-cookie")) kept.add(h);
        }
        Long seconds = directive(directives, "s-maxage");
        if (seconds == null) seconds = directive(directives, "max-age");
        long ttl;
        if (seconds != null) {
            ttl = seconds * 1000;
        } else if (!joined(headers, "expires").isEmpty()) {
            Long at = parseDate(joined(headers, "expires"));
            ttl = at == null ? 0 : at - nowMillis;
        } else {
            ttl = defaultTtlSeconds(status) * 1000L;
        }
        return ttl > 0 ? new Decision(kept, ttl) : null;
    }

    /** Cloudflare's edge TTLs for a response without caching headers. */
    static long defaultTtlSeconds(int status) {
        return switch (status) {
            case 200, 206, 301 -> 120 * 60;
            case 302, 303 -> 20 * 60;
            case 404, 410 -> 3 * 60;
            default -> 0;
        };
    }

    private static Long directive(List<String> directives, String name) {
        for (String d : directives) {
            if (d.startsWith(name + "=")) {
                try {
                    return Long.parseLong(d.substring(name.length() + 1).replace("\"", "").trim());
                } catch (NumberFormatException e) {
                    return 0L;
                }
            }
        }
        return null;
    }

    static String joined(List<String[]> headers, String name) {
        StringBuilder b = new StringBuilder();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                if (b.length() > 0) b.append(", ");
                b.append(h[1]);
            }
        }
        return b.toString();
    }

    static Long parseDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
