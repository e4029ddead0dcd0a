export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/send") {
      await env.JOBS.sendBatch([1, 2, 3, 4].map((n) => ({ body: { n } })));
      await env.JOBS.send("fifth", { contentType: "text" });
      return new Response("sent");
    }
    if (url.pathname === "/seen") return env.CONSUMER.fetch("http://consumer/seen");
    return new Response("not found", { status: 404 });
  },
};
