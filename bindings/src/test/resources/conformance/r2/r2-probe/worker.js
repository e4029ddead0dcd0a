// Probes R2 edge cases: object shapes, error messages, list options, conditionals, ranges, multipart errors.
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
async function t(fn) {
  try {
    const v = await fn();
    return v === null ? null : v === undefined ? "undefined" : v;
  } catch (e) {
    return { name: e.name, message: e.message, code: e.code ?? null };
  }
}
const brief = (o) => (o === null ? null : { key: o.key, size: o.size, hasBody: "body" in o, range: o.range ?? null });
export default {
  async fetch(request, env) {
    const b = env.B;
    const path = new URL(request.url).pathname;
    if (path === "/shape") {
      const put = await b.put("shape.txt", "hello world", { httpMetadata: { contentType: "text/plain", cacheExpiry: new Date(1700000000000), contentDisposition: "inline", contentEncoding: "identity" }, customMetadata: { a: "1" } });
      const got = await b.get("shape.txt");
      const head = await b.head("shape.txt");
      const h = new Headers();
      got.writeHttpMetadata(h);
      const ia = await b.put("ia.txt", "x", { storageClass: "InfrequentAccess" });
      const json = JSON.parse(JSON.stringify(head));
      return Response.json({
        putKeys: Object.keys(put), getKeys: Object.keys(got), headOwn: Object.getOwnPropertyNames(head),
        protoPut: Object.getOwnPropertyNames(Object.getPrototypeOf(put)), protoGet: Object.getOwnPropertyNames(Object.getPrototypeOf(got)),
        tagPut: Object.prototype.toString.call(put), tagGet: Object.prototype.toString.call(got),
        ctor: put.constructor.name, getCtor: got.constructor.name, bucketTag: Object.prototype.toString.call(b),
        bucketProto: Object.getOwnPropertyNames(Object.getPrototypeOf(b)),
        json: Object.keys(json), jsonChecksums: json.checksums ?? null,
        versionLen: put.version.length, versionHex: /^[0-9a-f]+$/.test(put.version), sameVersion: put.version === head.version,
        uploadedMs: put.uploaded.getTime() % 1000 !== 0 ? "ms" : "s",
        httpMetadata: head.httpMetadata, httpMetadataKeys: Object.keys(head.httpMetadata), cacheExpiryIsDate: head.httpMetadata.cacheExpiry instanceof Date,
        written: [...h], checksumsKeys: Object.keys(head.checksums), checksumsProto: Object.getOwnPropertyNames(Object.getPrototypeOf(head.checksums)),
        checksumsJson: head.checksums.toJSON(), md5Type: Object.prototype.toString.call(head.checksums.md5),
        sha256: head.checksums.sha256 ?? null,
        ia: ia.storageClass, iaHead: (await b.head("ia.txt")).storageClass,
        bodyType: Object.prototype.toString.call(got.body), bodyUsedBefore: got.bodyUsed,
        blob: await (await b.get("shape.txt")).blob().then((x) => ({ type: x.type, size: x.size })),
        bytes: await (await b.get("shape.txt")).bytes().then((x) => Object.prototype.toString.call(x)),
        json2: await t(async () => (await b.get("shape.txt")).json()),
        twice: await t(async () => { const o = await b.get("shape.txt"); await o.text(); return await o.text(); }),
        empty: await t(async () => { const o = await b.put("empty", null); const g = await b.get("empty"); return { size: o.size, etag: o.etag, text: await g.text() }; }),
        blobPut: await t(async () => { const o = await b.put("blob", new Blob(["abc"], { type: "x/y" })); return { size: o.size, ct: o.httpMetadata.contentType ?? null }; }),
        viewPut: await t(async () => (await b.put("view", new Uint8Array([1, 2, 3, 4]).subarray(1, 3))).size),
        headersMeta: await t(async () => (await b.put("hm", "x", { httpMetadata: new Headers({ "content-type": "a/b", "cache-control": "no-cache", "expires": "Wed, 21 Oct 2015 07:28:00 GMT", "x-other": "1" }) })).httpMetadata),
        sha1Put: await t(async () => { const o = await b.put("sha", "abc", { sha1: "a9993e364706816aba3e25717850c26c9cd0d89d" }); return { keys: Object.keys(o.checksums), json: o.checksums.toJSON() }; }),
      });
    }
    if (path === "/errors") {
      const out = {};
      out.metaBig = await t(() => b.put("m", "x", { customMetadata: { k: "v".repeat(2047) } }));
      out.metaOk = await t(async () => (await b.put("m", "x", { customMetadata: { k: "v".repeat(2047 - 1) } })).size);
      out.metaNonString = await t(async () => (await b.put("m2", "x", { customMetadata: { k: 1 } })).customMetadata);
      out.twoChecksums = await t(() => b.put("c", "abc", { md5: "900150983cd24fb0d6963f7d28e17f72", sha1: "a9993e364706816aba3e25717850c26c9cd0d89d" }));
      out.sha1Bad = await t(() => b.put("c", "abc", { sha1: "0".repeat(40) }));
      out.sha256Bad = await t(() => b.put("c", "abc", { sha256: "0".repeat(64) }));
      out.md5Short = await t(() => b.put("c", "abc", { md5: "abcd" }));
      out.md5Buffer = await t(async () => (await b.put("c", "abc", { md5: new Uint8Array(16).buffer })) && "ok");
      out.badValue = await t(() => b.put("c", 42));
      out.badValueObj = await t(() => b.put("c", { a: 1 }));
      out.undefinedValue = await t(() => b.put("c"));
      out.delete1001 = await t(() => b.delete(Array.from({ length: 1001 }, (_, i) => "k" + i)));
      out.delete1000 = await t(() => b.delete(Array.from({ length: 1000 }, (_, i) => "k" + i)));
      out.limit0 = await t(async () => (await b.list({ limit: 0 })).objects.length);
      out.limit1001 = await t(async () => (await b.list({ limit: 1001 })).objects.length);
      out.limitNeg = await t(async () => (await b.list({ limit: -1 })).objects.length);
      out.getLong = await t(() => b.get("k".repeat(1025)));
      out.headLong = await t(() => b.head("k".repeat(1025)));
      out.deleteLong = await t(() => b.delete("k".repeat(1025)));
      out.key1024 = await t(async () => (await b.put("k".repeat(1024), "x")).size);
      out.headNoArg = await t(() => b.head());
      out.getNoArg = await t(() => b.get());
      await b.put("r.txt", "0123456789");
      out.rangeOffsetPast = await t(async () => brief(await b.get("r.txt", { range: { offset: 20 } })));
      out.rangeOffsetEnd = await t(async () => brief(await b.get("r.txt", { range: { offset: 10 } })));
      out.rangeLen0 = await t(async () => brief(await b.get("r.txt", { range: { offset: 2, length: 0 } })));
      out.rangeLenPast = await t(async () => { const o = await b.get("r.txt", { range: { offset: 8, length: 5 } }); return { ...brief(o), text: await o.text() }; });
      out.rangeSuffixBig = await t(async () => { const o = await b.get("r.txt", { range: { suffix: 20 } }); return { ...brief(o), text: await o.text() }; });
      out.rangeSuffix0 = await t(async () => brief(await b.get("r.txt", { range: { suffix: 0 } })));
      out.rangeNeg = await t(async () => brief(await b.get("r.txt", { range: { offset: -1 } })));
      out.rangeBoth = await t(async () => brief(await b.get("r.txt", { range: { offset: 1, suffix: 2 } })));
      out.rangeEmpty = await t(async () => brief(await b.get("r.txt", { range: {} })));
      out.rangeLenOnly = await t(async () => { const o = await b.get("r.txt", { range: { length: 3 } }); return { ...brief(o), text: await o.text() }; });
      out.rangeHeaders = await t(async () => { const o = await b.get("r.txt", { range: new Headers({ range: "bytes=2-4" }) }); return { ...brief(o), text: await o.text() }; });
      out.rangeHeadersSuffix = await t(async () => { const o = await b.get("r.txt", { range: new Headers({ range: "bytes=-3" }) }); return { ...brief(o), text: await o.text() }; });
      out.rangeHeadersOpen = await t(async () => { const o = await b.get("r.txt", { range: new Headers({ range: "bytes=7-" }) }); return { ...brief(o), text: await o.text() }; });
      out.rangeHeadersMulti = await t(async () => brief(await b.get("r.txt", { range: new Headers({ range: "bytes=0-1,3-4" }) })));
      out.rangeHeadersBad = await t(async () => brief(await b.get("r.txt", { range: new Headers({ range: "bytes=20-30" }) })));
      out.rangeHeadersNone = await t(async () => brief(await b.get("r.txt", { range: new Headers() })));
      out.rangeMissingKey = await t(async () => brief(await b.get("nope", { range: { offset: 1 } })));
      return Response.json(out);
    }
    if (path === "/list") {
      for (const k of ["a/1", "a/2", "a/b/3", "b", "c/x", "c/y", "d"]) await b.put(k, k, { httpMetadata: { contentType: "t/" + k.length }, customMetadata: { k } });
      const shape = (r) => ({ keys: r.objects.map((o) => o.key), truncated: r.truncated, cursor: typeof r.cursor, prefixes: r.delimitedPrefixes, rkeys: Object.keys(r) });
      const out = {};
      out.all = shape(await b.list({ prefix: "" }));
      out.limit2 = shape(await b.list({ limit: 2 }));
      const p1 = await b.list({ limit: 3 });
      out.page2 = shape(await b.list({ limit: 3, cursor: p1.cursor }));
      out.prefix = shape(await b.list({ prefix: "a/" }));
      out.delim = shape(await b.list({ delimiter: "/" }));
      out.delimLimit = shape(await b.list({ delimiter: "/", limit: 2 }));
      const d1 = await b.list({ delimiter: "/", limit: 2 });
      out.delimPage2 = shape(await b.list({ delimiter: "/", limit: 2, cursor: d1.cursor }));
      out.delimPrefix = shape(await b.list({ delimiter: "/", prefix: "a/" }));
      out.startAfter = shape(await b.list({ startAfter: "a/2" }));
      out.startAfterPrefix = shape(await b.list({ startAfter: "a", prefix: "a/" }));
      const one = (r) => { const o = r.objects[0]; return { keys: Object.keys(o), http: o.httpMetadata ?? "absent", custom: o.customMetadata ?? "absent", checksums: o.checksums ? o.checksums.toJSON() : "absent" }; };
      out.noInclude = one(await b.list({ prefix: "d" }));
      out.includeHttp = one(await b.list({ prefix: "d", include: ["httpMetadata"] }));
      out.includeBoth = one(await b.list({ prefix: "d", include: ["httpMetadata", "customMetadata"] }));
      out.includeBad = await t(async () => one(await b.list({ prefix: "d", include: ["nope"] })));
      out.badCursor = await t(async () => shape(await b.list({ cursor: "garbage" })));
      return Response.json(out);
    }
    if (path === "/cond") {
      const o = await b.put("c.txt", "cond");
      const past = new Date(o.uploaded.getTime() - 60000), future = new Date(o.uploaded.getTime() + 60000);
      const out = {};
      out.getEtagMatch = await t(async () => brief(await b.get("c.txt", { onlyIf: { etagMatches: o.etag } })));
      out.getEtagMismatch = await t(async () => brief(await b.get("c.txt", { onlyIf: { etagMatches: "nope" } })));
      out.getEtagNoneMatch = await t(async () => brief(await b.get("c.txt", { onlyIf: { etagDoesNotMatch: o.etag } })));
      out.getStar = await t(async () => brief(await b.get("c.txt", { onlyIf: { etagMatches: "*" } })));
      out.getQuoted = await t(async () => brief(await b.get("c.txt", { onlyIf: { etagMatches: o.httpEtag } })));
      out.getBefore = await t(async () => brief(await b.get("c.txt", { onlyIf: { uploadedBefore: past } })));
      out.getAfter = await t(async () => brief(await b.get("c.txt", { onlyIf: { uploadedAfter: future } })));
      out.getAfterPast = await t(async () => brief(await b.get("c.txt", { onlyIf: { uploadedAfter: past } })));
      out.matchAndBefore = await t(async () => brief(await b.get("c.txt", { onlyIf: { etagMatches: o.etag, uploadedBefore: past } })));
      out.noneMatchAndAfter = await t(async () => brief(await b.get("c.txt", { onlyIf: { etagDoesNotMatch: "other", uploadedAfter: future } })));
      out.mismatchAndBeforeOk = await t(async () => brief(await b.get("c.txt", { onlyIf: { etagMatches: "x", uploadedBefore: future } })));
      out.hdrIfMatch = await t(async () => brief(await b.get("c.txt", { onlyIf: new Headers({ "if-match": o.httpEtag }) })));
      out.hdrIfMatchBad = await t(async () => brief(await b.get("c.txt", { onlyIf: new Headers({ "if-match": '"nope"' }) })));
      out.hdrIfNoneMatch = await t(async () => brief(await b.get("c.txt", { onlyIf: new Headers({ "if-none-match": o.httpEtag }) })));
      out.hdrIfNoneMatchList = await t(async () => brief(await b.get("c.txt", { onlyIf: new Headers({ "if-none-match": `"a", ${o.httpEtag}` }) })));
      out.hdrIfNoneMatchWeak = await t(async () => brief(await b.get("c.txt", { onlyIf: new Headers({ "if-none-match": `W/${o.httpEtag}` }) })));
      out.hdrIfModifiedSince = await t(async () => brief(await b.get("c.txt", { onlyIf: new Headers({ "if-modified-since": future.toUTCString() }) })));
      out.hdrIfUnmodifiedSince = await t(async () => brief(await b.get("c.txt", { onlyIf: new Headers({ "if-unmodified-since": past.toUTCString() }) })));
      out.hdrIfMatchAndUnmod = await t(async () => brief(await b.get("c.txt", { onlyIf: new Headers({ "if-match": o.httpEtag, "if-unmodified-since": past.toUTCString() }) })));
      out.headEtagMismatch = await t(async () => brief(await b.head("c.txt", { onlyIf: { etagMatches: "nope" } })));
      out.putNoneStar = await t(async () => brief(await b.put("c.txt", "again", { onlyIf: { etagDoesNotMatch: "*" } })));
      out.putNoneStarNew = await t(async () => brief(await b.put("c-new.txt", "new", { onlyIf: { etagDoesNotMatch: "*" } })));
      out.putMatchMissing = await t(async () => brief(await b.put("c-missing.txt", "new", { onlyIf: { etagMatches: o.etag } })));
      out.putMatch = await t(async () => brief(await b.put("c.txt", "changed", { onlyIf: { etagMatches: o.etag } })));
      out.getMissingCond = await t(async () => brief(await b.get("nope", { onlyIf: { etagMatches: "x" } })));
      out.badOnlyIf = await t(async () => brief(await b.get("c.txt", { onlyIf: { etagMatches: 5 } })));
      out.seconds = await t(async () => brief(await b.get("c.txt", { onlyIf: { uploadedAfter: new Date(Math.floor((await b.head("c.txt")).uploaded.getTime() / 1000) * 1000), secondsGranularity: true } })));
      return Response.json(out);
    }
    if (path === "/mpu") {
      const MiB = 1024 * 1024;
      const out = {};
      const up = await b.createMultipartUpload("m.bin");
      out.upKeys = Object.keys(up);
      out.upProto = Object.getOwnPropertyNames(Object.getPrototypeOf(up));
      out.upTag = Object.prototype.toString.call(up);
      const p1 = await up.uploadPart(1, new Uint8Array(5 * MiB).fill(1));
      out.partKeys = Object.keys(p1);
      out.partTag = Object.prototype.toString.call(p1);
      const p2 = await up.uploadPart(2, new Uint8Array(5 * MiB + 1).fill(2));
      const p3 = await up.uploadPart(3, "end");
      out.unequal = await t(() => up.complete([p1, p2, p3]));
      out.badEtag = await t(() => up.complete([p1, { partNumber: 3, etag: "nope" }]));
      out.missingPart = await t(() => up.complete([p1, { partNumber: 7, etag: p3.etag }]));
      out.empty = await t(() => up.complete([]));
      out.outOfOrder = await t(async () => (await up.complete([p3, p1])).size);
      const up2 = await b.createMultipartUpload("m2.bin");
      const q1 = await up2.uploadPart(1, new Uint8Array(5 * MiB).fill(3));
      const q2 = await up2.uploadPart(2, "tail");
      const done = await up2.complete([q1, q2]);
      const h = await b.head("m2.bin");
      out.done = { size: done.size, etagLen: done.etag.length, etagSuffix: done.etag.split("-")[1], checksums: h.checksums.toJSON(), hasMd5: h.checksums.md5 !== undefined };
      out.afterComplete = await t(() => up2.uploadPart(3, "x"));
      out.completeTwice = await t(async () => (await up2.complete([q1, q2])).size);
      out.abortAfterComplete = await t(() => up2.abort());
      out.abortUnknown = await t(() => b.resumeMultipartUpload("x", "unknown").abort());
      out.completeUnknown = await t(() => b.resumeMultipartUpload("x", "unknown").complete([]));
      out.part10001 = await t(() => up2.uploadPart(10001, "x"));
      out.resumeNoArgs = await t(() => b.resumeMultipartUpload("x").key);
      out.wrongKey = await t(async () => { const up3 = await b.createMultipartUpload("m3.bin"); return await b.resumeMultipartUpload("other.bin", up3.uploadId).uploadPart(1, "x"); });
      out.samePartTwice = await t(async () => { const u = await b.createMultipartUpload("m4.bin"); const a = await u.uploadPart(1, "first"); const c = await u.uploadPart(1, "second"); const o = await u.complete([c]); return { same: a.etag === c.etag, size: o.size, text: await (await b.get("m4.bin")).text() }; });
      out.singleSmall = await t(async () => { const u = await b.createMultipartUpload("m5.bin"); const a = await u.uploadPart(1, "small"); return (await u.complete([a])).size; });
      return Response.json(out);
    }
    return new Response("not found", { status: 404 });
  },
};
