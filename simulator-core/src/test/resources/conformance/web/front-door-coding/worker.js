export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/headers") {
      const h = request.headers;
      return Response.json({ acceptEncoding: h.get("accept-encoding"), connectingIp: h.get("cf-connecting-ip") });
    }
    if (p === "/text") return new Response("hello ".repeat(50));
    if (p === "/json") return Response.json({ a: "x".repeat(100) });
    if (p === "/bin") return new Response("binary ".repeat(50), { headers: { "content-type": "application/octet-stream" } });
    if (p === "/event-stream") return new Response("data: x\n\n", { headers: { "content-type": "text/event-stream" } });
    if (p === "/gz-set") return new Response("zipped ".repeat(50), { headers: { "content-encoding": "gzip" } });
    if (p === "/deflate-set") return new Response("deflated ".repeat(20), { headers: { "content-encoding": "deflate" } });
    if (p === "/empty") return new Response(null);
    if (p === "/stream") {
      const { readable, writable } = new TransformStream();
      const w = writable.getWriter();
      (async () => { await w.write(new TextEncoder().encode("chunk ".repeat(40))); await w.close(); })();
      return new Response(readable, { headers: { "content-type": "text/plain" } });
    }
    return new Response("nf", { status: 404 });
  },
};
