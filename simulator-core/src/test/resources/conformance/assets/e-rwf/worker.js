export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/via-binding") {
      const r = await env.ASSETS.fetch("https://a.local/no/such/page");
      return new Response("binding " + r.status + " " + (await r.text()));
    }
    return new Response("worker " + request.method + " " + url.pathname);
  },
};
