package dev.workersim.core.scheduled;

import dev.workersim.core.runtime.SimClock;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The dev server's routes that trigger the scheduled handler, answering as {@code wrangler dev}
 * does (recorded in test resources conformance/scheduled):
 * <ul>
 * <li>{@code /cdn-cgi/handler/scheduled}, always: {@code cron} and {@code time} (a number taken as
 * JS {@code parseInt} reads it, passed through as {@code scheduledTime} without any unit change);
 * answers 200 "ok", or 500 "exception" when the run fails (a waitUntil rejection included).</li>
 * <li>{@code /__scheduled}, only with {@code --test-scheduled}: {@code cron} only ({@code time} is
 * ignored); answers 200 "Ran scheduled event", or 500 with the error when the handler throws
 * (waitUntil rejections do not count here).</li>
 * </ul>
 * Paths match exactly and case-sensitively; anything else goes to the worker.
 */
public final class ScheduledRoutes {
    public static final String CDN_CGI = "/cdn-cgi/handler/scheduled";
    public static final String TEST = "/__scheduled";
    /** The largest magnitude a JS Date accepts. */
    private static final double MAX_DATE_MILLIS = 8.64e15;

    private final ScheduledRunner runner;
    private final SimClock clock;
    private final boolean testRoute;

    public ScheduledRoutes(ScheduledRunner runner, SimClock clock, boolean testRoute) {
        this.runner = runner;
        this.clock = clock;
        this.testRoute = testRoute;
    }

    /** Whether {@code path} is one of these routes. */
    public boolean owns(String path) {
        return path.equals(CDN_CGI) || (testRoute && path.equals(TEST));
    }

    /** Takes the exchange if it is one of the routes (and answers it later); false otherwise. */
    public boolean handle(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        if (!owns(path)) return false;
        boolean cdn = path.equals(CDN_CGI);
        String query = exchange.getQueryString();
        String cron = param(query, "cron");
        if (cron == null) cron = "";
        double time = clock.millis();
        if (cdn) {
            String t = param(query, "time");
            if (t != null && !t.isEmpty()) {
                time = parseIntLikeJs(t);
                if (Double.isNaN(time) || Math.abs(time) > MAX_DATE_MILLIS) {
                    answer(exchange, 500, "TypeError: The value cannot be converted because it is not a valid Date.");
                    return true;
                }
            }
        }
        runner.run(cron, time).whenComplete((outcome, failure) -> {
            if (cdn) {
                boolean ok = outcome != null && outcome.ok();
                answer(exchange, ok ? 200 : 500, ok ? "ok" : "exception");
            } else if (outcome == null) {
                answer(exchange, 500, String.valueOf(failure));
            } else if (outcome.ok() || outcome.failedInWaitUntil()) {
                // Miniflare's /__scheduled reports only what the handler itself threw.
                answer(exchange, 200, "Ran scheduled event");
            } else {
                answer(exchange, 500, outcome.error() == null ? "Error" : outcome.error().headline());
            }
        });
        return true;
    }

    private static void answer(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain;charset=UTF-8");
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    /** The first value of {@code name} in a raw query, decoded as a form value ({@code +} is a space). */
    static String param(String query, String name) {
        if (query == null || query.isEmpty()) return null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!decode(key).equals(name)) continue;
            return eq < 0 ? "" : decode(pair.substring(eq + 1));
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s.replace('+', ' '); // a stray '%': keep the text as it came
        }
    }

    /** JS {@code parseInt(text)}: optional sign, decimal (or 0x hex) digits up to the first other character. */
    static double parseIntLikeJs(String text) {
        String s = text.strip();
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (s.regionMatches(true, i, "0x", 0, 2)) {
            radix = 16;
            i += 2;
        }
        double value = 0;
        int start = i;
        for (; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) break;
            value = value * radix + d;
        }
        if (i == start) return Double.NaN;
        return negative ? -value : value;
    }
}
