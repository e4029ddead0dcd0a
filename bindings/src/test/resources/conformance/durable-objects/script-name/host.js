import { DurableObject } from "cloudflare:workers";
export class Tally extends DurableObject {
  async bump(by) {
    const v = ((await this.ctx.storage.get("v")) ?? 0) + by;
    await this.ctx.storage.put("v", v);
    return { v, env: this.env.WHO, name: this.ctx.id.name ?? null };
  }
  async fetch(request) {
    return new Response(`${request.method} ${new URL(request.url).pathname} in ${this.env.WHO}: ${(await this.ctx.storage.get("v")) ?? 0}`);
  }
}
export default {
  async fetch(request, env) {
    return Response.json(await env.TALLY.getByName("t").bump(100));
  },
};
