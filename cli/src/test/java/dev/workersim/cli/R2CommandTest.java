package dev.workersim.cli;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sim r2 object` in-process, with the objects read and written by a worker on the same persist folder. */
class R2CommandTest {
    @TempDir
    Path dir;
    Path persist;
    Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void project() throws IOException {
        persist = dir.resolve("state");
        config = dir.resolve("wrangler.toml");
        Files.writeString(config, """
                name = "r2cli"
                main = "worker.js"
                compatibility_date = "2025-09-01"
                [[r2_buckets]]
                binding = "FILES"
                bucket_name = "files-bucket"
                """);
        Files.writeString(dir.resolve("worker.js"), """
                export default {
                  async fetch(request, env) {
                    const key = new URL(request.url).pathname.slice(1);
                    if (request.method === "PUT") {
                      await env.FILES.put(key, request.body, { httpMetadata: { contentType: "text/x-worker" } });
                      return new Response("stored");
                    }
                    const o = await env.FILES.get(key);
                    if (o === null) return new Response("missing", { status: 404 });
                    return Response.json({ text: await o.text(), type: o.httpMetadata.contentType ?? null, size: o.size });
                  },
                };
                """);
    }

    private int sim(InputStream stdin, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"-c", config.toString(), "--persist-to", persist.toString()}, 0, all, args.length, 4);
        return SimRun.run(out, err, stdin, all);
    }

    private int sim(String... args) {
        return sim(new ByteArrayInputStream(new byte[0]), args);
    }

    /** What the project's worker answers to {@code request}, over the state the commands wrote. */
    private WorkerResponse worker(FetchRequest request) {
        try (WorkerFixture worker = WorkerFixture.config(config).persistTo(persist).start()) {
            return worker.fetch(request);
        }
    }

    @Test
    void putFromAFileIsWhatTheWorkerReadsAndTheWorkersObjectComesBack() throws IOException {
        Path file = dir.resolve("hello.txt");
        Files.writeString(file, "hello from the CLI");
        assertEquals(0, sim("r2", "object", "put", "files-bucket/docs/hello.txt", "--file", file.toString(),
                "--content-type", "text/plain", "--local"), err.toString());
        assertEquals("Creating object \"docs/hello.txt\" in bucket \"files-bucket\".\nUpload complete.\n", out.toString());
        assertJson(Map.of("text", "hello from the CLI", "type", "text/plain", "size", 18), worker(FetchRequest.get("/docs/hello.txt")).json());

        assertEquals("stored", worker(FetchRequest.of("PUT", "/from-worker").body("written by the worker")).text());
        assertEquals(0, sim("r2", "object", "get", "files-bucket/from-worker", "--pipe"), err.toString());
        assertEquals("written by the worker", out.toString());

        Path copy = dir.resolve("out/copy.txt");
        assertEquals(0, sim("r2", "object", "get", "files-bucket/from-worker", "--file", copy.toString()), err.toString());
        assertEquals("Downloading \"from-worker\" from \"files-bucket\".\nDownload complete.\n", out.toString());
        assertEquals("written by the worker", Files.readString(copy));

        assertEquals(0, sim("r2", "object", "delete", "files-bucket/from-worker"), err.toString());
        assertEquals("Deleting object \"from-worker\" from bucket \"files-bucket\".\nDelete complete.\n", out.toString());
        assertEquals("missing", worker(FetchRequest.get("/from-worker")).text());
        assertEquals(1, sim("r2", "object", "get", "files-bucket/from-worker", "--pipe"));
        assertEquals("✘ The specified key does not exist.\n", err.toString());
    }

    @Test
    void putFromStandardInputKeepsTheBytes() {
        byte[] bytes = new byte[70_000];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
        assertEquals(0, sim(new ByteArrayInputStream(bytes), "r2", "object", "put", "files-bucket/bin", "--pipe"), err.toString());
        assertEquals(0, sim("r2", "object", "get", "files-bucket/bin", "--pipe"), err.toString());
        assertArrayEquals(bytes, out.toByteArray());
    }

    @Test
    void badArgumentsAreExplained() {
        assertEquals(2, sim("r2", "object", "put", "no-slash", "--pipe"));
        assertEquals("✘ The object path must be in the form of {bucket}/{key} you provided no-slash\n", err.toString());
        assertEquals(2, sim("r2", "object", "put", "files-bucket/k"));
        assertEquals("✘ Either the --file or --pipe options are required.\n", err.toString());
        assertEquals(1, sim("r2", "object", "put", "files-bucket/k", "--file", dir.resolve("nope").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    /** Another process (a running `sim dev`) holds the bucket: the command stops with a message and writes nothing. */
    @Test
    void aBucketHeldByAnotherProcessIsReportedNotWritten() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), R2HoldingChild.class.getName(),
                persist.toString(), "files-bucket").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open", childOut.readLine());
            assertEquals(1, sim(new ByteArrayInputStream("x".getBytes()), "r2", "object", "put", "files-bucket/k", "--pipe"));
            assertTrue(err.toString().contains("is in use by another process"), err.toString());
            assertTrue(err.toString().contains("Nothing was written"), err.toString());
        } finally {
            child.getOutputStream().close();
            child.waitFor();
        }
        assertEquals("missing", worker(FetchRequest.get("/k")).text());
    }
}
