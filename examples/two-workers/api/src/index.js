// The api worker: notes in KV over fetch, and RPC methods for other workers.
import { WorkerEntrypoint } from "cloudflare:workers";

export default class Api extends WorkerEntrypoint {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname !== "/api/notes") return new Response("not found", { status: 404 });
    if (request.method === "POST") {
      const id = String(Date.now());
      await this.env.NOTES.put(`note:${id}`, await request.text());
      return Response.json({ id }, { status: 201 });
    }
    const { keys } = await this.env.NOTES.list({ prefix: "note:" });
    const notes = await Promise.all(keys.map(async (k) => ({ id: k.name.slice(5), text: await this.env.NOTES.get(k.name) })));
    return Response.json({ notes, stage: this.env.STAGE, hasToken: this.env.API_TOKEN === "local-token" });
  }

  async count() {
    return (await this.env.NOTES.list({ prefix: "note:" })).keys.length;
  }

  who() {
    return `api (${this.env.STAGE})`;
  }
}
