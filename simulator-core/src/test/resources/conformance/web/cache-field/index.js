export default {
  async fetch(request, env) {
    const out = {};
    for (const mode of ["no-store", "no-cache", "default", "reload", "force-cache", "only-if-cached", "bogus"]) {
      try { out["request " + mode] = new Request("https://x.example/", { cache: mode }).cache ?? "undefined"; }
      catch (e) { out["request " + mode] = e.name + ": " + e.message; }
      try { const r = await fetch(env.ORIGIN + "/headers", { cache: mode }); out["fetch " + mode] = r.status; }
      catch (e) { out["fetch " + mode] = e.name + ": " + e.message; }
    }
    out.plain = String(new Request("https://x.example/").cache);
    const echo = await (await fetch(env.ORIGIN + "/echo", { cache: "no-store" })).json();
    out.sentCacheControl = echo.headers["cache-control"] ?? null;
    out.sentPragma = echo.headers["pragma"] ?? null;
    const echo2 = await (await fetch(env.ORIGIN + "/echo", { cache: "no-cache" })).json();
    out.noCacheSentCacheControl = echo2.headers["cache-control"] ?? null;
    out.noCacheSentPragma = echo2.headers["pragma"] ?? null;
    const echo3 = await (await fetch(env.ORIGIN + "/echo", { cache: "no-store", headers: { "cache-control": "max-age=5" } })).json();
    out.ownCacheControl = echo3.headers["cache-control"] ?? null;
    out.ownPragma = echo3.headers["pragma"] ?? null;
    const copy = new Request(new Request("https://x.example/", { cache: "no-store" }));
    out.copied = String(copy.cache);
    return Response.json(out);
  },
};
