import { Buffer } from "node:buffer";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, createHmac } from "node:crypto";
import { EventEmitter, once } from "node:events";
import util from "node:util";
import path from "node:path";
import process from "node:process";
import { gzipSync, gunzipSync } from "node:zlib";
import { Readable, Transform, Writable, pipeline } from "node:stream";
import { StringDecoder } from "string_decoder"; // a bare name works under nodejs_compat

const als = new AsyncLocalStorage();

function attempt(fn) {
  try { return fn(); } catch (e) { return `${e.name}: ${e.message}${e.code ? ` [${e.code}]` : ""}`; }
}

const routes = {
  buffer() {
    const b = Buffer.from("héllo wörld");
    const ints = Buffer.alloc(8);
    ints.writeUInt32BE(0xcafebabe, 0);
    ints.writeInt16LE(-300, 4);
    return {
      hex: b.toString("hex"), base64: b.toString("base64"), base64url: Buffer.from([251, 255]).toString("base64url"),
      latin1: b.toString("latin1"), utf16le: Buffer.from("hi€", "utf16le").toString("hex"),
      ints: [ints.toString("hex"), ints.readUInt32LE(0), ints.readInt16LE(4)],
      view: (() => { const s = b.subarray(0, 2); s[0] = 0x48; return b.toString("utf8", 0, 3); })(),
      concat: Buffer.concat([Buffer.from("ab"), Buffer.from("cd")]).toString(),
      json: Buffer.from("hi").toJSON(), inspect: util.inspect(Buffer.from("xyz")),
      global: globalThis.Buffer === Buffer,
      oob: attempt(() => Buffer.alloc(2).readUInt32LE(0)),
      badEncoding: attempt(() => Buffer.from("x", "utf9")),
    };
  },
  crypto() {
    return {
      md5: createHash("md5").update("The quick brown fox").digest("hex"),
      sha1: createHash("sha1").update("abc").digest("base64"),
      sha256: createHash("sha256").update("a").update(Buffer.from("bc")).digest("hex"),
      sha512: createHash("sha512").update("").digest("base64url"),
      hmac: createHmac("sha256", "key").update("message").digest("hex"),
      unknown: attempt(() => createHash("sha3-999")),
    };
  },
  async events() {
    const e = new EventEmitter();
    const log = [];
    e.on("tick", (n) => log.push(`on ${n}`));
    e.once("tick", (n) => log.push(`once ${n}`));
    e.emit("tick", 1);
    e.emit("tick", 2);
    const later = once(e, "done");
    setTimeout(() => e.emit("done", "x", "y"), 1);
    return { log, count: e.listenerCount("tick"), once: await later, unhandled: attempt(() => e.emit("error", 42)) };
  },
  util() {
    return {
      format: util.format("%s has %d items (%i%%) %j %o", "cart", 3.5, 42.9, { a: [1] }, "s", "tail", 7),
      inspect: util.inspect({ name: "x", list: [1, "two", null], nested: { a: { b: { c: {} } } }, when: new Date(0) }),
      columns: util.inspect(Array.from({ length: 26 }, (_, i) => i * i)),
      strings: util.inspect(["it's", 'say "hi"', "a\nb"]),
      classes: util.inspect([new (class Point { constructor() { this.x = 1; } })(), new Map([["k", { v: 1 }]]), Object.create(null)]),
      deep: [util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual([1], [true])],
    };
  },
  path() {
    return [path.join("/srv", "app/../data", "file.txt"), path.resolve("rel/x"), path.relative("/a/b/c", "/a/d"),
      path.parse("/tmp/archive.tar.gz"), path.normalize("./a//b/./c/.."), path.basename("/x/y.js", ".js")];
  },
  process() {
    return { env: process.env, version: process.version, platform: process.platform, cwd: process.cwd(),
      global: globalThis.process === process, nextTick: typeof process.nextTick };
  },
  zlib() {
    const packed = gzipSync("node:zlib round trip ".repeat(20));
    return { size: packed.length, back: gunzipSync(packed).toString().length, bad: attempt(() => gunzipSync(Buffer.from("plain"))) };
  },
  async stream() {
    const out = [];
    const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
    const sink = new Writable({ write(chunk, enc, cb) { out.push(chunk.toString()); cb(); } });
    await new Promise((resolve, reject) => pipeline(Readable.from(["a", "b", "c"]), upper, sink, (err) => (err ? reject(err) : resolve())));
    const d = new StringDecoder("utf8");
    const euro = Buffer.from("€");
    return { out, decoded: [d.write(euro.subarray(0, 2)), d.end(euro.subarray(2))] };
  },
  async als(url) {
    return als.run({ id: url.searchParams.get("id") }, async () => {
      const seen = [als.getStore().id];
      await new Promise((r) => setTimeout(r, 2));
      seen.push(als.getStore().id);
      seen.push(await Promise.resolve().then(() => als.getStore().id));
      seen.push(await new Promise((r) => queueMicrotask(() => r(als.getStore().id))));
      return { seen, after: als.run(undefined, () => als.getStore()) ?? null };
    });
  },
  async unsupported() {
    const out = {};
    for (const spec of ["node:fs", "fs", "node:child_process", "node:does-not-exist"]) {
      try { await import(spec); out[spec] = "loaded"; } catch (e) { out[spec] = `${e.name}: ${e.message}`; }
    }
    return out;
  },
};

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const route = routes[url.pathname.slice(1)];
    if (!route) return new Response("not found", { status: 404 });
    return Response.json(await route(url));
  },
};
