async function outcome(f) {
  try {
    const v = await f();
    return { ok: v instanceof Response ? "Response " + v.status : typeof v };
  } catch (e) {
    return { name: e.name, message: e.message };
  }
}
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/rpc") return Response.json(await outcome(() => env.ASSETS.someMethod()));
    if (url.pathname === "/relative") return Response.json(await outcome(() => env.ASSETS.fetch("/style.css")));
    if (url.pathname === "/shape") return Response.json({ tag: Object.prototype.toString.call(env.ASSETS), fetch: typeof env.ASSETS.fetch });
    return new Response("worker");
  },
};
