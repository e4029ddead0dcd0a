import { DurableObject } from "cloudflare:workers";

async function attempt(fn) {
  try { const v = await fn(); return { ok: describe(v) }; }
  catch (e) { return { error: e.name, message: e.message }; }
}
function describe(v) {
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [k, describe(x)]) };
  if (v === undefined) return "undefined";
  if (v instanceof Date) return { date: v.toISOString() };
  if (v instanceof Uint8Array) return { u8: [...v] };
  if (v instanceof ArrayBuffer) return { ab: v.byteLength };
  if (v instanceof Set) return { set: [...v] };
  if (v instanceof RegExp) return { re: String(v) };
  if (typeof v === "bigint") return { bigint: String(v) };
  if (v instanceof Error) return { err: v.name, message: v.message };
  return v;
}

class Probe extends DurableObject {
  async storage() {
    const s = this.ctx.storage;
    const out = {};
    out.getMissing = await attempt(() => s.get("missing"));
    out.put = await attempt(() => s.put("a", 1));
    out.putMulti = await attempt(() => s.put({ b: 2, c: 3, "b/x": 4, "b/y": 5, d: null }));
    out.getMulti = await attempt(() => s.get(["a", "zz", "c", "d"]));
    out.deleteOne = await attempt(() => s.delete("a"));
    out.deleteAgain = await attempt(() => s.delete("a"));
    out.deleteMulti = await attempt(() => s.delete(["b", "zz", "c"]));
    await s.put({ k1: 1, k2: 2, k3: 3, k4: 4, "p/1": "x", "p/2": "y" });
    out.listAll = await attempt(() => s.list());
    out.listPrefix = await attempt(() => s.list({ prefix: "p/" }));
    out.listRange = await attempt(() => s.list({ start: "k2", end: "k4" }));
    out.listStartAfter = await attempt(() => s.list({ startAfter: "k2", limit: 2 }));
    out.listReverse = await attempt(() => s.list({ reverse: true, limit: 3 }));
    out.listBoth = await attempt(() => s.list({ start: "a", startAfter: "b" }));
    out.listLimit0 = await attempt(() => s.list({ limit: 0 }));
    out.putUndefined = await attempt(() => s.put("u", undefined));
    out.getUndefinedStored = await attempt(() => s.get("u"));
    out.keyNumber = await attempt(() => s.get(42));
    const many = Array.from({ length: 129 }, (_, i) => "m" + i);
    out.getTooMany = await attempt(() => s.get(many));
    out.deleteTooMany = await attempt(() => s.delete(many));
    out.putTooMany = await attempt(() => s.put(Object.fromEntries(many.map((k) => [k, 1]))));
    out.bigKey = await attempt(() => s.put("x".repeat(2049), 1));
    out.bigValue = await attempt(() => s.put("big", "x".repeat(131073)));
    out.fn = await attempt(() => s.put("f", () => 1));
    out.clone = await attempt(async () => {
      const v = { d: new Date(0), m: new Map([["x", 1]]), s: new Set([1]), u8: new Uint8Array([1, 2]), re: /a+/g, big: 10n, nested: { arr: [1, undefined, null] }, err: new RangeError("r") };
      await s.put("clone", v);
      const back = await s.get("clone");
      return Object.fromEntries(Object.entries(back).map(([k, x]) => [k, describe(x)]));
    });
    out.txn = await attempt(async () => {
      const r = await s.transaction(async (txn) => { await txn.put("t1", 1); txn.rollback(); return "done"; });
      return { r, t1: describe(await s.get("t1")) };
    });
    out.txnThrow = await attempt(async () => {
      try { await s.transaction(async (txn) => { await txn.put("t2", 1); throw new Error("inner"); }); } catch (e) { return { thrown: e.message, t2: describe(await s.get("t2")) }; }
    });
    out.sync = await attempt(() => s.sync());
    out.deleteAll = await attempt(() => s.deleteAll());
    out.afterDeleteAll = await attempt(() => s.list());
    return out;
  }
  async alarmApi() {
    const s = this.ctx.storage;
    const out = {};
    out.get = await attempt(() => s.getAlarm());
    out.setDate = await attempt(() => s.setAlarm(new Date(Date.now() + 3600000)));
    out.type = typeof (await s.getAlarm());
    out.setBad = await attempt(() => s.setAlarm("soon"));
    out.del = await attempt(() => s.deleteAlarm());
    out.after = await attempt(() => s.getAlarm());
    return out;
  }
  alarm() {}
  async fetch(request) {
    return new Response(request.method + " " + request.url + " " + (request.headers.get("x-h") || "") + " " + (await request.text()));
  }
  shape() {
    return { ctxKeys: Object.keys(this.ctx).sort(), idType: typeof this.ctx.id, storageTag: Object.prototype.toString.call(this.ctx.storage),
      ctxTag: Object.prototype.toString.call(this.ctx), sameStorage: this.ctx.storage === this.ctx.storage };
  }
}
export class KvObject extends Probe {
  sqlAccess() { try { return typeof this.ctx.storage.sql; } catch (e) { return { error: e.name, message: e.message }; } }
  txnSync() { try { return this.ctx.storage.transactionSync(() => 1); } catch (e) { return { error: e.name, message: e.message }; } }
}
export class SqlBacked extends Probe {
  sqlAccess() { return typeof this.ctx.storage.sql.exec; }
  txnSync() {
    const s = this.ctx.storage;
    s.sql.exec("CREATE TABLE IF NOT EXISTS t (v)");
    try { s.transactionSync(() => { s.sql.exec("INSERT INTO t VALUES (1)"); throw new Error("undo"); }); } catch (e) { /* rolled back */ }
    const r = s.transactionSync(() => { s.sql.exec("INSERT INTO t VALUES (2)"); return "kept"; });
    return { r, rows: s.sql.exec("SELECT v FROM t").toArray(), kvTable: s.sql.exec("SELECT name FROM sqlite_master WHERE name LIKE '_cf%' ORDER BY name").toArray() };
  }
}
export class NoAlarm extends DurableObject {
  async set() { return attempt(() => this.ctx.storage.setAlarm(Date.now() + 60000)); }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const ns = url.searchParams.get("ns") === "sql" ? env.SQLDO : env.KVDO;
    const stub = ns.getByName("probe-" + url.pathname);
    switch (url.pathname) {
      case "/ids": {
        const out = {};
        out.short = await attempt(() => ns.idFromString("abc"));
        out.nonHex = await attempt(() => ns.idFromString("z".repeat(64)));
        out.otherNs = await attempt(() => env.SQLDO.idFromString(env.KVDO.idFromName("x").toString()));
        out.upper = await attempt(() => ns.idFromString(ns.idFromName("x").toString().toUpperCase()).toString() === ns.idFromName("x").toString());
        out.sameAcross = env.SQLDO.idFromName("x").toString() === env.KVDO.idFromName("x").toString();
        out.nameEmpty = await attempt(() => ns.idFromName("").toString().length);
        out.idTag = Object.prototype.toString.call(ns.idFromName("x"));
        out.nsTag = Object.prototype.toString.call(ns);
        out.stubTag = Object.prototype.toString.call(stub);
        out.stubId = stub.id.toString() === ns.idFromName("probe-/ids").toString();
        out.stubName = stub.name ?? null;
        out.equalsOther = ns.idFromName("x").equals(ns.idFromName("y"));
        out.uniqueJur = await attempt(() => ns.newUniqueId({ jurisdiction: "eu" }).toString().length);
        out.badJur = await attempt(() => ns.newUniqueId({ jurisdiction: "mars" }));
        out.jurNs = await attempt(() => ns.jurisdiction("eu").idFromName("x").toString() === ns.idFromName("x").toString());
        out.getNonId = await attempt(() => ns.get("abc"));
        out.thenOnStub = typeof stub.then;
        out.idJson = JSON.stringify(ns.idFromName("x")) === JSON.stringify(ns.idFromName("x").toString());
        return Response.json(out);
      }
      case "/storage": return Response.json(await stub.storage());
      case "/alarm": return Response.json(await stub.alarmApi());
      case "/noalarm": return Response.json(await env.NOALARM.getByName("n").set());
      case "/sqlaccess": return Response.json({ r: await attempt(() => stub.sqlAccess()) });
      case "/txnsync": return Response.json({ r: await attempt(() => stub.txnSync()) });
      case "/shape": return Response.json(await stub.shape());
      case "/reserved": {
        const out = {};
        for (const m of ["alarm", "webSocketMessage", "constructor", "nope"]) out[m] = await attempt(() => stub[m]());
        return Response.json(out);
      }
      case "/stubfetch": {
        const out = {};
        out.relative = await attempt(() => stub.fetch("/relative"));
        const r = await stub.fetch("https://any.host/p?q=1", { method: "POST", headers: { "x-h": "v" }, body: "payload" });
        out.abs = { status: r.status, body: await r.text() };
        return Response.json(out);
      }
    }
    return new Response("not found", { status: 404 });
  },
};
