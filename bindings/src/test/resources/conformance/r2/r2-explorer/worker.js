// Seeds objects, and reads back what the explorer wrote.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/seed") {
      await env.FILES.put("a.txt", "alpha", { httpMetadata: { contentType: "text/plain" }, customMetadata: { who: "seed" } });
      await env.FILES.put("dir/b.txt", "beta");
      await env.FILES.put("dir/c.txt", "gamma");
      return new Response("seeded");
    }
    if (url.pathname === "/read") {
      const o = await env.FILES.get(url.searchParams.get("key"));
      return Response.json(o === null ? null : { text: await o.text(), type: o.httpMetadata.contentType ?? null, size: o.size });
    }
    return new Response("not found", { status: 404 });
  },
};
