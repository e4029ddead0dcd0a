package dev.workersim.cli.conformance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local origin the cases' workers fetch (their ORIGIN var, http://127.0.0.1:9911): the same
 * fixed paths and echo as the shared corpus's origin.py, answered the way Python's http.server
 * answers (header order, reason phrases, JSON written by json.dumps), since goldens recorded with
 * origin.py hold what the worker saw of it.
 */
final class OriginServer implements AutoCloseable {
    /** The port every case's config names. */
    static final int PORT = 9911;

    private static final String HTML_PAGE = """
            <!DOCTYPE html>
            <html><head><title>Origin page</title></head>
            <body>
            <h1>Hello from origin</h1>
            <a href="https://developer.mozilla.org/en-US/docs/Web">MDN</a>
            <a href="/relative/link">relative</a>
            <img src="https://developer.mozilla.org/static/logo.png" alt="logo">
            <p class="note">Some <b>bold</b> text</p>
            </body></html>
            """;
    private static final String JSON_DOC = "{\"origin\": true, \"name\": \"fixture\", \"items\": [1, 2, 3], \"nested\": {\"a\": \"b\"}}";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    /** http.server's reason phrases (HTTPStatus); a code it does not know gets an empty one. */
    private static final Map<Integer, String> REASONS = reasons(""
            + "100 Continue|101 Switching Protocols|102 Processing|103 Early Hints|200 OK|201 Created|202 Accepted|"
            + "203 Non-Authoritative Information|204 No Content|205 Reset Content|206 Partial Content|"
            + "207 Multi-Status|208 Already Reported|226 IM Used|300 Multiple Choices|301 Moved Permanently|"
            + "302 Found|303 See Other|304 Not Modified|305 Use Proxy|307 Temporary Redirect|"
            + "308 Permanent Redirect|400 Bad Request|401 Unauthorized|402 Payment Required|403 Forbidden|"
            + "404 Not Found|405 Method Not Allowed|406 Not Acceptable|407 Proxy Authentication Required|"
            + "408 Request Timeout|409 Conflict|410 Gone|411 Length Required|412 Precondition Failed|"
            + "413 Request Entity Too Large|414 Request-URI Too Long|415 Unsupported Media Type|"
            + "416 Requested Range Not Satisfiable|417 Expectation Failed|418 I'm a Teapot|421 Misdirected Request|"
            + "422 Unprocessable Entity|423 Locked|424 Failed Dependency|425 Too Early|426 Upgrade Required|"
            + "428 Precondition Required|429 Too Many Requests|431 Request Header Fields Too Large|"
            + "451 Unavailable For Legal Reasons|500 Internal Server Error|501 Not Implemented|502 Bad Gateway|"
            + "503 Service Unavailable|504 Gateway Timeout|505 HTTP Version Not Supported|"
            + "506 Variant Also Negotiates|507 Insufficient Storage|508 Loop Detected|510 Not Extended|"
            + "511 Network Authentication Required");

    private final ServerSocket server;

    private OriginServer(ServerSocket server) {
        this.server = server;
        Thread accept = new Thread(this::acceptLoop, "conformance-origin");
        accept.setDaemon(true);
        accept.start();
    }

