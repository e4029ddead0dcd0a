package dev.workersim.cli.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request on its own connection, written and read as Python's http.client does (run_case.py's
 * client): the goldens hold what workers saw of that client's requests (Host, Accept-Encoding:
 * identity, no User-Agent) and what it made of the answers (header values as Latin-1, the reason
 * trimmed), so java.net.http, which adds and forbids headers, would not do.
 */
final class WireClient {
    /** An answer: status, reason phrase, headers in order (names as sent), the body. */
    record Response(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    private WireClient() {
    }

    static Response send(int port, String method, String target, Map<String, String> headers, byte[] body,
                         int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(port, method, target, headers, body));
            if (body != null) out.write(body);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), method);
        }
    }

    /** http.client's order: request line, Host, Accept-Encoding, Content-Length, then the step's headers. */
    private static byte[] requestHead(int port, String method, String target, Map<String, String> headers, byte[] body) {
        List<String> lower = headers.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (!lower.contains("host")) head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (!lower.contains("accept-encoding")) head.append("Accept-Encoding: identity\r\n");
        if (!lower.contains("content-length") && !lower.contains("transfer-encoding")) {
            if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
            else if (List.of("PATCH", "POST", "PUT").contains(method.toUpperCase(Locale.ROOT))) head.append("Content-Length: 0\r\n");
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Response read(InputStream in, String method) throws IOException {
        while (true) {
            String statusLine = line(in);
            String[] parts = statusLine.strip().split("\\s+", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("BadStatusLine: " + statusLine);
            int status = Integer.parseInt(parts[1]);
            String reason = parts.length > 2 ? parts[2].strip() : "";
            List<Map.Entry<String, String>> headers = headers(in);
            if (status == 100) continue; // http.client skips interim 100 Continue answers
            byte[] body = bodyless(status, method) ? new byte[0] : body(in, headers);
            return new Response(status, reason, headers, body);
        }
    }

    private static boolean bodyless(int status, String method) {
        return status == 204 || status == 304 || (status >= 100 && status < 200) || method.equalsIgnoreCase("HEAD");
    }

    /** Header lines until the blank one; values with leading blanks dropped, as Python's email parser keeps them. */
    static List<Map.Entry<String, String>> headers(InputStream in) throws IOException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            if (colon < 0) continue;
            String value = l.substring(colon + 1).replaceFirst("^[ \\t]+", "");
            out.add(Map.entry(l.substring(0, colon), value));
        }
        return out;
    }

    private static byte[] body(InputStream in, List<Map.Entry<String, String>> headers) throws IOException {
        String te = first(headers, "transfer-encoding");
        if (te != null && te.equalsIgnoreCase("chunked")) return chunked(in);
        String length = first(headers, "content-length");
        if (length != null) {
            try {
                long n = Long.parseLong(length.strip());
                if (n >= 0) return exactly(in, (int) n);
            } catch (NumberFormatException ignored) {
                // read until the connection closes, as http.client does with a length it cannot parse
            }
        }
        return in.readAllBytes();
    }

    static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
            if (n == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return out.toByteArray();
            }
            out.write(exactly(in, n));
            line(in);
        }
    }

    /** n bytes, or the IncompleteRead http.client raises when the connection ends before them. */
    private static byte[] exactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) throw new EOFException("IncompleteRead(" + b.length + " bytes read, " + (n - b.length) + " more expected)");
        return b;
    }

    static String first(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
        }
        return null;
    }

    /** One line without its CR LF, as Latin-1. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') buf.write(b);
        if (b == -1 && buf.size() == 0) throw new EOFException("connection closed");
        String s = buf.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
