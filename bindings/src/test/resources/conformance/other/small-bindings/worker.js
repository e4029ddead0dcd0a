async function attempt(f) {
  try { const v = await f(); return { ok: v === undefined ? "undefined" : v }; }
  catch (e) { return { error: e && e.constructor && e.constructor.name, message: String(e && e.message) }; }
}
function describe(o) {
  const proto = Object.getPrototypeOf(o);
  return {
    typeof: typeof o,
    ctor: o && o.constructor && o.constructor.name,
    tag: Object.prototype.toString.call(o),
    keys: Object.keys(o),
    protoKeys: proto === Object.prototype ? "Object.prototype" : proto ? Object.getOwnPropertyNames(proto) : null,
    protoProtoCtor: proto && Object.getPrototypeOf(proto) && Object.getPrototypeOf(proto).constructor && Object.getPrototypeOf(proto).constructor.name,
  };
}
// Rate-limit windows are fixed and aligned to the clock (10 s and 60 s): a step that started in a
// window's last 2 s could see it roll over halfway. Wait for the next one instead (a recorded run
// and a replay then count the same).
async function freshWindow() {
  const into = Date.now() % 10000;
  if (into > 8000) await scheduler.wait(10050 - into);
}
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const p = url.pathname;
    if (p.startsWith("/rl/")) await freshWindow();
    if (p === "/rl/shape") {
      return Response.json({ rl: describe(env.RL), limitLen: env.RL.limit.length, res: describe(await env.RL.limit({ key: "shape" })) });
    }
    if (p === "/rl/count") {
      const out = [];
      for (let i = 0; i < 5; i++) out.push((await env.RL.limit({ key: "k1" })).success);
      // shared namespace: RL2 has limit 5 on the same namespace
      const rl2 = [];
      for (let i = 0; i < 3; i++) rl2.push((await env.RL2.limit({ key: "k1" })).success);
      const other = (await env.RL.limit({ key: "k2" })).success;
      return Response.json({ out, rl2, other });
    }
    if (p === "/rl/args") {
      const r = {};
      r.none = await attempt(() => env.RL.limit());
      r.empty = await attempt(() => env.RL.limit({}));
      r.emptyAgain = await attempt(() => env.RL.limit({}));
      r.num = await attempt(() => env.RL.limit({ key: 5 }));
      r.str = await attempt(() => env.RL.limit("x"));
      r.nul = await attempt(() => env.RL.limit(null));
      r.extra = await attempt(() => env.RL.limit({ key: "a", foo: 1 }));
      r.period = await attempt(() => env.RL.limit({ key: "a", period: 30 }));
      r.limitStr = await attempt(() => env.RL.limit({ key: "b", limit: "3" }));
      r.delta0 = await attempt(() => env.RL.limit({ key: "c", delta: 0 }));
      r.deltaNeg = await attempt(() => env.RL.limit({ key: "c", delta: -1 }));
      r.deltaNaN = await attempt(() => env.RL.limit({ key: "c", delta: "x" }));
      r.delta2 = await attempt(() => env.RL.limit({ key: "d", delta: 2 }));
      r.delta2b = await attempt(() => env.RL.limit({ key: "d", delta: 2 }));
      r.delta2c = await attempt(() => env.RL.limit({ key: "d", delta: 2 }));
      r.override = await attempt(() => env.RL.limit({ key: "e", limit: 1 }));
      r.override2 = await attempt(() => env.RL.limit({ key: "e", limit: 1 }));
      r.undefKey = await attempt(() => env.RL.limit({ key: undefined }));
      return Response.json(r);
    }
    if (p === "/rl/ten") {
      const out = [];
      for (let i = 0; i < 3; i++) out.push((await env.RL10.limit({ key: "t" })).success);
      return Response.json({ out });
    }
    if (p === "/vm") {
      const v = env.CF_VERSION_METADATA;
      return Response.json({ d: describe(v), v, json: JSON.stringify(v), frozen: Object.isFrozen(v), same: v === env.CF_VERSION_METADATA });
    }
    if (p === "/ae") {
      const r = {};
      r.shape = describe(env.AE);
      r.ok = await attempt(() => env.AE.writeDataPoint({ blobs: ["a"], doubles: [1], indexes: ["i"] }));
      r.noarg = await attempt(() => env.AE.writeDataPoint());
      r.empty = await attempt(() => env.AE.writeDataPoint({}));
      r.manyBlobs = await attempt(() => env.AE.writeDataPoint({ blobs: Array(21).fill("x") }));
      r.manyDoubles = await attempt(() => env.AE.writeDataPoint({ doubles: Array(21).fill(1) }));
      r.twoIndexes = await attempt(() => env.AE.writeDataPoint({ indexes: ["a", "b"] }));
      r.badDouble = await attempt(() => env.AE.writeDataPoint({ doubles: ["x"] }));
      r.badBlob = await attempt(() => env.AE.writeDataPoint({ blobs: [1] }));
      r.bigIndex = await attempt(() => env.AE.writeDataPoint({ indexes: ["x".repeat(100)] }));
      r.str = await attempt(() => env.AE.writeDataPoint("x"));
      r.retType = typeof env.AE.writeDataPoint({});
      return Response.json(r);
    }
    if (p === "/secret") {
      const s = env.SECRET;
      return Response.json({ shape: describe(s), own: Object.getOwnPropertyNames(s), inGet: "get" in s, getType: typeof s.get,
        get: await attempt(() => s.get()), fetch: await attempt(() => s.fetch("http://x/")) });
    }
    if (p === "/hd") {
      // The fields' values differ by design (wrangler dev shows its proxy's made-up host); compare the shape.
      const h = env.HD;
      return Response.json({ shape: describe(h), user: h.user, password: h.password, database: h.database, port: h.port,
        connectType: typeof h.connect });
    }
    return new Response("no", { status: 404 });
  },
};
