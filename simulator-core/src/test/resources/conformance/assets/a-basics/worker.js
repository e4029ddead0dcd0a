export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/binding/etag") {
      const first = await env.ASSETS.fetch("https://x.invalid/style.css");
      const etag = first.headers.get("etag");
      const again = await env.ASSETS.fetch(new Request("https://other.example/style.css", { headers: { "if-none-match": etag } }));
      const weak = await env.ASSETS.fetch(new Request("http://h/style.css", { headers: { "if-none-match": "W/" + etag } }));
      return Response.json({ etagShape: etag.replace(/[0-9a-f]/g, "h"), status: first.status, again: again.status,
        againBody: await again.text(), againEtag: again.headers.get("etag").replace(/[0-9a-f]/g, "h"), weak: weak.status });
    }
    if (url.pathname.startsWith("/binding/")) {
      const target = url.pathname.slice("/binding".length) + url.search;
      const kind = url.searchParams.get("kind");
      let r;
      if (kind === "url") r = await env.ASSETS.fetch(new URL(target, "https://assets.local"));
      else if (kind === "post") r = await env.ASSETS.fetch(new Request(new URL(target, "https://a.b"), { method: "POST", body: "x" }));
      else r = await env.ASSETS.fetch("https://assets.local" + target);
      const h = {};
      for (const [k, v] of r.headers) h[k] = k === "etag" ? v.replace(/[0-9a-f]/g, "h") : v;
      return Response.json({ status: r.status, headers: h, body: (await r.text()).slice(0, 80) });
    }
    return new Response("worker " + request.method + " " + url.pathname + url.search);
  },
};
