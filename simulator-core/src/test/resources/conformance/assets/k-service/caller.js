export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const r = await env.B.fetch("https://b.internal" + url.pathname);
    return new Response(r.status + " " + (r.headers.get("content-type") || "-") + " " + (await r.text()));
  },
};
