package dev.workersim.bindings.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.testing.WorkerFixture;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * put() takes a stream only when its length is known (recorded from wrangler dev): an upload with a
 * Content-Length (or a fetched response with one) is stored, a chunked one is refused, and so is a
 * stream the worker made itself.
 */
class R2UploadLengthTest {
    @Test
    void onlyStreamsOfKnownLengthAreStored() throws Exception {
        try (WorkerFixture worker = R2BucketTest.r2("""
                "/upload": async (b, req) => attempt(async () => (await b.put("up", req.body)).size),
                "/data": async () => new Response("fetched"),
                "/mirror": async (b, req) => attempt(async () => (await b.put("m", (await fetch(new URL("/data", req.url))).body)).size),
                "/own": async (b) => attempt(() => b.put("own", new ReadableStream({ start(c) { c.close(); } }))),
                "/fixed": async (b) => attempt(async () => {
                  const { readable, writable } = new FixedLengthStream(2);
                  const w = writable.getWriter();
                  w.write(new Uint8Array([1, 2]));
                  w.close();
                  return (await b.put("fixed", readable)).size;
                }),
                """).http().start()) {
            HttpClient http = HttpClient.newHttpClient();
            var uri = worker.url().resolve("/upload");
            String sized = http.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString("12345")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("5", sized);
            String chunked = http.send(HttpRequest.newBuilder(uri)
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("12345".getBytes()))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String unknown = "\"TypeError: Provided readable stream must have a known length (request/response body or readable half of "
                    + "FixedLengthStream)\"";
            assertEquals(unknown, chunked);
            assertEquals(unknown, worker.getText("/own"));
            assertEquals("2", worker.getText("/fixed"));
            String mirrored = http.send(HttpRequest.newBuilder(worker.url().resolve("/mirror")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("7", mirrored, "a fetched body with a Content-Length is stored");
        }
    }
}
