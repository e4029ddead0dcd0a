import { DurableObject } from "cloudflare:workers";
export class Notes extends DurableObject {
  add(text) {
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)");
    this.ctx.storage.sql.exec("INSERT INTO notes (text) VALUES (?)", text);
    return this.ctx.storage.sql.exec("SELECT count(*) AS n FROM notes").one().n;
  }
}
export class OldStyle extends DurableObject {
  async touch() { await this.ctx.storage.put("k", 1); return "ok"; }
}
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/seed") {
      await env.NOTES.getByName("first").add("hello");
      await env.NOTES.getByName("first").add("world");
      await env.OLD.getByName("o").touch();
      return new Response(env.NOTES.idFromName("first").toString());
    }
    if (url.pathname === "/count") return Response.json(await env.NOTES.getByName("first").add("third"));
    return new Response("not found", { status: 404 });
  },
};
