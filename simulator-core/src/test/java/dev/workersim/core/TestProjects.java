package dev.workersim.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small helpers for tests: a project folder with a wrangler.toml, and an HTTP client. */
public final class TestProjects {
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestProjects() {
    }

    /** Writes wrangler.toml (main = "src/index.js") and the given files ("path", "content", ...). */
    public static Path project(Path dir, String... pathsAndContents) {
        try {
            write(dir.resolve("wrangler.toml"), "name = \"test-worker\"\nmain = \"src/index.js\"\ncompatibility_date = \"2025-09-01\"\n");
            for (int i = 0; i < pathsAndContents.length; i += 2) write(dir.resolve(pathsAndContents[i]), pathsAndContents[i + 1]);
            return dir.resolve("wrangler.toml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    public static HttpResponse<String> get(URI base, String path, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
            for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * POSTs {@code body} over a raw socket while reading the response at the same time, as curl and
     * browsers do (java.net.http sends the whole body before it reads, which deadlocks a streaming
     * echo once the socket buffers fill). Returns the de-chunked response body.
     */
    public static byte[] fullDuplexPost(URI base, String path, byte[] body) throws IOException, InterruptedException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            Thread writer = new Thread(() -> {
                try {
                    var out = socket.getOutputStream();
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    for (int off = 0; off < body.length; off += 65536) out.write(body, off, Math.min(65536, body.length - off));
                    out.flush();
                } catch (IOException ignored) {
                    // the reader reports what went wrong
                }
            });
            writer.start();
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            String status = readLine(in);
            if (!status.startsWith("HTTP/1.1 200")) throw new IOException("unexpected status: " + status);
            boolean chunked = false;
            long length = -1;
            for (String line; !(line = readLine(in)).isEmpty(); ) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
                if (lower.startsWith("content-length:")) length = Long.parseLong(lower.substring(15).trim());
            }
            var result = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int size; (size = Integer.parseInt(readLine(in).trim(), 16)) > 0; ) {
                    result.write(in.readNBytes(size));
                    readLine(in);
                }
            } else {
                result.write(length < 0 ? in.readAllBytes() : in.readNBytes((int) length));
            }
            writer.join(30_000);
            return result.toByteArray();
        }
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("connection closed early");
            if (c != '\r') sb.append((char) c);
        }
        return sb.toString();
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code seconds} pass; returns whether it held. */
    public static boolean eventually(double seconds, BooleanSupplier condition) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return true;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /**
     * Sends {@code request} as raw bytes (any Host, malformed heads) and returns what the server
     * wrote until it closed the connection, as ISO-8859-1 text; "(timed out)" is appended when it
     * had not closed after {@code timeoutMillis}.
     */
    public static String raw(URI base, byte[] request, int timeoutMillis) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request);
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buf)) > 0; ) got.write(buf, 0, n);
            } catch (java.net.SocketTimeoutException e) {
                got.writeBytes("(timed out)".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (java.net.SocketException e) {
                // reset by the server after it answered: what arrived is the answer
            }
            return got.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** {@link #raw(URI, byte[], int)} of a text request, 10 s at most. */
    public static String raw(URI base, String request) throws IOException {
        return raw(base, request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 10_000);
    }
}
