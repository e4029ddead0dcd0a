export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/__events":
        return env.TAIL.fetch("http://tail/events" + url.search);
      case "/ok":
        console.log("str", 1, true, null, undefined, { a: [1, 2], b: "x" }, [3, "y"]);
        console.info("info");
        console.debug("debug");
        console.warn("warn", 2.5);
        console.error("error", new Error("boom"));
        console.log(new Map([[1, 2]]), new Uint8Array([1, 2]), 10n === 10n ? "bigint-ok" : "", Symbol("s").toString());
        return new Response("ok");
      case "/values":
        console.log(10n, Symbol("s"), new Date(0), NaN, Infinity, -0, { m: new Map(), d: new Date(0), u: undefined, n: NaN });
        console.warn(new Response("x"), new RangeError("r"), [undefined, () => 1], Object.create(null), new (class Foo { constructor() { this.a = 1; } })());
        { const c = { a: 1 }; c.self = c; console.log("circular", c); }
        console.log();
        console.trace("traced");
        console.error("group next");
        console.dir({ d: 1 });
        console.table([1]);
        console.count("n");
        console.assert(false, "asserted", 1);
        console.group("g");
        console.error("in group");
        console.groupEnd();
        return new Response("ok");
      case "/status500":
        return new Response("server says no", { status: 500 });
      case "/throw":
        console.log("before");
        throw new TypeError("bad thing");
      case "/reject-async":
        await null;
        throw new RangeError("later");
      case "/no-response":
        return "not a response";
      case "/waituntil":
        ctx.waitUntil(new Promise((r) => setTimeout(() => { console.log("late"); r(); }, 100)));
        return new Response("ok");
      case "/waituntil-reject":
        ctx.waitUntil(Promise.reject(new Error("wu fail")));
        return new Response("ok");
      case "/unhandled":
        Promise.reject(new SyntaxError("one"));
        Promise.reject(new Error("two"));
        await new Promise((r) => setTimeout(r, 20));
        return new Response("ok");
      case "/dup": {
        const h = new Headers();
        h.append("X-Dup", "a");
        h.append("X-Dup", "b");
        h.append("Set-Cookie", "s=1");
        h.append("Set-Cookie", "t=2");
        const r = await env.SELF.fetch("https://example.com/dup-target", { headers: h });
        return new Response(await r.text());
      }
      case "/dup-target":
        return new Response("target");
      case "/post":
        return new Response(await request.text());
      default:
        if (url.pathname.startsWith("/ids/")) return new Response("ids", { status: 201 });
        return new Response("not found", { status: 404 });
    }
  },
  async scheduled(controller, env, ctx) {
    console.log("cron ran", controller.cron);
    if (controller.cron === "throw") throw new Error("cron failed");
  },
};
