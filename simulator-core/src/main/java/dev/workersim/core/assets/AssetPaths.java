package dev.workersim.core.assets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pathnames as the asset router reads them. The raw path of a URL first loses its dot segments as
 * the URL standard removes them ("/a/../b", "/%2e%2e/b"); it is then decoded segment by segment
 * (so "%2f" becomes a slash) with runs of slashes collapsed. A decoded pathname can still hold ".."
 * (from "..%2f"): {@link AssetStore} refuses those. Redirects go to the encoded form of a pathname.
 */
final class AssetPaths {
    private AssetPaths() {
    }

    /** The raw pathname of an absolute URL, its dot segments removed. */
    static String rawPathname(String url) {
        int start = url.indexOf("://");
        int slash = start < 0 ? url.indexOf('/') : url.indexOf('/', start + 3);
        if (slash < 0) return "/";
        int end = url.length();
        for (char c : new char[] {'?', '#'}) {
            int i = url.indexOf(c, slash);
            if (i >= 0 && i < end) end = i;
        }
        return removeDotSegments(url.substring(slash, end));
    }

    /** "?a=1" or "" for an absolute URL. */
    static String search(String url) {
        int q = url.indexOf('?');
        if (q < 0) return "";
        int hash = url.indexOf('#', q);
        String s = hash < 0 ? url.substring(q) : url.substring(q, hash);
        return s.length() == 1 ? "" : s;
    }

    static String removeDotSegments(String path) {
        String[] parts = path.substring(1).split("/", -1);
        List<String> out = new ArrayList<>();
        boolean trailing = false;
        for (String p : parts) {
            String lower = p.toLowerCase(java.util.Locale.ROOT);
            trailing = false;
            if (lower.equals(".") || lower.equals("%2e")) {
                trailing = true;
            } else if (lower.equals("..") || lower.equals(".%2e") || lower.equals("%2e.") || lower.equals("%2e%2e")) {
                if (!out.isEmpty()) out.remove(out.size() - 1);
                trailing = true;
            } else {
                out.add(p);
            }
        }
        if (trailing) out.add("");
        return "/" + String.join("/", out);
    }

    /** Percent-decodes each segment (malformed escapes stay as written) and collapses "//". */
    static String decode(String rawPathname) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < rawPathname.length(); i++) {
            char c = rawPathname.charAt(i);
            if (c == '%' && i + 2 < rawPathname.length() && hex(rawPathname.charAt(i + 1)) >= 0 && hex(rawPathname.charAt(i + 2)) >= 0) {
                bytes.write(hex(rawPathname.charAt(i + 1)) * 16 + hex(rawPathname.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8).replaceAll("/{2,}", "/");
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** Each segment encoded as encodeURIComponent does. */
    static String encode(String pathname) {
        StringBuilder out = new StringBuilder();
        for (byte b : pathname.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.!~*'()".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
