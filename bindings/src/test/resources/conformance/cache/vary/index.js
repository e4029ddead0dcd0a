export default {
  async fetch(request) {
    const cache = await caches.open("vary-" + new URL(request.url).pathname);
    const key = "https://cache.example/thing";
    await cache.put(new Request(key, { headers: { "accept-language": "en" } }),
      new Response("english", { headers: { "cache-control": "max-age=60", vary: "Accept-Language" } }));
    const look = async (h) => { const r = await cache.match(new Request(key, { headers: h })); return r ? await r.text() : null; };
    const out = {
      same: await look({ "accept-language": "en" }),
      other: await look({ "accept-language": "fr" }),
      none: await look({}),
      plainUrl: await cache.match(key).then((r) => (r ? "hit" : null)),
    };
    await cache.put(key, new Response("multi", { headers: { "cache-control": "max-age=60", vary: "Accept-Language, X-Thing" } }));
    out.multiNone = await look({});
    out.multiOther = await look({ "x-thing": "1" });
    await cache.put(key, new Response("ae", { headers: { "cache-control": "max-age=60", vary: "Accept-Encoding" } }));
    out.aeGzip = await look({ "accept-encoding": "gzip" });
    out.aeNone = await look({});
    return Response.json(out);
  },
};
