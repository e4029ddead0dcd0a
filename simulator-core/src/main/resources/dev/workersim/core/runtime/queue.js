// runtime/queue.js: Queue consumer invocations. The batch (QueueController in module syntax,
// QueueEvent in service-worker syntax), its QueueMessages, and $.dispatchQueue, which runs the
// handler once and reports to the host what it asked for: acks and retries per message and for
// the whole batch, and whether it threw. The host (the queue broker) decides what happens next.
// imports: runtime/internal, web/events/events, runtime/dispatch, scheduled/scheduled
(function (ops, $, imports) {
  "use strict";
  const { idl, Event, invokeHandler, ExecutionContext, errorParts, settleWaitUntil } = imports;
  const kCreate = Symbol("create");

  // What one delivery's handler asked for, in the shape workerd reports it to the broker. The
  // first call on a message wins; a later contrary call only warns (texts recorded from workerd).
  class Verdicts {
    ackAll = false;
    retryBatch = { retry: false };
    explicitAcks = new Set();
    retries = new Map(); // message id -> delaySeconds (undefined: the broker's default)
    toJson() {
      return JSON.stringify({
        ackAll: this.ackAll, retryBatch: this.retryBatch, explicitAcks: [...this.explicitAcks],
        retryMessages: [...this.retries].map(([msgId, delaySeconds]) => ({ msgId, delaySeconds })),
      });
    }
  }
  const warn = (text) => ops.console.write("warn", text);
  const delayOf = (options) => {
    if (options === undefined || options === null || options.delaySeconds === undefined) return undefined;
    const n = Math.trunc(Number(options.delaySeconds));
    return Number.isFinite(n) ? n : 0;
  };

  class QueueMessage {
    #verdicts;
    constructor(key, raw, verdicts) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#verdicts = verdicts;
      // Own, read-only, enumerable and configurable, in workerd's order (recorded: attempts, body,
      // timestamp, id).
      Object.defineProperty(this, "attempts", { value: raw.attempts, enumerable: true, configurable: true });
      Object.defineProperty(this, "body", { value: decodeBody(raw), enumerable: true, configurable: true });
      Object.defineProperty(this, "timestamp", { value: new Date(raw.timestamp), enumerable: true, configurable: true });
      Object.defineProperty(this, "id", { value: raw.id, enumerable: true, configurable: true });
    }
    ack() {
      const v = this.#verdicts;
      if (v.retryBatch.retry) {
        warn(`Received a call to ack() on message ${this.id} after retryAll() was already called. Calling ack() on a message after calling retryAll() has no effect.`);
        return;
      }
      if (v.retries.has(this.id)) {
        warn(`Received a call to ack() on message ${this.id} after retry() was already called. Calling ack() on a message after calling retry() has no effect.`);
        return;
      }
      v.explicitAcks.add(this.id);
    }
    retry(options) {
      const v = this.#verdicts;
      if (v.ackAll) {
        warn(`Received a call to retry() on message ${this.id} after ackAll() was already called. Calling retry() on a message after calling ackAll() has no effect.`);
        return;
      }
      if (v.explicitAcks.has(this.id)) {
        warn(`Received a call to retry() on message ${this.id} after ack() was already called. Calling retry() on a message after calling ack() has no effect.`);
        return;
      }
      v.retries.set(this.id, delayOf(options));
    }
  }
  idl(QueueMessage, "QueueMessage");

  function ackAll(v) {
    if (v.retryBatch.retry) {
      warn("Received a call to ackAll() after retryAll() was already called. Calling ackAll() after calling retryAll() has no effect.");
      return;
    }
    v.ackAll = true;
  }
  function retryAll(v, options) {
    if (v.ackAll) {
      warn("Received a call to retryAll() after ackAll() was already called. Calling retryAll() after calling ackAll() has no effect.");
      return;
    }
    v.retryBatch = { retry: true, delaySeconds: delayOf(options) };
  }

  // The batch handed to queue(batch, env, ctx): own metadata, queue and messages (recorded order).
  class QueueController {
    #verdicts;
    constructor(key, run) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#verdicts = run.verdicts;
      Object.defineProperty(this, "metadata", { value: run.metadata, enumerable: true, configurable: true });
      Object.defineProperty(this, "queue", { value: run.queue, enumerable: true, configurable: true });
      Object.defineProperty(this, "messages", { value: run.messages, enumerable: true, configurable: true });
    }
    ackAll() { ackAll(this.#verdicts); }
    retryAll(options) { retryAll(this.#verdicts, options); }
  }
  idl(QueueController, "QueueController");

  // The service-worker form: an event of type "queue" with the batch's members and waitUntil.
  class QueueEvent extends Event {
    #verdicts; #ctx;
    constructor(key, run, ctx) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      super("queue");
      this.#verdicts = run.verdicts;
      this.#ctx = ctx;
      Object.defineProperty(this, "metadata", { value: run.metadata, enumerable: true, configurable: true });
      Object.defineProperty(this, "queue", { value: run.queue, enumerable: true, configurable: true });
      Object.defineProperty(this, "messages", { value: run.messages, enumerable: true, configurable: true });
    }
    ackAll() { ackAll(this.#verdicts); }
    retryAll(options) { retryAll(this.#verdicts, options); }
    waitUntil(promise) { this.#ctx.waitUntil(promise); }
  }
  idl(QueueEvent, "QueueEvent"); // not a global in workerd (recorded), like the other queue classes

  // A stored body back to a value: text as is, json parsed, bytes (one char per byte) as an
  // ArrayBuffer, v8 (the RPC wire encoding of a structured clone) decoded.
  function decodeBody(raw) {
    switch (raw.contentType) {
      case "text": return raw.body;
      case "json": return JSON.parse(raw.body);
      case "bytes": {
        const out = new Uint8Array(raw.body.length);
        for (let i = 0; i < out.length; i++) out[i] = raw.body.charCodeAt(i);
        return out.buffer;
      }
      default: return $.rpcDecode(raw.body);
    }
  }

  function missingHandler() {
    warn("Received a QueueEvent but we lack a handler for QueueEvents. Did you remember to export a queue() function?");
    return new Error("Handler does not export a queue() function.");
  }

  function invoke(run, ctx) {
    return invokeHandler("queue", () => new QueueController(kCreate, run),
      () => new QueueEvent(kCreate, run, ctx), ctx, missingHandler);
  }

  // `done.complete(outcome, verdictsJson, errorName, errorMessage, errorStack)` is called once:
  // "exception" when the handler threw or rejected, or (unless queue_consumer_no_wait_for_wait_until,
  // which reports as soon as the handler returns) when a ctx.waitUntil promise rejected: recorded,
  // wrangler dev then retries the batch. Otherwise "ok", once the waitUntil promises settled.
  $.dispatchQueue = function dispatchQueue(done, queue, messagesJson, metadataJson) {
    const verdicts = new Verdicts();
    const ctx = new ExecutionContext();
    const fail = (err) => {
      $.reportUncaught(err);
      const [name, message, stack] = errorParts(err);
      done.complete("exception", verdicts.toJson(), name, message, stack);
    };
    let result;
    try {
      const messages = JSON.parse(messagesJson).map((raw) => new QueueMessage(kCreate, raw, verdicts));
      const metadata = JSON.parse(metadataJson);
      const oldest = metadata.metrics.oldestMessageTimestamp;
      if (oldest !== undefined) metadata.metrics.oldestMessageTimestamp = new Date(oldest);
      const run = { queue: String(queue), messages, metadata, verdicts };
      result = invoke(run, ctx);
    } catch (err) {
      fail(err);
      return;
    }
    const ok = () => done.complete("ok", verdicts.toJson(), null, null, null);
    const settled = (first) => {
      if (first === null) { ok(); return; }
      // ExecutionContext.waitUntil has logged the rejection already.
      const [name, message, stack] = errorParts(first.err);
      done.complete("exception", verdicts.toJson(), name, message, stack);
    };
    Promise.resolve(result).then(
      () => ($.compat.queue_consumer_no_wait_for_wait_until ? ok() : settleWaitUntil(ctx, settled)),
      fail);
  };
})
