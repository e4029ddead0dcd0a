package dev.workersim.core.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** node:zlib: what the worker compresses Java decompresses and the reverse; errors are zlib's messages. */
class NodeZlibTest {
    private static final String WORKER = """
            import zlib from "node:zlib";
            export default {
              async fetch(request) {
                const [, fn] = new URL(request.url).pathname.split("/");
                const body = Buffer.from(await request.arrayBuffer());
                try {
                  if (fn.startsWith("create")) {
                    // The body through a stream class, written in 1000-byte chunks.
                    const z = zlib[fn]();
                    const out = [];
                    z.on("data", (c) => out.push(c));
                    const done = new Promise((res, rej) => { z.on("end", res); z.on("error", rej); });
                    for (let i = 0; i < body.length; i += 1000) z.write(body.subarray(i, i + 1000));
                    z.end();
                    await done;
                    return new Response(Buffer.concat(out));
                  }
                  if (fn === "async") {
                    const out = await new Promise((res, rej) => zlib.gzip(body, (err, r) => (err ? rej(err) : res(r))));
                    return new Response(out);
                  }
                  return new Response(zlib[fn](body));
                } catch (e) {
                  return new Response(e.name + ": " + e.message, { status: 400 });
                }
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER).toml(AsyncLocalStorageTest.CONFIG);

    private static byte[] payload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 3000; i++) out.writeBytes(("row " + i + "\n").getBytes());
        byte[] noise = new byte[20_000];
        new Random(5).nextBytes(noise);
        out.writeBytes(noise);
        return out.toByteArray();
    }

    private static byte[] post(String fn, byte[] body) {
        WorkerResponse r = sim.fetch(FetchRequest.of("POST", "http://localhost/" + fn).body(body));
        assertEquals(200, r.status(), r.text());
        return r.bytes();
    }

    @Test
    void roundTripsWithJavaZip() throws Exception {
        byte[] data = payload();
        assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(post("gzipSync", data))).readAllBytes());
        assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(post("async", data))).readAllBytes());
        assertArrayEquals(data, new InflaterInputStream(new ByteArrayInputStream(post("deflateSync", data))).readAllBytes());

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream o = new GZIPOutputStream(gz)) {
            o.write(data);
        }
        assertArrayEquals(data, post("gunzipSync", gz.toByteArray()));
        assertArrayEquals(data, post("unzipSync", gz.toByteArray()));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream o = new DeflaterOutputStream(raw, new Deflater(6, true))) {
            o.write(data);
        }
        assertArrayEquals(data, post("inflateRawSync", raw.toByteArray()));
        assertArrayEquals(data, post("inflateRawSync", post("deflateRawSync", data)));
    }

    @Test
    void streamClassesWorkChunkByChunk() throws Exception {
        byte[] data = payload();
        assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(post("createGzip", data))).readAllBytes());
        assertArrayEquals(data, new InflaterInputStream(new ByteArrayInputStream(post("createDeflate", data))).readAllBytes());
        assertArrayEquals(data, post("createGunzip", post("createGzip", data)));
        assertArrayEquals(data, post("createInflateRaw", post("createDeflateRaw", data)));
        assertArrayEquals(data, post("createUnzip", post("createDeflate", data)));
        WorkerResponse bad = sim.fetch(FetchRequest.of("POST", "http://localhost/createGunzip").body("not gzip data".getBytes()));
        assertEquals("Error: incorrect header check", bad.text());
    }

    @Test
    void recordedOutputsAndErrors() {
        // Recorded from wrangler dev: zlib's default level gives these bytes.
        assertEquals("789c4b4c4c4c040003ce0185", java.util.HexFormat.of().formatHex(post("deflateSync", "aaaa".getBytes())));
        assertEquals("4b4c4c4c0400", java.util.HexFormat.of().formatHex(post("deflateRawSync", "aaaa".getBytes())));
        assertEquals(21, post("gzipSync", "a".getBytes()).length);
        WorkerResponse bad = sim.fetch(FetchRequest.of("POST", "http://localhost/inflateSync").body("nope".getBytes()));
        assertEquals("Error: incorrect header check", bad.text());
    }
}
