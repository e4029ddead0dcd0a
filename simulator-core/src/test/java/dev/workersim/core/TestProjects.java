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
}
