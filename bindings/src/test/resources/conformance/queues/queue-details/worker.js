const desc = (o, k) => {
  const d = Object.getOwnPropertyDescriptor(o, k);
  return d === undefined ? "none" : { kind: "value" in d ? "value" : "accessor", writable: d.writable, enumerable: d.enumerable, configurable: d.configurable };
};

async function record(env, key, value) {
  const prev = JSON.parse((await env.KV.get(key)) || "[]");
  prev.push(value);
  await env.KV.put(key, JSON.stringify(prev));
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/globals") {
      return Response.json(Object.fromEntries(["QueueEvent", "QueueController", "QueueMessage", "WorkerQueue", "MessageBatch", "Message"]
        .map((n) => [n, typeof globalThis[n]])));
    }
    if (url.pathname === "/send") {
      await env.Q.send({ kind: "shape" });
      await env.Q.send({ kind: "wait-until" });
      await env.BARE.send("to a worker without queue()");
      const m = await env.Q.metrics();
      return Response.json({ keys: Object.keys(m), backlogCount: m.backlogCount, backlogBytes: m.backlogBytes,
        oldest: Object.prototype.toString.call(m.oldestMessageTimestamp) });
    }
    if (url.pathname === "/get") {
      return Response.json(JSON.parse((await env.KV.get(url.searchParams.get("key"))) || "null"));
    }
    return new Response("not found", { status: 404 });
  },
  async queue(batch, env, ctx) {
    for (const msg of batch.messages) {
      if (msg.body.kind === "shape" && msg.attempts === 1) {
        const before = msg.body;
        let assigned;
        try { msg.body = 5; assigned = "no error"; } catch (e) { assigned = e.name; }
        await env.KV.put("shape", JSON.stringify({
          msg: Object.fromEntries(["id", "timestamp", "body", "attempts"].map((k) => [k, desc(msg, k)])),
          batch: Object.fromEntries(["queue", "messages", "metadata"].map((k) => [k, desc(batch, k)])),
          sameBody: msg.body === before, assigned,
          bodyAfter: msg.body === before ? "unchanged" : msg.body,
        }));
      }
      if (msg.body.kind === "wait-until") {
        await record(env, "waitUntil", msg.attempts);
        if (msg.attempts === 1) ctx.waitUntil(Promise.reject(new Error("late failure")));
      }
    }
  },
};
