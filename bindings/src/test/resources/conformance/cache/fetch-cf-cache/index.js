export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const target = env.ORIGIN + "/large.json?n=" + (url.searchParams.get("n") || "1");
    const cf = { cacheTtl: 60, cacheEverything: true, cacheKey: "https://key.example/" + url.pathname };
    const a = await fetch(target, { cf });
    const aText = await a.text();
    const b = await fetch(target, { cf });
    await b.text();
    const byUrl = await caches.default.match(target);
    const byKey = await caches.default.match(cf.cacheKey);
    let ttlError = null;
    try { await fetch(target, { cf: { cacheTtl: "x" } }); } catch (e) { ttlError = e.name + ": " + e.message; }
    let byStatus = null;
    try { const r = await fetch(target, { cf: { cacheTtlByStatus: { "200-299": 5 } } }); byStatus = r.status; } catch (e) { byStatus = e.message; }
    return Response.json({
      first: a.headers.get("cf-cache-status"), second: b.headers.get("cf-cache-status"),
      age: b.headers.get("age"), inCacheByUrl: byUrl !== undefined, inCacheByKey: byKey !== undefined,
      len: aText.length, ttlError, byStatus,
    });
  },
};
