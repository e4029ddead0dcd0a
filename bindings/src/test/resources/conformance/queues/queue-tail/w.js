const seen = [];
export default {
  async fetch(req, env) {
    const path = new URL(req.url).pathname;
    if (path === "/send") { await env.Q.sendBatch([{ body: 1 }, { body: 2 }]); return new Response("sent"); }
    if (path === "/three") { await env.Q.send(3); return new Response("sent"); }
    if (path === "/seen") return Response.json(seen);
    return new Response("?");
  },
  async queue(batch) {
    console.log("got", batch.messages.length);
    if (batch.messages.some((m) => m.body === 3)) throw new RangeError("three");
  },
  tail(events) {
    for (const e of events) {
      if (!e.event || e.event.request !== undefined) continue; // only the queue invocations
      seen.push({
        cls: e.event.constructor.name, keys: Object.keys(e.event), event: e.event, outcome: e.outcome,
        logs: e.logs.map((l) => [l.level, l.message]), exceptions: e.exceptions.map((x) => [x.name, x.message]),
        entrypoint: e.entrypoint ?? null,
      });
    }
  },
};
