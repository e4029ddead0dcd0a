package dev.workersim.bindings.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fields of a small multipart/form-data body (the explorer's value + metadata form), by name. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?i)content-disposition:[^\\r\\n]*\\bname=\"([^\"]*)\"");

    private Multipart() {
    }

    static Map<String, byte[]> parse(byte[] body, String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) throw new IllegalArgumentException("multipart/form-data without a boundary");
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> out = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int partStart = at + delimiter.length;
            if (partStart + 2 <= body.length && body[partStart] == '-' && body[partStart + 1] == '-') break; // closing
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), partStart);
            int next = indexOf(body, delimiter, partStart);
            if (headersEnd < 0 || next < 0) break;
            String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8);
            Matcher n = NAME.matcher(headers);
            int contentEnd = next - 2; // the CRLF before the delimiter
            if (n.find() && contentEnd >= headersEnd + 4) {
                out.putIfAbsent(n.group(1), Arrays.copyOfRange(body, headersEnd + 4, contentEnd));
            }
            at = next;
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
