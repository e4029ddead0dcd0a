// bindings/queues/queue.js: WorkerQueue, the class of every [[queues.producers]] binding in env. It
// checks arguments and encodes bodies as workerd does (TypeErrors and texts recorded from wrangler
// dev); the broker's refusals (sizes, counts, delays) come back as "Queue send failed: <why>".
// imports: runtime/internal, web/clone/structured-clone, services/rpc
(function (ops, $, imports) {
  "use strict";
  const { rpcEncode, structuredClone, idl } = imports;
  const TYPES = new Set(["text", "bytes", "json", "v8"]);

  // workerd takes delaySeconds as an integer: fractions truncate, what is not a number is 0.
  const toInt = (v) => { const n = Math.trunc(Number(v)); return Number.isFinite(n) ? n : 0; };
  const delayOf = (o) => (o === undefined || o === null || o.delaySeconds === undefined ? null : toInt(o.delaySeconds));

  function latin1(u8) {
    let s = "";
    for (let i = 0; i < u8.length; i += 8192) s += String.fromCharCode.apply(null, u8.subarray(i, i + 8192));
    return s;
  }

  // V8's words for a cycle JSON.stringify met (recorded): the path from the object the circle
  // starts at to the property that closes it.
  function circularMessage(root) {
    const ctorName = (o) => (o.constructor && typeof o.constructor.name === "string" ? o.constructor.name : "Object");
    const step = (key, isArray) => (isArray ? `index ${key}` : `property '${key}'`);
    const path = [];
    const onPath = new Map(); // object -> its index in path
    function walk(obj) {
      onPath.set(obj, path.length);
      for (const key of Object.keys(obj)) {
        const v = obj[key];
        if (v === null || typeof v !== "object") continue;
        path.push({ from: obj, key });
        if (onPath.has(v)) return { start: onPath.get(v), target: v };
        const found = walk(v);
        if (found) return found;
        path.pop();
      }
      onPath.delete(obj);
      return null;
    }
    const found = root !== null && typeof root === "object" ? walk(root) : null;
    if (!found) return "Converting circular structure to JSON";
    const links = path.slice(found.start);
    let text = `Converting circular structure to JSON\n    --> starting at object with constructor '${ctorName(found.target)}'`;
    for (let i = 0; i < links.length - 1; i++) {
      text += `\n    |     ${step(links[i].key, Array.isArray(links[i].from))} -> object with constructor '${ctorName(links[i + 1].from)}'`;
    }
    const last = links[links.length - 1];
    return text + `\n    --- ${step(last.key, Array.isArray(last.from))} closes the circle`;
  }

  function toJson(body) {
    try {
      return JSON.stringify(body);
    } catch (e) {
      if (e instanceof TypeError && /BigInt/i.test(String(e.message))) throw new TypeError("Do not know how to serialize a BigInt");
      if (e instanceof TypeError && /circular|cyclic/i.test(String(e.message))) throw new TypeError(circularMessage(body));
      throw e;
    }
  }

  // One message for the host: { contentType, body, delaySeconds }. body is a string (bytes: one
  // char per byte), or null when JSON has no text for it (a function, a symbol): the broker then
  // fails the send as wrangler dev's does, if the queue has a consumer.
  async function encode(body, contentType, delaySeconds) {
    if (body === undefined) throw new TypeError("Message body cannot be undefined");
    const type = contentType === undefined ? ($.compat.queues_json_messages ? "json" : "v8") : String(contentType);
    if (!TYPES.has(type)) throw new TypeError(`Unsupported queue message content type: ${type}`);
    let text;
    switch (type) {
      case "text":
        if (typeof body !== "string") throw new TypeError(`Content Type "text" requires a value of type string, but received: ${typeof body}`);
        text = body;
        break;
      case "bytes":
        if (!ArrayBuffer.isView(body)) throw new TypeError(`Content Type "bytes" requires a value of type ArrayBufferView, but received: ${typeof body}`);
        text = latin1(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
        break;
      case "json": {
        const json = toJson(body);
        text = json === undefined ? null : json;
        break;
      }
      default: // v8: what structured clone takes, kept in the RPC wire encoding
        text = await rpcEncode(structuredClone(body));
    }
    return { contentType: type, body: text, delaySeconds };
  }

  function metricsOf(json) {
    const m = JSON.parse(json).metrics;
    const out = { backlogCount: m.backlogCount, backlogBytes: m.backlogBytes };
    if (m.oldestMessageTimestamp !== undefined) out.oldestMessageTimestamp = new Date(m.oldestMessageTimestamp);
    return out;
  }

  class WorkerQueue {
    #ops;
    constructor(o) {
      this.#ops = o;
    }

    async send(body, options) {
      if (arguments.length === 0) throw new TypeError("Failed to execute 'send' on 'WorkerQueue': parameter 1 is not of type 'Value'.");
      const o = options ?? {};
      const message = await encode(body, o.contentType, delayOf(o));
      return this.#call(false, [message], null, "send");
    }

    async sendBatch(messages, options) {
      if (messages === null || typeof messages !== "object" || typeof messages[Symbol.iterator] !== "function") {
        throw new TypeError("Failed to execute 'sendBatch' on 'WorkerQueue': parameter 1 is not of type 'Sequence'.");
      }
      const list = [];
      for (const m of messages) {
        if (m === null || typeof m !== "object") throw new TypeError("Incorrect type: the provided value is not of type 'MessageSendRequest'.");
        list.push(m);
      }
      if (list.length === 0) throw new TypeError("sendBatch() requires at least one message");
      const encoded = [];
      for (const m of list) encoded.push(await encode(m.body, m.contentType, delayOf(m)));
      return this.#call(true, encoded, delayOf(options), "sendBatch");
    }

    async metrics() {
      return metricsOf(await this.#ops.metrics());
    }

    #call(batch, messages, batchDelay, op) {
      return new Promise((resolve, reject) => this.#ops.send(batch, JSON.stringify(messages), batchDelay).then(
        (json) => resolve({ metadata: { metrics: metricsOf(json) } }),
        (why) => reject(new Error(`Queue ${op} failed: ${why}`))));
    }
  }
  idl(WorkerQueue, "WorkerQueue");

  return { queue: (o) => new WorkerQueue(o) };
})
