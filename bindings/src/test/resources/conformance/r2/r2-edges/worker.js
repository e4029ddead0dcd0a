// R2 edge cases beyond r2-probe: odd keys, stream bodies, empty deletes, list options, conditional + range together.
async function t(fn) {
  try {
    const v = await fn();
    return v === null ? null : v === undefined ? "undefined" : v;
  } catch (e) {
    return { name: e.name, message: e.message };
  }
}
const brief = (o) => (o === null ? null : { key: o.key, size: o.size, hasBody: "body" in o, range: o.range ?? null });
export default {
  async fetch(request, env) {
    const b = env.B;
    const out = {};
    out.emptyKey = await t(async () => { await b.put("", "root"); return { head: brief(await b.head("")), text: await (await b.get("")).text() }; });
    out.unicodeKey = await t(async () => (await b.put("ключ/😀", "u")).key);
    out.stringChunks = await t(async () => {
      const s = new ReadableStream({ start(c) { c.enqueue("not bytes"); c.close(); } });
      return (await b.put("s", s)).size;
    });
    out.streamBody = await t(async () => (await b.put("stream", new Response("hi!").body)).size);
    out.fixedLength = await t(async () => {
      const { readable, writable } = new FixedLengthStream(3);
      const w = writable.getWriter();
      w.write(new Uint8Array([1, 2, 3]));
      w.close();
      return (await b.put("fixed", readable)).size;
    });
    out.responseOfUserStream = await t(async () => {
      const s = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); c.close(); } });
      return (await b.put("wrapped", new Response(s).body)).size;
    });
    out.userStreamPart = await t(async () => {
      const u = await b.createMultipartUpload("usp");
      return (await u.uploadPart(1, new ReadableStream({ start(c) { c.close(); } }))).partNumber;
    });
    out.putOnlyIfString = await t(async () => brief(await b.put("x", "y", { onlyIf: "x" })));
    out.lockedStream = await t(async () => {
      const s = new ReadableStream({ start(c) { c.close(); } });
      s.getReader();
      return (await b.put("locked", s)).size;
    });
    out.deleteEmpty = await t(() => b.delete([]));
    out.deleteNumber = await t(() => b.delete(5));
    out.listPrefixLong = await t(async () => (await b.list({ prefix: "p".repeat(1100) })).objects.length);
    out.listStartAfterCursor = await t(async () => {
      const first = await b.list({ limit: 1 });
      return (await b.list({ cursor: first.cursor, startAfter: "s" })).objects.map((o) => o.key);
    });
    out.listDelimiterEmpty = await t(async () => (await b.list({ delimiter: "" })).delimitedPrefixes);
    out.condAndRange = await t(async () => brief(await b.get("stream", { onlyIf: { etagMatches: "nope" }, range: { offset: 1 } })));
    out.condAndRangeOk = await t(async () => { const o = await b.get("stream", { onlyIf: { etagDoesNotMatch: "nope" }, range: { offset: 1 } }); return { ...brief(o), text: await o.text() }; });
    out.etagArray = await t(async () => brief(await b.get("stream", { onlyIf: { etagMatches: ["a", "b"] } })));
    out.onlyIfString = await t(async () => brief(await b.get("stream", { onlyIf: "x" })));
    out.rangeString = await t(async () => brief(await b.get("stream", { range: "bytes=0-1" })));
    out.getKeyNumber = await t(async () => brief(await b.get(42)));
    out.bodyTwiceStream = await t(async () => { const o = await b.get("stream"); o.body; return [o.bodyUsed, await o.text()]; });
    out.cancelThenRead = await t(async () => { const o = await b.get("stream"); await o.body.cancel(); return await o.text(); });
    out.cacheExpiryBad = await t(async () => (await b.put("x", "y", { httpMetadata: { cacheExpiry: 5 } })).httpMetadata);
    out.storageClassBad = await t(async () => (await b.put("x", "y", { storageClass: "Nope" })).storageClass);
    out.multipartEmptyKey = await t(async () => { const u = await b.createMultipartUpload(""); return [u.key, typeof u.uploadId]; });
    out.partString = await t(async () => { const u = await b.createMultipartUpload("ps"); return (await u.uploadPart("2", "x")).partNumber; });
    out.partFloat = await t(async () => { const u = await b.createMultipartUpload("pf"); return (await u.uploadPart(1.5, "x")).partNumber; });
    out.completeBadArg = await t(async () => { const u = await b.createMultipartUpload("cb"); return await u.complete("x"); });
    return Response.json(out);
  },
};
