export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const stub = env.SHARED.getByName("t");
    if (url.pathname === "/bump") return Response.json(await stub.bump(1));
    if (url.pathname === "/via-host") return new Response(await (await env.HOST.fetch("https://host/")).text());
    if (url.pathname === "/fetch") return stub.fetch("https://do/peek", { method: "POST" });
    if (url.pathname === "/ids") return Response.json({
      sameIdAsHost: env.SHARED.idFromName("t").toString().length,
      error: (() => { try { env.SHARED.idFromString("0".repeat(64)); return "no error"; } catch (e) { return e.name + ": " + e.message; } })(),
    });
    return new Response("not found", { status: 404 });
  },
};
