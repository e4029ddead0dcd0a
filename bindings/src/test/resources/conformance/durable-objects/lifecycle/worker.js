import { DurableObject } from "cloudflare:workers";

async function attempt(fn) {
  try { const v = await fn(); return { ok: v === undefined ? "undefined" : v }; }
  catch (e) { return { error: e.name, message: e.message, remote: e.remote ?? null, retryable: e.retryable ?? null, overloaded: e.overloaded ?? null }; }
}

export class Life extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.ready = false;
    ctx.blockConcurrencyWhile(async () => {
      await new Promise((r) => setTimeout(r, 50));
      this.ready = true;
    });
  }
  isReady() { return this.ready; }
  get answer() { return 42; }
  boom() { throw new TypeError("typed boom"); }
  custom() { class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } } throw new MyError("mine"); }
  giveClass() { class Point { constructor() { this.x = 1; } } return new Point(); }
  async quit() { this.ctx.abort("stopping"); return "after abort"; }
  idInfo() { return { name: this.ctx.id.name ?? null, str: this.ctx.id.toString().length }; }
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/empty") return new Response(null, { status: 204, headers: { "x-empty": "1" } });
    return new Response(JSON.stringify({ method: request.method, url: request.url, ct: request.headers.get("content-type"), body: await request.text() }),
      { status: 201, statusText: "Made", headers: { "x-from": "do" } });
  }
}

export class Broken extends DurableObject {
  constructor(ctx, env) { super(ctx, env); throw new Error("constructor failed"); }
  ping() { return "pong"; }
}

export class Legacy extends DurableObject {
  sql() { try { return this.ctx.storage.sql.exec("SELECT 1 AS one").one(); } catch (e) { return { error: e.name, message: e.message }; } }
  size() { try { return typeof this.ctx.storage.sql.databaseSize; } catch (e) { return { error: e.name, message: e.message }; } }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const stub = env.LIFE.getByName("life");
    switch (url.pathname) {
      case "/ready": return Response.json(await attempt(() => stub.isReady()));
      case "/getter": return Response.json(await attempt(async () => await stub.answer));
      case "/errors": return Response.json({
        typed: await attempt(() => stub.boom()), custom: await attempt(() => stub.custom()),
        cls: await attempt(() => stub.giveClass()),
        broken: await attempt(() => env.BROKEN.getByName("b").ping()),
        brokenAgain: await attempt(() => env.BROKEN.getByName("b").ping()),
      });
      case "/abort": return Response.json({ first: await attempt(() => stub.quit()), after: await attempt(() => stub.isReady()) });
      case "/ids": return Response.json({
        byName: await attempt(() => stub.idInfo()),
        byString: await attempt(() => env.LIFE.get(env.LIFE.idFromString(env.LIFE.idFromName("life").toString())).idInfo()),
        stubNameFromString: env.LIFE.get(env.LIFE.idFromString(env.LIFE.idFromName("life").toString())).name ?? null,
        stubNameFromGet: env.LIFE.get(env.LIFE.idFromName("life")).name ?? null,
        unique: await attempt(() => env.LIFE.get(env.LIFE.newUniqueId()).idInfo()),
      });
      case "/fetch": {
        const r = await stub.fetch(new Request("https://example.com/path?x=1", { method: "PUT", body: "hello", headers: { "content-type": "text/plain" } }));
        const e = await stub.fetch("https://example.com/empty");
        return Response.json({ status: r.status, statusText: r.statusText, from: r.headers.get("x-from"), body: await r.json(),
          emptyStatus: e.status, emptyBody: e.body === null, emptyHeader: e.headers.get("x-empty") });
      }
      case "/legacy": return Response.json({ sql: await attempt(() => env.LEGACY.getByName("l").sql()), size: await attempt(() => env.LEGACY.getByName("l").size()) });
    }
    return new Response("not found", { status: 404 });
  },
};
