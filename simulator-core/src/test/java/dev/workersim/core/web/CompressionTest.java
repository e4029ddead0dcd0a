package dev.workersim.core.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CompressionStream / DecompressionStream (web/compression.js over CompressionOps): what the worker
 * compresses must decompress with java.util.zip's stream classes, and what Java compresses the worker
 * must decompress, for each format.
 */
class CompressionTest {

    // POST /c/<format> compresses the body, /d/<format> decompresses it; errors come back as "name: message".
    private static final String WORKER = """
            export default {
              async fetch(request) {
                const [, op, format] = new URL(request.url).pathname.split("/");
                const ts = op === "c" ? new CompressionStream(format) : new DecompressionStream(format);
                try {
                  return new Response(await new Response(request.body.pipeThrough(ts)).arrayBuffer());
                } catch (e) {
                  return new Response(e.name + ": " + e.message, { status: 400 });
                }
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER);

    private static byte[] payload() {
        // Half repetitive text (compresses), half random bytes (does not): ~600 KB, many body chunks.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 10000; i++) out.writeBytes(("line " + i + " of the payload\n").getBytes(StandardCharsets.UTF_8));
        byte[] noise = new byte[300_000];
        new Random(7).nextBytes(noise);
        out.writeBytes(noise);
        return out.toByteArray();
    }

    private static WorkerResponse post(String path, byte[] body) {
        return sim.fetch(FetchRequest.of("POST", "http://localhost" + path).body(body));
    }

    private static byte[] readAll(InputStream in) throws Exception {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void gzipOutputIsReadableByGzipInputStream() throws Exception {
        byte[] data = payload();
        WorkerResponse r = post("/c/gzip", data);
        assertEquals(200, r.status(), r.text());
        assertEquals(0x1f, r.bytes()[0] & 0xff);
        assertEquals(0x8b, r.bytes()[1] & 0xff);
        assertArrayEquals(data, readAll(new GZIPInputStream(new java.io.ByteArrayInputStream(r.bytes()))));
    }

    @Test
    void deflateIsZlibAndDeflateRawHasNoWrapper() throws Exception {
        byte[] data = payload();
        WorkerResponse z = post("/c/deflate", data);
        assertArrayEquals(data, readAll(new InflaterInputStream(new java.io.ByteArrayInputStream(z.bytes()))));
        WorkerResponse raw = post("/c/deflate-raw", data);
        assertArrayEquals(data, readAll(new InflaterInputStream(new java.io.ByteArrayInputStream(raw.bytes()), new Inflater(true))));
    }

    @Test
    void decompressesWhatJavaCompressed() throws Exception {
        byte[] data = payload();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(data);
        }
        assertArrayEquals(data, post("/d/gzip", gz.toByteArray()).bytes());

        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
            out.write(data);
        }
        assertArrayEquals(data, post("/d/deflate", z.toByteArray()).bytes());

        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(raw, new Deflater(Deflater.BEST_SPEED, true))) {
            out.write(data);
        }
        assertArrayEquals(data, post("/d/deflate-raw", raw.toByteArray()).bytes());
    }

    @Test
    void gzipHeaderWithFileNameAndCommentIsSkipped() {
        byte[] text = "named member".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(text);
        d.finish();
        byte[] buf = new byte[256];
        while (!d.finished()) deflated.write(buf, 0, d.deflate(buf));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(text);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        gz.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 8 | 16, 0, 0, 0, 0, 0, 3}); // FNAME | FCOMMENT
        gz.writeBytes("file.txt\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        gz.writeBytes(deflated.toByteArray());
        for (long v : new long[] {crc.getValue(), text.length}) {
            for (int i = 0; i < 4; i++) gz.write((int) (v >>> (8 * i)));
        }
        assertEquals("named member", post("/d/gzip", gz.toByteArray()).text());
    }

    @Test
    void badInputRejectsWithWorkerdsMessages() throws Exception {
        assertEquals("TypeError: Decompression failed.", post("/d/gzip", new byte[] {1, 2, 3, 4, 5}).text());
        byte[] gz = post("/c/gzip", "some text".getBytes(StandardCharsets.UTF_8)).bytes();
        assertEquals("TypeError: Called close() on a decompression stream with incomplete data",
                post("/d/gzip", java.util.Arrays.copyOf(gz, gz.length - 4)).text());
        byte[] extra = java.util.Arrays.copyOf(gz, gz.length + 1);
        assertEquals("TypeError: Trailing bytes after end of compressed data", post("/d/gzip", extra).text());
        byte[] corrupt = gz.clone();
        corrupt[gz.length - 8] ^= 1; // the CRC
        assertEquals("TypeError: Decompression failed.", post("/d/gzip", corrupt).text());
    }
}
