package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TextEncoderStream / TextDecoderStream (web/encoding-streams.js) and the TextDecoder they use. */
class EncodingStreamsTest {

    private static final String WORKER = """
            async function chunks(rs) { const out = []; for await (const c of rs) out.push(c); return out; }
            export default {
              async fetch(request) {
                const path = new URL(request.url).pathname;
                if (path === "/upper") {
                  // body bytes -> text -> upper case -> bytes, chunk by chunk
                  const up = new TransformStream({ transform(s, c) { c.enqueue(s.toUpperCase()); } });
                  return new Response(request.body.pipeThrough(new TextDecoderStream()).pipeThrough(up).pipeThrough(new TextEncoderStream()));
                }
                if (path === "/split") {
                  // a code point split over three writes, a surrogate pair split over two, a lone one at the end
                  const ds = new TextDecoderStream();
                  const w = ds.writable.getWriter();
                  for (const part of [[0x61, 0xf0], [0x9f, 0x98], [0x80, 0x62]]) w.write(new Uint8Array(part));
                  w.close();
                  const es = new TextEncoderStream();
                  const ew = es.writable.getWriter();
                  ew.write("x\\ud83d"); ew.write("\\ude00"); ew.write("\\ud800"); ew.close();
                  const encoded = (await chunks(es.readable)).map((c) => [...c]);
                  return Response.json({ decoded: (await chunks(ds.readable)).join(""), encoded,
                    isTransform: es instanceof TransformStream && ds instanceof TransformStream });
                }
                if (path === "/fatal") {
                  const ds = new TextDecoderStream("utf-8", { fatal: true });
                  const w = ds.writable.getWriter();
                  w.write(new Uint8Array([0x61, 0xff])).catch(() => {});
                  try { await chunks(ds.readable); return new Response("no error"); }
                  catch (e) { return new Response(e.name + ": " + e.message); }
                }
                if (path === "/sjis") {
                  // Shift_JIS through the JDK charset, with a two-byte character split across stream chunks
                  const out = (await chunks(request.body.pipeThrough(new TextDecoderStream("sjis")))).join("");
                  const d = new TextDecoder("shift_jis");
                  return new Response(out + "|" + d.decode(new Uint8Array([0x82]), { stream: true }) + d.decode(new Uint8Array([0xa0])) + "|" + d.encoding);
                }
                if (path === "/utf16") {
                  return new Response((await chunks(request.body.pipeThrough(new TextDecoderStream("utf-16le")))).join(""));
                }
                return new Response("not found", { status: 404 });
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER);

    @Test
    void roundTripsARequestBodyThroughTextAndBack() {
        String text = "h\u00e9llo \u2713 \ud83d\ude00 ".repeat(20000); // multi-byte sequences fall across chunk edges
        WorkerResponse r = sim.fetch(FetchRequest.of("POST", "http://localhost/upper").body(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, r.status(), r.text());
        assertArrayEquals(text.toUpperCase().getBytes(StandardCharsets.UTF_8), r.bytes());
    }

    @Test
    void splitSequencesAreJoinedAcrossChunks() {
        WorkerResponse r = sim.fetch(FetchRequest.get("http://localhost/split"));
        assertJson(Map.of("decoded", "a\ud83d\ude00b",
                "encoded", List.of(List.of(120), List.of(240, 159, 152, 128), List.of(239, 191, 189)), "isTransform", true),
                r.text());
    }

    @Test
    void fatalDecoderErrorsTheStream() {
        assertEquals("TypeError: Failed to decode input.", sim.fetch(FetchRequest.get("http://localhost/fatal")).text());
    }

    @Test
    void decodesLegacyMultiByteEncodingsAcrossChunks() {
        String text = "\u3042\u3044\u3046 Shift_JIS ".repeat(5000);
        byte[] body = text.getBytes(java.nio.charset.Charset.forName("windows-31j"));
        assertEquals(text + "|\u3042|shift_jis",
                sim.fetch(FetchRequest.of("POST", "http://localhost/sjis").body(body)).text());
    }

    @Test
    void decodesUtf16WithBom() {
        byte[] body = "\ufeffAB\u2713".getBytes(StandardCharsets.UTF_16LE);
        assertEquals("AB\u2713", sim.fetch(FetchRequest.of("POST", "http://localhost/utf16").body(body)).text());
    }
}