    /**
     * Listens on 127.0.0.1:{@value #PORT}. Null when something already holds the port and answers as
     * the origin does (run_case.py's origin.py, or another test run's): the cases are served by it then.
     */
    static OriginServer start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT));
            return new OriginServer(s);
        } catch (IOException busy) {
            s.close();
            if (anotherOriginAnswers()) return null;
            throw new IOException("the conformance origin cannot listen on 127.0.0.1:" + PORT
                    + " (the port the cases' ORIGIN var names), and what holds it is no origin: " + busy.getMessage(), busy);
        }
    }

    private static boolean anotherOriginAnswers() {
        try {
            WireClient.Response r = WireClient.send(PORT, "GET", "/json", Map.of(), null, 2000);
            String server = WireClient.first(r.headers(), "server");
            return r.status() == 200 && server != null && server.startsWith("conformance-origin/");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "conformance-origin-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** HTTP/1.1 keep-alive as http.server does it; a request it cannot handle closes the connection silently. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            boolean keepAlive = true;
            while (keepAlive) {
                String requestLine = WireClient.line(in);
                if (requestLine.isEmpty()) return;
                String[] parts = requestLine.split(" ");
                if (parts.length != 3) return;
                List<Map.Entry<String, String>> headers = WireClient.headers(in);
                String connection = String.valueOf(WireClient.first(headers, "connection")).toLowerCase(Locale.ROOT);
                keepAlive = parts[2].equals("HTTP/1.1") ? !connection.equals("close") : connection.equals("keep-alive");
                byte[] body = readBody(in, headers);
                out.write(answer(parts[0], parts[1], headers, body));
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (an aborted fetch), or the request was one origin.py would fail on too
        }
    }

    private static byte[] readBody(InputStream in, List<Map.Entry<String, String>> headers) throws IOException {
        String te = WireClient.first(headers, "transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) return WireClient.chunked(in);
        String length = WireClient.first(headers, "content-length");
        int n = length == null || length.isEmpty() ? 0 : Integer.parseInt(length.strip());
        return n > 0 ? in.readNBytes(n) : new byte[0];
    }

    private static byte[] answer(String method, String target, List<Map.Entry<String, String>> headers, byte[] body)
            throws IOException {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : target.substring(q + 1));
        Answer a = switch (path) {
            case "/html" -> new Answer(200, HTML_PAGE, List.of(), "text/html; charset=utf-8");
            case "/json" -> new Answer(200, JSON_DOC, List.of(), "application/json");
            case "/text" -> new Answer(200, "plain text from origin\n", List.of(), null);
            case "/headers" -> new Answer(200, "{\"orig\": \"value\", \"n\": 1}", List.of(
                    Map.entry("x-header-to-delete", "a"),
                    Map.entry("x-header2-to-delete", "b"),
                    Map.entry("x-header-to-change", "OldValue"),
                    Map.entry("x-keep", "kept"),
                    Map.entry("foo", "Mon, 01 Jan 2024 00:00:00 GMT"),
                    Map.entry("X-Powered-By", "origin-stack")), "application/json");
            case "/set-cookie" -> new Answer(200, "cookies", List.of(
                    Map.entry("Set-Cookie", "a=1; Path=/"),
                    Map.entry("Set-Cookie", "b=2; Path=/; HttpOnly")), null);
            case "/redirect" -> new Answer(302, "", List.of(Map.entry("Location", "/json")), null);
            case "/large.json" -> new Answer(200, largeJson(Integer.parseInt(query.getOrDefault("n", "100").strip())),
                    List.of(), "application/json");
            case "/image.png" -> new Answer(200, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                    List.of(), "image/png");
            case "/slow" -> {
                sleep(Integer.parseInt(query.getOrDefault("ms", "500").strip()));
                yield new Answer(200, "slow done", List.of(), null);
            }
            default -> path.startsWith("/status/")
                    ? status(Integer.parseInt(path.split("/")[2]))
                    : echo(method, target, headers, body);
        };
        return a.wire(method);
    }

    private static Answer status(int code) {
        return new Answer(code, "status " + code, List.of(), null);
    }

    /** Anything else: {method, path, headers (names lower-cased, the last of a repeated one), body} as JSON. */
    private static Answer echo(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("method", method);
        doc.put("path", target);
        ObjectNode h = doc.putObject("headers");
        headers.forEach(e -> h.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        doc.put("body", new String(body, StandardCharsets.UTF_8));
        return new Answer(200, PythonJson.dumps(doc), List.of(Map.entry("X-Origin", "echo")), "application/json");
    }

    private static String largeJson(int n) {
        StringBuilder s = new StringBuilder("{\"items\": [");
        for (int i = 0; i < n; i++) {
            if (i > 0) s.append(", ");
            s.append("{\"id\": ").append(i).append(", \"title\": \"item ").append(i).append("\"}");
        }
        return s.append("]}").toString();
    }

    /** parse_qs: the first value of each name, blank values dropped. */
    private static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) continue;
            out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<Integer, String> reasons(String table) {
        Map<Integer, String> out = new HashMap<>();
        for (String entry : table.split("\\|")) out.put(Integer.parseInt(entry.substring(0, 3)), entry.substring(4));
        return out;
    }

    /** What origin.py's _send writes: status line, Server, Date, its headers, Content-Type if none, Content-Length. */
    private record Answer(int status, byte[] body, List<Map.Entry<String, String>> headers, String contentType) {
        Answer(int status, String body, List<Map.Entry<String, String>> headers, String contentType) {
            this(status, body.getBytes(StandardCharsets.UTF_8), headers, contentType);
        }

        byte[] wire(String method) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                    .append(REASONS.getOrDefault(status, "")).append("\r\n");
            head.append("Server: conformance-origin/1.0 \r\n"); // server_version + ' ' + an empty sys_version
            head.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
            List<Map.Entry<String, String>> all = new ArrayList<>(headers);
            String ctype = contentType == null ? "text/plain; charset=utf-8" : contentType;
            if (all.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("content-type"))) all.add(Map.entry("Content-Type", ctype));
            all.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            var out = new java.io.ByteArrayOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!method.equals("HEAD")) out.write(body);
            return out.toByteArray();
        }
    }
}
