// Seeds `users` with 1000 rows once per isolate's first request (idempotent: INSERT OR REPLACE).
let seeded = null;
function seed(db) {
  seeded ??= db.exec("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT, email TEXT)")
    .then(() => db.prepare("SELECT count(*) AS n FROM users").first("n"))
    .then((n) => n >= 1000 ? null : db.prepare("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<1000) " +
      "INSERT OR REPLACE INTO users SELECT x, 'user'||x, 'user'||x||'@example.com' FROM c").run());
  return seeded;
}
export default {
  async fetch(request, env, ctx) {
    await seed(env.DB);
    if (request.method === "POST") {
      const r = await env.DB.prepare("INSERT INTO users (name, email) VALUES (?, ?)").bind("new", "new@example.com").run();
      return Response.json({ id: r.meta.last_row_id });
    }
    const id = 1 + Math.floor(Math.random() * 1000);
    const row = await env.DB.prepare("SELECT * FROM users WHERE id = ?").bind(id).first();
    return Response.json(row);
  },
};
