const tag = (v) => Object.prototype.toString.call(v);
const show = (body) => body instanceof ArrayBuffer || ArrayBuffer.isView(body)
  ? { tag: tag(body), bytes: Array.from(new Uint8Array(body.buffer || body, body.byteOffset || 0, body.byteLength)) }
  : body instanceof Map ? { tag: tag(body), entries: [...body] } : { tag: tag(body), value: body === undefined ? "undefined" : body };

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const p = url.pathname;
    if (p === "/errors") {
      const out = {};
      const t = async (name, f) => {
        try { const r = await f(); out[name] = { ok: r === undefined ? "undefined" : JSON.stringify(r) }; }
        catch (e) { out[name] = { name: e.name, message: e.message }; }
      };
      const q = env.Q;
      await t("funcJson", () => q.send(() => 1));
      await t("symbolJson", () => q.send(Symbol("x")));
      await t("undefinedV8", () => q.send(undefined, { contentType: "v8" }));
      for (const n of [127900, 127990, 127999, 128000, 128001]) await t("text" + n, () => q.send("x".repeat(n), { contentType: "text" }));
      await t("json127998", () => q.send("x".repeat(127998)));
      await t("json127999", () => q.send("x".repeat(127999)));
      await t("delay86400", () => q.send("d", { delaySeconds: 86400, contentType: "text" }));
      await t("delay86401", () => q.send("d", { delaySeconds: 86401, contentType: "text" }));
      await t("delayNegative", () => q.send("d", { delaySeconds: -1, contentType: "text" }));
      await t("delayFraction", () => q.send("d", { delaySeconds: 0.5, contentType: "text" }));
      await t("delayString", () => q.send("d", { delaySeconds: "abc", contentType: "text" }));
      await t("batchDelay86401", () => q.sendBatch([{ body: "d", contentType: "text" }], { delaySeconds: 86401 }));
      await t("batchItemDelay86401", () => q.sendBatch([{ body: "d", contentType: "text", delaySeconds: 86401 }]));
      await t("batch101", () => q.sendBatch(Array.from({ length: 101 }, (_, i) => ({ body: "b" + i, contentType: "text" }))));
      await t("batch4x90000", () => q.sendBatch([1, 2, 3, 4].map((i) => ({ body: String(i).repeat(90000), contentType: "text" }))));
      await t("batch3x95000", () => q.sendBatch([1, 2, 3].map((i) => ({ body: String(i).repeat(95000), contentType: "text" }))));
      await t("batchItem128001", () => q.sendBatch([{ body: "x".repeat(128001), contentType: "text" }]));
      await t("batchFunc", () => q.sendBatch([{ body: () => 1 }]));
      await t("batchOfStrings", () => q.sendBatch(["a"]));
      return Response.json(out);
    }
    if (p === "/bodies") {
      const q = env.Q;
      await q.send({ n: 1, kind: "json" });
      await q.send(null);
      await q.send("a string as json");
      await q.send(new Uint8Array([9, 8, 7, 6]).subarray(1, 3), { contentType: "bytes" });
      await q.send(new DataView(new Uint8Array([5, 4]).buffer), { contentType: "bytes" });
      await q.send(new Map([["k", 1]]), { contentType: "v8" });
      await q.send(new Uint8Array([1, 2]), { contentType: "v8" });
      return new Response("sent");
    }
    if (p === "/backlog") {
      const out = [];
      for (let i = 0; i < 3; i++) {
        const r = await env.SLOW.send("s" + i, { contentType: "text" });
        const m = r.metadata.metrics;
        out.push({ keys: Object.keys(m), backlogCount: m.backlogCount, backlogBytes: m.backlogBytes,
          oldest: m.oldestMessageTimestamp === undefined ? "undefined" : tag(m.oldestMessageTimestamp) });
      }
      const rb = await env.SLOW.sendBatch([{ body: "s3", contentType: "text" }]);
      out.push({ batchKeys: Object.keys(rb.metadata.metrics), backlogCount: rb.metadata.metrics.backlogCount });
      return Response.json(out);
    }
    if (p === "/get") {
      const list = await env.KV.list({ prefix: url.searchParams.get("prefix") });
      const out = [];
      for (const k of list.keys) out.push(JSON.parse(await env.KV.get(k.name)));
      out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      return Response.json(out);
    }
    return new Response("not found", { status: 404 });
  },

  async queue(batch, env) {
    if (batch.queue === "slow-queue") {
      await env.KV.put("slow:" + batch.messages[0].id, JSON.stringify({ size: batch.messages.length, metrics: batch.metadata }));
      return;
    }
    for (const msg of batch.messages) {
      if (typeof msg.body === "string" && msg.body.length > 1000) continue;
      if (typeof msg.body === "string" && /^(b\d+|d)$/.test(msg.body)) continue;
      await env.KV.put("body:" + msg.id, JSON.stringify(show(msg.body)));
    }
  },
};
