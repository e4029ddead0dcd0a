async function tryAsync(fn) { try { const v = await fn(); return v === undefined ? "ok" : v; } catch (e) { return { threw: e.name, message: e.message }; } }
function tryIt(fn) { try { const v = fn(); return v === undefined ? "ok" : v; } catch (e) { return { threw: e.name }; } }
async function pipeBytes(chunks, ts) {
  const rs = new ReadableStream({ start(c) { for (const ch of chunks) c.enqueue(ch); c.close(); } });
  return new Uint8Array(await new Response(rs.pipeThrough(ts)).arrayBuffer());
}
async function collectChunks(rs) { const out = []; for await (const c of rs) out.push(c); return out; }
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/encoding-streams") {
      const es = new TextEncoderStream();
      const w = es.writable.getWriter();
      w.write("a\ud83d"); w.write("\ude00b"); w.write("\ud800"); w.close();
      const encChunks = (await collectChunks(es.readable)).map((c) => [...c]);
      const ds = new TextDecoderStream();
      const dw = ds.writable.getWriter();
      dw.write(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xe2])); dw.write(new Uint8Array([0x9c, 0x93])); dw.write(new Uint8Array([0xe2])); dw.close();
      const decChunks = await collectChunks(ds.readable);
      const fatal = new TextDecoderStream("utf-8", { fatal: true });
      const fw = fatal.writable.getWriter();
      fw.write(new Uint8Array([0xff])).catch(() => {}); fw.close().catch(() => {});
      return Response.json({
        encChunks, decChunks, props: [es.encoding, ds.encoding, ds.fatal, ds.ignoreBOM, fatal.fatal],
        fatal: await tryAsync(() => collectChunks(fatal.readable)),
        badChunk: await tryAsync(async () => { const d = new TextDecoderStream(); const w2 = d.writable.getWriter(); w2.write("str").catch(() => {}); return collectChunks(d.readable); }),
        latin1Stream: (await collectChunks(new Response(new Uint8Array([0xe9, 0x80])).body.pipeThrough(new TextDecoderStream("latin1")))).join(""),
        tags: [String(es), String(ds)], keys: [Object.keys(TextEncoderStream.prototype), Object.keys(TextDecoderStream.prototype)],
      });
    }
    if (url.pathname === "/compression") {
      const data = new TextEncoder().encode("hello hello hello hello ".repeat(20));
      const out = {};
      for (const f of ["gzip", "deflate", "deflate-raw"]) {
        const c = await pipeBytes([data.subarray(0, 100), data.subarray(100)], new CompressionStream(f));
        const d = await pipeBytes([c.subarray(0, 3), c.subarray(3, 11), c.subarray(11)], new DecompressionStream(f));
        out[f] = { head: [...c.subarray(0, 2)], smaller: c.length < data.length, back: new TextDecoder().decode(d) === new TextDecoder().decode(data) };
      }
      const gz = await pipeBytes([data], new CompressionStream("gzip"));
      out.gzipHeader = [...gz.subarray(0, 10)];
      out.badFormat = tryIt(() => new CompressionStream("br"));
      out.noArg = tryIt(() => new CompressionStream());
      out.garbage = await tryAsync(() => pipeBytes([new Uint8Array([1, 2, 3, 4, 5])], new DecompressionStream("gzip")));
      out.truncated = await tryAsync(() => pipeBytes([gz.subarray(0, gz.length - 4)], new DecompressionStream("gzip")));
      out.trailing = await tryAsync(() => pipeBytes([gz, new Uint8Array([1])], new DecompressionStream("gzip")));
      out.badChunk = await tryAsync(() => pipeBytes(["str"], new CompressionStream("gzip")));
      out.empty = [...await pipeBytes([], new CompressionStream("deflate"))];
      out.keys = [Object.keys(CompressionStream.prototype), Object.keys(DecompressionStream.prototype)];
      out.tags = [String(new CompressionStream("gzip")), String(new DecompressionStream("gzip"))];
      return Response.json(out);
    }
    if (url.pathname === "/clone") {
      const ab = new ArrayBuffer(8);
      const shared = { s: 1 };
      const o = { a: shared, b: shared, dv: new DataView(ab, 2, 4), u16: new Uint16Array(ab, 2, 2), wrap: [Object(1), Object("s"), Object(false)],
        err: new TypeError("t", { cause: "why" }), custom: Object.assign(new (class Point { constructor() { this.x = 1; } })(), {}),
        neg0: -0, undef: undefined, nested: [new Map([[{ k: 1 }, new Set(["v"])]])] };
      const c = structuredClone(o);
      const t = new ArrayBuffer(4);
      const moved = structuredClone({ t }, { transfer: [t] });
      return Response.json({
        sharedKept: c.a === c.b && c.a !== shared, sameBuffer: c.dv.buffer === c.u16.buffer, dv: [c.dv.byteOffset, c.dv.byteLength], u16: [c.u16.byteOffset, c.u16.length],
        wrap: c.wrap.map((x) => [typeof x, x.valueOf()]), err: [c.err.name, c.err.message, c.err.cause, c.err instanceof TypeError],
        customProto: Object.getPrototypeOf(c.custom) === Object.prototype, customX: c.custom.x, neg0: Object.is(c.neg0, -0), undef: "undef" in c,
        mapKey: [...c.nested[0].keys()][0].k, mapVal: [...[...c.nested[0].values()][0]],
        transfer: [t.byteLength, moved.t.byteLength],
        promise: tryIt(() => structuredClone(Promise.resolve())), weak: tryIt(() => structuredClone(new WeakMap())),
        noArg: tryIt(() => structuredClone()), prim: [structuredClone(5), structuredClone("s"), structuredClone(null)],
        request: tryIt(() => structuredClone(new Request("https://x/"))), blob: tryIt(() => typeof structuredClone(new Blob(["x"]))),
        funcMessage: (() => { try { structuredClone(() => 1); } catch (e) { return e.message; } })(),
      });
    }
    if (url.pathname === "/decoder") {
      const b = (a) => new Uint8Array(a);
      return Response.json({
        cp1252: new TextDecoder("windows-1252").decode(b([0x80, 0x9f, 0xff])), ascii: new TextDecoder("ascii").encoding,
        utf16be: new TextDecoder("utf-16be").decode(b([0, 0x41, 0xd8, 0x3d, 0xde, 0x00])), utf16bom: new TextDecoder("utf-16le").decode(b([0xff, 0xfe, 0x41, 0])),
        utf16odd: new TextDecoder("utf-16le").decode(b([0x41, 0, 0x42])), utf16lone: [...new TextDecoder("utf-16le").decode(b([0x00, 0xd8, 0x41, 0]))].map((c) => c.charCodeAt(0)),
        labels: ["UTF8", " utf-8 ", "unicode-1-1-utf-8", "utf-16"].map((l) => new TextDecoder(l).encoding),
        props: (() => { const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }); return [d.encoding, d.fatal, d.ignoreBOM]; })(),
        others: ["iso-8859-2", "shift_jis", "gbk", "utf-32", "x-nope"].map((l) => tryIt(() => new TextDecoder(l).encoding)), legacy: [new TextDecoder("sjis").decode(new Uint8Array([0x82, 0xa0, 0x41])), new TextDecoder("latin2").decode(new Uint8Array([0xa1, 0xb1])), new TextDecoder("koi8-r").decode(new Uint8Array([0xc1])), new TextDecoder("gb2312").decode(new Uint8Array([0xc4, 0xe3])), (() => { const d = new TextDecoder("euc-kr"); return d.decode(new Uint8Array([0xb0]), { stream: true }) + d.decode(new Uint8Array([0xa1])); })()],
        decodeString: tryIt(() => new TextDecoder().decode("abc")), decodeNothing: new TextDecoder().decode(),
        keys: Object.keys(TextDecoder.prototype), tag: String(new TextDecoder()),
      });
    }
    return new Response("not found", { status: 404 });
  },
};
