const tag = (v) => Object.prototype.toString.call(v);

async function record(env, key, value) {
  const prev = JSON.parse((await env.KV.get(key)) || "[]");
  prev.push(value);
  await env.KV.put(key, JSON.stringify(prev));
}

function describeMessage(msg) {
  const body = msg.body;
  const proto = Object.getPrototypeOf(msg);
  return {
    ownKeys: Object.keys(msg),
    protoNames: Object.getOwnPropertyNames(proto).sort(),
    tag: tag(msg),
    ctor: msg.constructor && msg.constructor.name,
    idFormat: /^[0-9a-f]{32}$/.test(msg.id) ? "hex32" : msg.id,
    timestampTag: tag(msg.timestamp),
    timestampNearSend: body && typeof body.sentAt === "number" ? Math.abs(msg.timestamp.getTime() - body.sentAt) < 2000 : null,
    attempts: msg.attempts,
    bodyTag: tag(body),
    body: body instanceof ArrayBuffer || ArrayBuffer.isView(body) ? Array.from(new Uint8Array(body.buffer || body))
      : body instanceof Map ? [...body] : body && body.sentAt ? { ...body, sentAt: "n" } : body,
  };
}

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
      await t("funcJson", () => env.SINK.send(() => 1));
      await t("funcV8", () => env.SINK.send(() => 1, { contentType: "v8" }));
      await t("symbolJson", () => env.SINK.send(Symbol("x")));
      await t("undefinedJson", () => env.SINK.send(undefined));
      await t("bigintJson", () => env.SINK.send(1n));
      await t("cyclicJson", () => { const o = {}; o.o = o; return env.SINK.send(o); });
      await t("textNumber", () => env.SINK.send(123, { contentType: "text" }));
      await t("bytesString", () => env.SINK.send("abc", { contentType: "bytes" }));
      await t("badType", () => env.SINK.send("abc", { contentType: "xml" }));
      await t("sendNoArgs", () => env.SINK.send());
      await t("sendResult", () => env.SINK.send("ok"));
      await t("batchResult", () => env.SINK.sendBatch([{ body: 1 }]));
      for (const n of [127000, 127900, 127950, 127990, 128000]) {
        await t("text" + n, () => env.SINK.send("x".repeat(n), { contentType: "text" }));
      }
      await t("delay86401", () => env.SINK.send("x", { delaySeconds: 86401 }));
      await t("delay43201", () => env.SINK.send("x", { delaySeconds: 43201 }));
      await t("delayNegative", () => env.SINK.send("x", { delaySeconds: -1 }));
      await t("delayFraction", () => env.SINK.send("x", { delaySeconds: 0.5 }));
      await t("batchDelayTooBig", () => env.SINK.sendBatch([{ body: 1 }], { delaySeconds: 86401 }));
      await t("batchEmpty", () => env.SINK.sendBatch([]));
      await t("batch101", () => env.SINK.sendBatch(Array.from({ length: 101 }, (_, i) => ({ body: i }))));
      await t("batch100", () => env.SINK.sendBatch(Array.from({ length: 100 }, (_, i) => ({ body: i }))));
      await t("batchTooBig", () => env.SINK.sendBatch([1, 2, 3].map((i) => ({ body: String(i).repeat(90000), contentType: "text" }))));
      await t("batchNotIterable", () => env.SINK.sendBatch(5));
      await t("batchNoBody", () => env.SINK.sendBatch([{}]));
      await t("batchBadType", () => env.SINK.sendBatch([{ body: 1, contentType: "xml" }]));
      await t("batchItemTooBig", () => env.SINK.sendBatch([{ body: "x".repeat(128000), contentType: "text" }]));
      out.binding = { tag: tag(env.Q), ctor: env.Q.constructor.name, proto: Object.getOwnPropertyNames(Object.getPrototypeOf(env.Q)).sort() };
      return Response.json(out);
    }
    if (p === "/send-shapes") {
      const sentAt = Date.now();
      await env.Q.send({ kind: "json", sentAt });
      await env.Q.send("text body", { contentType: "text" });
      await env.Q.send(new Uint8Array([1, 2, 3]), { contentType: "bytes" });
      await env.Q.send(new DataView(new Uint8Array([4, 5]).buffer), { contentType: "bytes" });
      await env.Q.send(new Map([["a", 1]]), { contentType: "v8" });
      await env.Q.send(null);
      return new Response("sent");
    }
    if (p === "/retry-to-dlq") {
      await env.Q.send({ kind: "always-retry", sentAt: Date.now() });
      return new Response("sent");
    }
    if (p === "/precedence") {
      await env.PREC.sendBatch([0, 1, 2, 3].map((n) => ({ body: { n } })));
      return new Response("sent");
    }
    if (p === "/throw") {
      await env.THROW.sendBatch([0, 1].map((n) => ({ body: { n } })));
      return new Response("sent");
    }
    if (p === "/get") {
      const key = url.searchParams.get("key");
      const v = JSON.parse((await env.KV.get(key)) || "null");
      if (Array.isArray(v) && url.searchParams.has("sort")) v.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      return Response.json(v);
    }
    return new Response("not found", { status: 404 });
  },

  async queue(batch, env) {
    if (batch.queue === "probe-queue" || batch.queue === "dlq-queue") {
      if (batch.queue === "probe-queue" && !(await env.KV.get("batchShape"))) {
        await env.KV.put("batchShape", JSON.stringify({
          ownKeys: Object.keys(batch), tag: tag(batch), ctor: batch.constructor && batch.constructor.name,
          protoNames: Object.getOwnPropertyNames(Object.getPrototypeOf(batch)).sort(),
          isArray: Array.isArray(batch.messages), frozen: Object.isFrozen(batch.messages),
        }));
      }
      for (const msg of batch.messages) {
        const d = describeMessage(msg);
        if (msg.body && msg.body.kind === "always-retry") {
          const first = await env.KV.get("firstId");
          if (batch.queue === "probe-queue" && !first) await env.KV.put("firstId", msg.id);
          await record(env, "dlqTrail", { queue: batch.queue, attempts: msg.attempts, sameId: first === null || first === msg.id, body: d.body, nearSend: d.timestampNearSend });
          if (batch.queue === "probe-queue") msg.retry();
          continue;
        }
        await record(env, "shapes", d);
      }
      return;
    }
    if (batch.queue === "prec-queue") {
      for (const msg of batch.messages) {
        await record(env, "prec", { n: msg.body.n, attempts: msg.attempts });
        if (msg.attempts > 1) continue;
        if (msg.body.n === 0) { msg.ack(); msg.retry(); }
        if (msg.body.n === 1) { msg.retry(); msg.ack(); }
        if (msg.body.n === 3) { msg.ack(); }
      }
      if (batch.messages.some((m) => m.attempts === 1)) { batch.retryAll(); batch.ackAll(); }
      return;
    }
    if (batch.queue === "throw-queue") {
      for (const msg of batch.messages) {
        await record(env, "throw", { n: msg.body.n, attempts: msg.attempts });
        if (msg.body.n === 0 && msg.attempts === 1) msg.ack();
      }
      if (batch.messages.some((m) => m.attempts === 1)) throw new Error("consumer failed");
    }
  },
};
