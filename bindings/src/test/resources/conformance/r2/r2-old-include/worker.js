// R2 before r2_list_honor_include (2022-08-04), plus limits and multipart orders the main probe left open.
async function t(fn) {
  try {
    const v = await fn();
    return v === null ? null : v === undefined ? "undefined" : v;
  } catch (e) {
    return { name: e.name, message: e.message };
  }
}
export default {
  async fetch(request, env) {
    const b = env.B;
    const path = new URL(request.url).pathname;
    if (path === "/include") {
      await b.put("k", "v", { httpMetadata: { contentType: "t/x", contentLanguage: "de" }, customMetadata: { a: "b" } });
      const one = (r) => ({ http: r.objects[0].httpMetadata ?? "absent", custom: r.objects[0].customMetadata ?? "absent" });
      return Response.json({ none: one(await b.list()), http: one(await b.list({ include: ["httpMetadata"] })) });
    }
    if (path === "/limits") {
      const out = {};
      out.meta2049 = await t(async () => (await b.put("m", "x", { customMetadata: { k: "v".repeat(2048) } })).size);
      out.meta3000 = await t(async () => (await b.put("m", "x", { customMetadata: { k: "v".repeat(3000) } })).size);
      out.meta9000 = await t(async () => (await b.put("m", "x", { customMetadata: { k: "v".repeat(9000) } })).size);
      out.lenNeg = await t(async () => (await b.get("k", { range: { offset: 0, length: -1 } })).range);
      out.suffixNeg = await t(async () => (await b.get("k", { range: { suffix: -1 } })).range);
      out.headersMeta = await t(async () => (await b.put("h", "x", { httpMetadata: new Headers({ "content-language": "en", "content-disposition": "inline", "content-encoding": "gzip" }) })).httpMetadata);
      out.badHttpMeta = await t(async () => (await b.put("h", "x", { httpMetadata: { contentType: 5 } })).httpMetadata);
      out.badCustom = await t(async () => (await b.put("h", "x", { customMetadata: "nope" })).customMetadata);
      out.sha256Ok = await t(async () => (await b.put("s", "abc", { sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" })).checksums.toJSON());
      const MiB = 1024 * 1024;
      const u = await b.createMultipartUpload("o.bin");
      const p1 = await u.uploadPart(1, new Uint8Array(5 * MiB).fill(120));
      const p2 = await u.uploadPart(2, "end");
      out.outOfOrder = await t(async () => { const o = await u.complete([p2, p1]); return { size: o.size, tail: await (await b.get("o.bin", { range: { suffix: 4 } })).text() }; });
      const u2 = await b.createMultipartUpload("o2.bin");
      const q1 = await u2.uploadPart(1, new Uint8Array(5 * MiB).fill(1));
      const q2 = await u2.uploadPart(2, new Uint8Array(5 * MiB + 10).fill(2));
      out.lastBigger = await t(async () => (await u2.complete([q1, q2])).size);
      const u3 = await b.createMultipartUpload("o3.bin");
      const r1 = await u3.uploadPart(1, "x");
      out.duplicate = await t(async () => (await u3.complete([r1, r1])).size);
      const u4 = await b.createMultipartUpload("o4.bin", { customMetadata: { k: "v".repeat(3000) } }).catch((e) => e);
      out.mpuMeta = u4 instanceof Error ? { name: u4.name, message: u4.message } : "created";
      out.mpuLongKey = await t(async () => (await b.createMultipartUpload("k".repeat(1025))).key);
      out.uploadPartNull = await t(async () => { const u5 = await b.createMultipartUpload("o5.bin"); return Object.keys(await u5.uploadPart(1, null)); });
      return Response.json(out);
    }
    return new Response("not found", { status: 404 });
  },
};
