import { Readable, Writable, Transform, PassThrough, pipeline, finished } from "node:stream";
import util from "node:util";
import { EventEmitter } from "node:events";

const tests = {
  async events() {
    const log = [];
    const r = new Readable({ read() {} });
    for (const e of ["data", "end", "close", "pause", "resume", "readable"].filter((e) => e !== "readable")) r.on(e, (x) => log.push("r:" + e + (x !== undefined ? "=" + x : "")));
    const w = new Writable({ write(c, e, cb) { log.push("write:" + c); cb(); }, final(cb) { log.push("final"); cb(); } });
    for (const e of ["finish", "close", "pipe", "unpipe", "drain"]) w.on(e, () => log.push("w:" + e));
    r.pipe(w);
    r.push("a");
    r.push("b");
    log.push("sync-end");
    await null;
    log.push("tick");
    r.push(null);
    await new Promise((res) => w.on("close", res));
    return log;
  },
  async transformFlush() {
    const out = [];
    const t = new Transform({
      transform(c, e, cb) { this.push(c.toString() + "1"); cb(null, c.toString() + "2"); },
      flush(cb) { this.push("f1"); cb(null, "f2"); },
    });
    t.on("data", (d) => out.push(d.toString()));
    t.write("x");
    t.end("y");
    await new Promise((r) => t.on("end", r));
    return out;
  },
  async objectMode() {
    const r = Readable.from([{ a: 1 }, "s", 3]);
    const seen = [];
    for await (const x of r) seen.push(typeof x);
    return [seen, r.readableObjectMode, r.destroyed, r.readableEnded];
  },
  async readSizes() {
    const r = new Readable({ read() {} });
    r.push("hello");
    r.push("world");
    r.push(null);
    await new Promise((res) => r.once("readable", res));
    const a = String(r.read(3));
    const b = String(r.read());
    const c = r.read();
    return [a, b, c];
  },
  async errorEvents() {
    const log = [];
    const r = new Readable({ read() {} });
    r.on("error", (e) => log.push("error:" + e.message));
    r.on("close", () => log.push("close"));
    r.destroy(new Error("boom"));
    log.push("after-destroy:" + r.destroyed);
    await new Promise((res) => setTimeout(res, 5));
    return [log, r.errored?.message ?? null];
  },
  async finishedCb() {
    const w = new Writable({ write(c, e, cb) { setTimeout(cb, 1); } });
    const log = [];
    finished(w, (err) => log.push("finished:" + (err ? err.message : "ok")));
    w.write("a");
    w.end();
    await new Promise((r) => setTimeout(r, 20));
    const w2 = new Writable({ write(c, e, cb) { cb(); } });
    finished(w2, (err) => log.push("finished2:" + (err ? err.code : "ok")));
    w2.destroy();
    await new Promise((r) => setTimeout(r, 5));
    return log;
  },
  inspect() {
    const circ = { name: "c" };
    circ.self = circ;
    class Foo { constructor() { this.a = 1; } }
    const e = new EventEmitter();
    return [
      util.inspect(circ), util.inspect(new Foo()), util.inspect([1, [2, [3, [4, [5]]]]]),
      util.inspect({ s: "a'b", long: "x".repeat(20) }), util.inspect(new Error("boom")).split("\n")[0],
      util.inspect(function named() {}), util.inspect(class K {}), util.inspect(async () => {}),
      util.inspect(new Set()), util.inspect(new Map([["a", [1, 2]]])), util.inspect(-0), util.inspect([undefined, null]),
      util.inspect(new Array(3)), util.inspect({ get g() { return 1; }, set s(v) {} }), util.inspect(Symbol.iterator),
      util.inspect({ [Symbol("k")]: 1 }), util.inspect(new Uint8Array([1, 2])), util.inspect(new ArrayBuffer(2)),
      util.inspect(Object.assign(Object.create(null), { x: 1 })), util.inspect("a\nb"), util.inspect([,"x"]),
      util.inspect(new Date("invalid")), util.inspect(Array.from({ length: 120 }, (_, i) => i)).split("\n").slice(-2).join("|"),
      util.format("%s %s", 1n, Symbol("q")), util.format("%d", "42abc"), util.format("%i", 3.9), util.format("no args %s"),
      util.format(1, 2, "x"), util.format("%o", { f: 1 }), util.format("%s", { a: { b: { c: 1 } } }), util.format("%s", [1, [2]]),
      util.inspect(new (class extends Map {})()), util.inspect(Object.create({ inherited: 1 })), util.inspect(e).split("\n")[0],
    ];
  },
};
export default {
  async fetch(req) {
    const name = new URL(req.url).pathname.slice(1);
    try { return Response.json(await tests[name]()); } catch (e) { return Response.json("THROWS " + e.stack); }
  },
};
