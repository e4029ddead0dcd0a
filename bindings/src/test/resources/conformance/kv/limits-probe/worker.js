async function attempt(fn) {
  try { const v = await fn(); return { ok: true, value: v === undefined ? "undefined" : v instanceof Map ? [...v.entries()] : v }; }
  catch (e) { return { ok: false, name: e.name, message: e.message }; }
}
function sync(fn) { try { const p = fn(); return p && p.then ? "promise" : "value"; } catch (e) { return "throws " + e.name + ": " + e.message; } }
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const kv = env.KV;
    const now = Math.floor(Date.now() / 1000);
    switch (url.pathname) {
      case "/errors": return Response.json({
        dotdot: await attempt(() => kv.put("..", "v")),
        getEmpty: await attempt(() => kv.get("")),
        getDot: await attempt(() => kv.get(".")),
        delEmpty: await attempt(() => kv.delete("")),
        delDot: await attempt(() => kv.delete("..")),
        delLong: await attempt(() => kv.delete("y".repeat(600))),
        longUnicode: await attempt(() => kv.put("é".repeat(257), "v")),
        ttl0: await attempt(() => kv.put("k", "v", { expirationTtl: 0 })),
        ttlNeg: await attempt(() => kv.put("k", "v", { expirationTtl: -5 })),
        ttlStr: await attempt(() => kv.put("k", "v", { expirationTtl: "abc" })),
        ttlNumStr: await attempt(() => kv.put("k", "v", { expirationTtl: "120" })),
        ttlFloat: await attempt(() => kv.put("k", "v", { expirationTtl: 90.7 })),
        expSoon: await attempt(() => kv.put("k", "v", { expiration: now + 30 })),
        expNaN: await attempt(() => kv.put("k", "v", { expiration: "x" })),
        both: await attempt(async () => { await kv.put("both", "v", { expiration: now + 1000, expirationTtl: 120 }); return (await kv.list({prefix: "both"})).keys[0].expiration - now; }),
        bigValue: await attempt(() => kv.put("big", "x".repeat(25 * 1024 * 1024 + 1))),
        bigValueBytes: await attempt(() => kv.put("big", new Uint8Array(25 * 1024 * 1024 + 1))),
        okMaxValue: await attempt(() => kv.put("max", new Uint8Array(25 * 1024 * 1024))),
        meta1024: await attempt(() => kv.put("m", "v", { metadata: "x".repeat(1022) })),
        metaBad: await attempt(() => kv.put("m", "v", { metadata: { f() {} } })),
        metaBigint: await attempt(() => kv.put("m", "v", { metadata: 10n })),
        metaUndef: await attempt(() => kv.put("m", "v", { metadata: undefined })),
        valueNumber: await attempt(() => kv.put("num", 123)),
        valueObj: await attempt(() => kv.put("obj", { a: 1 })),
        valueNull: await attempt(() => kv.put("nul", null)),
        valueUndef: await attempt(() => kv.put("und", undefined)),
        keyNumber: await attempt(async () => { await kv.put(42, "num key"); return await kv.get("42"); }),
        keyUndef: await attempt(() => kv.get(undefined)),
        noArgs: await attempt(() => kv.get()),
        putNoValue: await attempt(() => kv.put("x")),
        cacheTtl10: await attempt(() => kv.get("k", { cacheTtl: 10 })),
        cacheTtl30: await attempt(() => kv.get("k", { cacheTtl: 30 })),
        typeNull: await attempt(() => kv.get("k", null)),
        typeUndefObj: await attempt(() => kv.get("k", { type: undefined })),
        optionsBad: await attempt(() => kv.get("k", 5)),
        listLimit0: await attempt(() => kv.list({ limit: 0 })),
        listLimit1001: await attempt(() => kv.list({ limit: 1001 })),
        listLimitStr: await attempt(() => kv.list({ limit: "abc" })),
        listLimitNeg: await attempt(() => kv.list({ limit: -1 })),
        listPrefixLong: await attempt(() => kv.list({ prefix: "p".repeat(513) })),
        listBadCursor: await attempt(() => kv.list({ cursor: "!!!notbase64" })),
        listNull: await attempt(() => kv.list(null)),
        bulk101: await attempt(() => kv.get(Array.from({ length: 101 }, (_, i) => "k" + i))),
        bulk100: await attempt(async () => (await kv.get(Array.from({ length: 100 }, (_, i) => "k" + i))).size),
        bulkEmpty: await attempt(() => kv.get([])),
        bulkAB: await attempt(() => kv.get(["a"], "arrayBuffer")),
        bulkStream: await attempt(() => kv.get(["a"], "stream")),
        bulkBogus: await attempt(() => kv.get(["a"], "bogus")),
        bulkEmptyKey: await attempt(() => kv.get(["a", ""])),
        bulkLongKey: await attempt(() => kv.get(["a", "z".repeat(513)])),
        bulkDup: await attempt(() => kv.get(["a", "a"])),
        syncGetBad: sync(() => kv.get("k", "bogus")),
        syncPutEmpty: sync(() => kv.put("", "v")),
        syncPutLong: sync(() => kv.put("x".repeat(600), "v")),
      });
      case "/list": {
        await kv.put("b", "1"); await kv.put("a", "1", { metadata: { m: 1 } }); await kv.put("c", "1", { expiration: now + 3600 });
        await kv.put("\uffff", "1"); await kv.put("\ud83d\ude00", "1"); await kv.put("a/1", "1"); await kv.put("a/2", "2");
        await kv.put("mjs", "1", { metadata: "str" });
        const all = await kv.list();
        const p = await kv.list({ prefix: "a" });
        const page1 = await kv.list({ limit: 2 });
        const page2 = await kv.list({ limit: 2, cursor: page1.cursor });
        const bulkMeta = await kv.getWithMetadata(["a", "b", "zz"]);
        const bulkMetaJson = await attempt(() => kv.getWithMetadata(["a"], "json"));
        const bulkJsonBad = await attempt(() => kv.get(["a", "mjs", "\uffff"], "json"));
        const emptyVal = await attempt(async () => { await kv.put("empty", ""); return [await kv.get("empty"), await kv.getWithMetadata("empty"), (await kv.get(["empty"])).get("empty")]; });
        return Response.json({ all: all.keys.map((k) => k.name), allFull: all, p, page1, page2,
          bulkMeta: [...bulkMeta.entries()], bulkMetaJson, bulkJsonBad, emptyVal,
          cExp: all.keys.find((k) => k.name === "c").expiration - now });
      }
      case "/shape": {
        const r = await kv.getWithMetadata("a");
        return Response.json({ keys: Object.keys(r), proto: Object.prototype.toString.call(kv), ctor: kv.constructor.name,
          methods: Object.getOwnPropertyNames(Object.getPrototypeOf(kv)), str: String(kv) });
      }
    }
    return new Response("nf", { status: 404 });
  },
};
