import { WorkerEntrypoint } from "cloudflare:workers";

export class Named extends WorkerEntrypoint {
  fetch() { console.log("named fetch"); return new Response("named"); }
  ping() { return "pong"; }
}

export default class extends WorkerEntrypoint {
  async fetch(request) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/__events": {
        const from = url.searchParams.get("from") === "sw" ? this.env.TAIL2 : this.env.TAIL;
        return from.fetch("http://tail/events" + url.search);
      }
      case "/rpc":
        return new Response(await this.env.SELF.hello("x"));
      case "/named":
        return new Response((await (await this.env.NAMED.fetch("https://n/named-target")).text()) + " " + (await this.env.NAMED.ping()));
      case "/rpc-throw":
        try { await this.env.SELF.fails(); } catch (e) { return new Response("caught " + e.message); }
        return new Response("no error");
      case "/timer-throw":
        this.ctx.waitUntil(new Promise((resolve) => setTimeout(() => { resolve(); throw new TypeError("in timer"); }, 10)));
        return new Response("ok");
      case "/two-wu":
        this.ctx.waitUntil(Promise.reject(new Error("first")));
        this.ctx.waitUntil(new Promise((_, reject) => setTimeout(() => reject(new RangeError("second")), 10)));
        return new Response("ok");
      case "/stream": {
        let i = 0;
        console.log("answering");
        return new Response(new ReadableStream({
          async pull(controller) {
            await new Promise((r) => setTimeout(r, 20));
            console.log("chunk", i);
            if (i++ < 3) controller.enqueue(new TextEncoder().encode("c" + i + ";")); else controller.close();
          },
        }));
      }
      case "/timestamps":
        console.log("a");
        await new Promise((r) => setTimeout(r, 5));
        console.log("b");
        return new Response("ok");
      default:
        return new Response("not found", { status: 404 });
    }
  }
  async hello(name) {
    console.log("hello called", name);
    return "hello " + name;
  }
  async fails() {
    throw new Error("rpc failed");
  }
  async scheduled(controller) {
    if (controller.cron === "wu-reject") this.ctx.waitUntil(Promise.reject(new Error("wu")));
    if (controller.cron === "reject") throw new TypeError("rejected");
  }
}
