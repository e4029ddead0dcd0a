function tryIt(fn) { try { const v = fn(); return v === undefined ? "ok" : v instanceof Headers ? { ok: [...v] } : v; } catch (e) { return { threw: e.name, message: e.message }; } }
export default {
  async fetch(request) {
    const h = new Headers();
    return Response.json({
      tabs: tryIt(() => new Headers({ a: "\t v \t" })),
      innerTab: tryIt(() => new Headers({ a: "x\ty" })),
      nul: tryIt(() => new Headers({ a: "x\0y" })),
      cr: tryIt(() => new Headers({ a: "x\ry" })),
      u100: tryIt(() => new Headers({ a: "\u0100" })),
      emoji: tryIt(() => new Headers({ a: "\ud83d\ude00" })),
      numberValue: tryIt(() => new Headers({ a: 1, b: null, c: undefined, d: true })),
      copy: tryIt(() => new Headers(new Headers([["B", "1"], ["a", "2"]]))),
      requestImmutable: tryIt(() => request.headers.set("x", "y")),
      requestDelete: tryIt(() => request.headers.delete("host")),
      newRequestMutable: tryIt(() => { const r = new Request(request); r.headers.set("x", "y"); return r.headers.get("x"); }),
      redirectImmutable: tryIt(() => Response.redirect("https://x/").headers.set("a", "b")),
      fetchedCopy: tryIt(() => { const r = new Response("x"); r.headers.set("a", "b"); return r.headers.get("a"); }),
      iterateMutating: tryIt(() => { const x = new Headers({ a: "1", b: "2" }); const seen = []; for (const [k] of x) { seen.push(k); if (k === "a") x.append("c", "3"); } return seen; }),
      getAllOther: tryIt(() => new Headers({ a: "1" }).getAll("a")),
      hasBad: tryIt(() => h.has("bad name")), getBad: tryIt(() => h.get("bad name")), deleteBad: tryIt(() => h.delete("bad name")),
      cookieCombine: tryIt(() => { const x = new Headers(); x.append("Set-Cookie", "a=1"); x.append("set-cookie", "b=2"); return [x.get("Set-Cookie"), [...x]]; }),
      keysProto: Object.keys(Headers.prototype), tag: String(h),
      wrongInit: tryIt(() => new Headers("a")), pairs3: tryIt(() => new Headers([["a", "b", "c"]])),
      recordSymbol: tryIt(() => new Headers({ [Symbol("s")]: "x", a: "1" })),
    });
  },
};
