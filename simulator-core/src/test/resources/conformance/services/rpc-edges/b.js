import { WorkerEntrypoint } from "cloudflare:workers";
export const plain = { fetch() { return new Response("plain fetch"); }, hello() { return "hi"; } };
class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } }
export default class extends WorkerEntrypoint {
  fetch(request) {
    if (new URL(request.url).pathname === "/throw") throw new Error("b broke");
    return new Response("b");
  }
  echo(v) { return v; }
  custom() { throw new MyError("mine"); }
}
