package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Blob and File (web/blob.js) through a worker: construction, slicing, reading, and Blob bodies. */
class BlobTest {

    private static final String WORKER = """
            export default {
              async fetch(request) {
                const path = new URL(request.url).pathname;
                if (path === "/parts") {
                  const b = new Blob(["ab", new Uint8Array([99, 100]), new Blob(["ef"]), new Uint16Array([0x4847]).buffer],
                                     { type: "Text/Plain" });
                  const s = b.slice(1, -2, "X/Y");
                  return Response.json({ size: b.size, type: b.type, text: await b.text(), slice: [s.size, s.type, await s.text()],
                    neg: await b.slice(-2).text(), stream: await new Response(b.stream()).text(),
                    ab: [...new Uint8Array(await b.arrayBuffer())].length, bytes: (await b.bytes()) instanceof Uint8Array,
                    badType: new Blob([], { type: "\\u00e9" }).type, tag: String(b) });
                }
                if (path === "/file") {
                  const f = new File(["x", "yz"], "n.txt", { type: "text/plain", lastModified: 42 });
                  let missing;
                  try { new File(["x"]); } catch (e) { missing = e.name; }
                  return Response.json({ name: f.name, type: f.type, size: f.size, lastModified: f.lastModified,
                    isBlob: f instanceof Blob, text: await f.text(), missing });
                }
                if (path === "/blob-response") return new Response(new Blob(["typed body"], { type: "text/x-typed" }));
                if (path === "/echo-blob") {
                  const b = await request.blob();
                  return Response.json({ type: b.type, size: b.size, bytes: [...await b.bytes()] });
                }
                if (path === "/big-stream") {
                  const big = new Uint8Array(200000).map((_, i) => i % 251);
                  return new Response(new Blob([big]).stream());
                }
                return new Response("not found", { status: 404 });
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER);

    @Test
    void partsAreConcatenatedAndSlicedByteWise() throws Exception {
        JsonNode j = sim.fetch(FetchRequest.get("http://localhost/parts")).ok().json();
        assertEquals(8, j.get("size").asInt());
        assertEquals("text/plain", j.get("type").asText());
        assertEquals("abcdefGH", j.get("text").asText());
        assertJson(List.of(5, "x/y", "bcdef"), j.get("slice"));
        assertEquals("GH", j.get("neg").asText());
        assertEquals("abcdefGH", j.get("stream").asText());
        assertEquals(8, j.get("ab").asInt());
        assertEquals(true, j.get("bytes").asBoolean());
        assertEquals("", j.get("badType").asText());
        assertEquals("[object Blob]", j.get("tag").asText());
    }

    @Test
    void fileCarriesNameAndLastModified() throws Exception {
        JsonNode j = sim.fetch(FetchRequest.get("http://localhost/file")).ok().json();
        assertJson(Map.of("name", "n.txt", "type", "text/plain", "size", 3, "lastModified", 42, "isBlob", true,
                "text", "xyz", "missing", "TypeError"), j);
    }

    @Test
    void blobBodyTakesTheBlobsType() {
        WorkerResponse r = sim.fetch(FetchRequest.get("http://localhost/blob-response"));
        assertEquals("typed body", r.text());
        assertEquals("text/x-typed", r.header("content-type"));
    }

    @Test
    void requestBlobKeepsBinaryBytesAndNormalisedType() throws Exception {
        byte[] body = {0, 1, (byte) 0xfe, (byte) 0xff};
        JsonNode j = sim.fetch(FetchRequest.of("POST", "http://localhost/echo-blob")
                .header("content-type", "Application/Octet-Stream; x=1").body(body)).ok().json();
        assertEquals("application/octet-stream;x=1", j.get("type").asText());
        assertEquals(4, j.get("size").asInt());
        assertJson(List.of(0, 1, 254, 255), j.get("bytes"));
    }

    @Test
    void largeBlobStreamsEveryByte() {
        WorkerResponse r = sim.fetch(FetchRequest.get("http://localhost/big-stream"));
        byte[] want = new byte[200000];
        for (int i = 0; i < want.length; i++) want[i] = (byte) (i % 251);
        assertArrayEquals(want, r.bytes());
    }
}
