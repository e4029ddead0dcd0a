package dev.workersim.core.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How `wrangler dev` settles a response's Content-Encoding against the client's Accept-Encoding
 * (the edge compresses text-like types): the worker's response may gain {@code gzip}, lose its
 * Content-Encoding, or be refused with 415 when the client allows no coding we produce. Recorded
 * against the reference in conformance/web/front-door-coding.
 */
final class ContentCoding {
    private ContentCoding() {
    }

    enum Decision { KEEP, GZIP, BR, IDENTITY, REJECT }

    // The content types Cloudflare's edge compresses (its "content compression" docs list them).
    private static final Set<String> COMPRESSIBLE = Set.of(
            "text/html", "text/richtext", "text/plain", "text/css", "text/x-script", "text/x-component",
            "text/x-java-source", "text/x-markdown", "application/javascript", "application/x-javascript",
            "text/javascript", "text/js", "image/x-icon", "image/vnd.microsoft.icon", "application/x-perl",
            "application/x-httpd-cgi", "text/xml", "application/xml", "application/rss+xml",
            "application/vnd.api+json", "application/x-protobuf", "application/json", "multipart/bag",
            "multipart/mixed", "application/xhtml+xml", "font/ttf", "font/otf", "font/x-woff", "image/svg+xml",
            "application/vnd.ms-fontobject", "application/ttf", "application/x-ttf", "application/otf",
            "application/x-otf", "application/truetype", "application/opentype", "application/x-opentype",
            "application/font-woff", "application/eot", "application/font", "application/font-sfnt",
            "application/wasm", "application/javascript-binast", "application/manifest+json",
            "application/ld+json", "application/graphql+json", "application/geo+json");

    private static final Pattern ELEMENT = Pattern.compile("^([a-z]+|\\*)(?:\\s*;\\s*q=(\\d+(?:\\.\\d+)?))?$");

    private record Coding(String name, double weight) {
    }

    /**
     * The decision for one response. {@code accept} is the client's own header (null when absent),
     * the others are the worker's response headers (null when absent).
     */
    static Decision decide(String accept, String contentType, String contentEncoding) {
        if (accept == null) return Decision.KEEP;
        List<Coding> codings = parse(accept);
        if (codings.isEmpty()) return Decision.KEEP;
        if (!compressible(contentType)) return Decision.KEEP;
        if (contentEncoding != null && !contentEncoding.equals("gzip") && !contentEncoding.equals("br")) return Decision.KEEP;
        boolean identityRefused = false;
        for (Coding c : codings) {
            if (c.weight == 0) {
                if (c.name.equals("identity") || c.name.equals("*")) identityRefused = true;
            } else if (c.name.equals("gzip")) {
                return Decision.GZIP;
            } else if (c.name.equals("br")) {
                return Decision.BR;
            } else if (c.name.equals("identity")) {
                break;
            }
        }
        return identityRefused ? Decision.REJECT : Decision.IDENTITY;
    }

    /** Whether the client accepts gzip at all (used where workerd would answer with brotli). */
    static boolean acceptsGzip(String accept) {
        for (Coding c : parse(accept)) if (c.name.equals("gzip") && c.weight > 0) return true;
        return false;
    }

    private static boolean compressible(String contentType) {
        if (contentType == null || contentType.isEmpty()) return true;
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return COMPRESSIBLE.contains(type);
    }

    /** Accept-Encoding's elements, best weight first (a stable sort keeps the client's order on ties). */
    private static List<Coding> parse(String header) {
        List<Coding> out = new ArrayList<>();
        for (String part : header.split(",", -1)) {
            Matcher m = ELEMENT.matcher(part.trim());
            if (m.matches()) out.add(new Coding(m.group(1), m.group(2) == null ? 1 : Double.parseDouble(m.group(2))));
        }
        out.sort((a, b) -> Double.compare(b.weight, a.weight));
        return out;
    }
}
