// Seeds data through the bindings; the steps then read and write it through the explorer API.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/seed") {
      await env.KV.put("alpha", "1", { metadata: { m: 1 } });
      await env.KV.put("beta", "2");
      await env.DB.exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)");
      await env.DB.prepare("INSERT INTO notes (body) VALUES (?)").bind("hello").run();
      return new Response("seeded");
    }
    if (url.pathname === "/read") {
      const { results } = await env.DB.prepare("SELECT id, body FROM notes ORDER BY id").all();
      return Response.json({ gamma: await env.KV.get("gamma"), delta: await env.KV.getWithMetadata("delta"), alpha: await env.KV.get("alpha"), notes: results });
    }
    return new Response("explorer case");
  },
};
