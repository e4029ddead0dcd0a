// The public worker: pages here, anything under /api/ forwarded to the api worker.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/api/")) return env.API.fetch(request);
    const count = await env.API.count();
    return new Response(`<h1>${env.TITLE}</h1><p>${count} note(s); served by ${await env.API.who()}</p>`,
      { headers: { "content-type": "text/html;charset=UTF-8" } });
  },
};
