package dev.workersim.core.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Who may reach the dev server's own routes (the Local Explorer's page and API, the scheduled
 * triggers, anything under {@code /cdn-cgi/}). A web page the developer visits could otherwise POST
 * to the explorer's SQL endpoint, and a DNS-rebinding page could read and write KV.
 *
 * <p>As wrangler dev 4.168 checks (recorded in conformance/http/dev-route-host-origin): the Host
 * must name {@code localhost}, a {@code *.localhost} name, {@code 127.0.0.1} or {@code [::1]} (any
 * port; IPv4 written as a URL parser reads it, so {@code 127.1} is 127.0.0.1), else 403 "Invalid
 * Host header"; an Origin, when present and not empty, must name such a host too (any scheme and
 * port), else 403 "Invalid Origin header". We also accept the address the user chose with
 * {@code --ip} (wrangler refuses even that, which leaves its explorer unusable from another machine).
 *
 * <p>A Worker's own requests never reach these routes (in production no Worker can reach a dev
 * tool): every fetch() subrequest carries {@code CF-Worker} (set by NetworkOutbound, which drops a
 * worker's own), and a WebSocket client connection is a WebSocket handshake, which no dev route speaks.
 * Ordinary requests to the worker are not checked, as in wrangler dev.
 */
public final class DevRouteGuard {
    static final String INVALID_HOST = "Invalid Host header";
    static final String INVALID_ORIGIN = "Invalid Origin header";
    static final String SUBREQUEST = "The dev server's routes do not answer a Worker's subrequests";
    private static final HttpString CF_WORKER = new HttpString("CF-Worker");

    private final String chosenHost;          // the --ip as a Host names it, or null for a wildcard
    private final Predicate<String> otherRoutes; // dev routes outside /cdn-cgi/ (/__scheduled when on)

    /**
     * @param ip the address the server listens on (the user's --ip)
     * @param otherRoutes paths outside {@code /cdn-cgi/} that are the dev server's own
     */
    public DevRouteGuard(String ip, Predicate<String> otherRoutes) {
        String host = ip == null ? null : canonicalHost(ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip);
        boolean wildcard = host == null || host.equals("0.0.0.0") || host.equals("[::]");
        this.chosenHost = wildcard ? null : host;
        this.otherRoutes = otherRoutes;
    }

    /** Whether {@code path} (decoded, as routes match it) is one of the dev server's own. */
    public boolean covers(String path) {
        // wrangler checks the whole /cdn-cgi/ prefix, even paths that then reach the worker
        return path.startsWith("/cdn-cgi/") || path.equals("/cdn-cgi") || otherRoutes.test(path);
    }

    /** Answers and returns true when the request may not reach a dev route; false lets it through. */
    public boolean refuse(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getRequestHeaders();
        String why;
        if (headers.contains(CF_WORKER) || isWebSocket(headers)) why = SUBREQUEST;
        else if (!admitsHost(headers.getFirst(Headers.HOST))) why = INVALID_HOST;
        else if (!admitsOrigin(headers.getFirst(Headers.ORIGIN))) why = INVALID_ORIGIN;
        else return false;
        exchange.setStatusCode(403);
        if (!why.equals(SUBREQUEST)) exchange.setReasonPhrase(why); // wrangler's status line says it too
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain;charset=UTF-8");
        exchange.getResponseSender().send(why, StandardCharsets.UTF_8);
        return true;
    }

    /** A WebSocket handshake (not h2c, which java.net.http asks for on every plain request). */
    private static boolean isWebSocket(HeaderMap headers) {
        String upgrade = headers.getFirst(Headers.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    boolean admitsHost(String hostHeader) {
        return hostHeader != null && allowed(canonicalHost(hostHeader.trim()));
    }

    /** No Origin (or an empty one) is a same-origin or non-browser request; otherwise its host must pass. */
    boolean admitsOrigin(String origin) {
        if (origin == null || origin.isBlank()) return true;
        int scheme = origin.indexOf("://");
        if (scheme <= 0) return false; // "null" (a sandboxed or file: page) and other non-URLs
        String authority = origin.substring(scheme + 3);
        for (char end : new char[] {'/', '?', '#'}) {
            int at = authority.indexOf(end);
            if (at >= 0) authority = authority.substring(0, at);
        }
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        return allowed(canonicalHost(authority));
    }

    private boolean allowed(String host) {
        if (host == null || host.isEmpty()) return false;
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("127.0.0.1")
                || host.equals("[::1]") || host.equals(chosenHost);
    }

    /**
     * The host of a {@code host[:port]} as a URL parser canonicalises it (lower case; IPv4 in any
     * of its numeric spellings as dotted decimal; IPv6 bracketed), or null when it is not one.
     */
    static String canonicalHost(String hostPort) {
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) return null;
            host = hostPort.substring(0, close + 1);
            port = hostPort.substring(close + 1);
        } else {
            int colon = hostPort.indexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? "" : hostPort.substring(colon);
        }
        if (!port.isEmpty() && !port.matches(":[0-9]*")) return null;
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) return ipv6(host.substring(1, host.length() - 1));
        String last = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        last = last.substring(last.lastIndexOf('.') + 1);
        if (!last.isEmpty() && (last.matches("[0-9]+") || last.matches("0x[0-9a-f]*"))) return ipv4(host);
        return host;
    }

    /** WHATWG's IPv4 parser: 1 to 4 parts, each decimal, 0x hex or 0-led octal; the last fills the rest. */
    private static String ipv4(String host) {
        String[] parts = (host.endsWith(".") ? host.substring(0, host.length() - 1) : host).split("\\.", -1);
        if (parts.length > 4) return null;
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            try {
                if (p.isEmpty()) return null;
                else if (p.startsWith("0x")) values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                else if (p.length() > 1 && p.startsWith("0")) values[i] = Long.parseLong(p.substring(1), 8);
                else values[i] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        for (int i = 0; i < values.length - 1; i++) if (values[i] > 255) return null;
        long lastPart = values[values.length - 1];
        if (lastPart >= 1L << (8 * (5 - values.length))) return null;
        long address = lastPart;
        for (int i = 0; i < values.length - 1; i++) address += values[i] << (8 * (3 - i));
        return (address >> 24) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    private static String ipv6(String literal) {
        // Only hex digits, colons and dots: InetAddress then parses a literal and never looks a name up.
        if (literal.isEmpty() || !literal.matches("[0-9a-f:.]+") || !literal.contains(":")) return null;
        try {
            InetAddress a = InetAddress.getByName(literal);
            // ::ffff:127.0.0.1 comes back as IPv4; a URL keeps it IPv6 ([::ffff:7f00:1]), not loopback's name
            if (!(a instanceof Inet6Address)) return "[::ffff:" + a.getHostAddress() + "]";
            return a.isLoopbackAddress() ? "[::1]" : "[" + a.getHostAddress() + "]";
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
