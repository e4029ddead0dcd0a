// tail/tail.js: Tail Workers. Two halves:
//  * producer side (a worker with `tail_consumers`): each fetch, scheduled and RPC invocation gets a
//    trace (its event, console logs, rejected waitUntil promises, outcome) carried by an AsyncContext
//    variable, so interleaved invocations keep theirs apart. When the invocation has answered and
//    its waitUntil promises have settled, the trace goes to the host as JSON (sink.deliver), which
//    hands it to each consumer worker.
//  * consumer side (any worker): dispatchTail(json) turns the JSON back into TraceItems, shaped as
//    workerd shows them (recorded from wrangler dev), and calls the tail() handler.
// Shapes recorded from wrangler dev (conformance/tail/a-basics): scriptName is null locally, a fetch
// handler that throws counts as answered 500 with outcome "ok" (wrangler's dev middleware catches
// it), a non-Response answer is outcome "exception", a rejected waitUntil adds an exception only.
// Loads after what it wraps: $.dispatchFetch, $.sendResponse, $.dispatchScheduled, $.dispatchQueue, $.dispatchRpc.
// imports: runtime/internal, web/events/events, web/fetch/response, runtime/dispatch, scheduled/scheduled,
// imports: services/rpc, runtime/queue
(function (ops, $, imports) {
  "use strict";
  const {
    AsyncContext, errorParts, userFrames, Response, idl, Event, handlerMode, currentHandlers,
    globalTarget, ExecutionContext
  } = imports;
  const current = new AsyncContext.Variable();
  let sink = null; // the host's TailConsumers: null while nobody tails this worker

  // Called by the host before the worker's code runs when its config lists tail_consumers.
  const setTailConsumers = function setTailConsumers(consumers) { sink = consumers; };

  // ---- producer side: collecting one invocation ----

  class Trace {
    constructor(event) {
      this.start = Date.now();
      this.event = event;
      this.logs = [];
      this.exceptions = [];
      this.waitUntil = [];
      this.responding = false; // fetch: the handler has given its answer (it may still stream)
      this.outcome = null;  // set once the invocation has answered
      this.finished = false;
      // Items of other workers this invocation ran (a dispatch worker's user worker): raw items
      // shaped as finish() builds them, delivered in the same tail() call after this one's own.
      // Whoever nests keeps the trace open by pushing a promise onto `waitUntil` until its item
      // has arrived (finish() waits for those).
      this.nested = [];
      this.entrypoint = undefined; // a named entrypoint's name (the default export has none)
    }

    // The invocation answered: once its waitUntil promises settle, the trace is complete.
    answered(outcome) {
      if (this.outcome !== null) return;
      this.outcome = outcome;
      settle(this.waitUntil, () => this.finish());
    }

    finish() {
      if (this.finished) return;
      this.finished = true;
      const item = {
        wallTime: Date.now() - this.start, cpuTime: 0, truncated: false, executionModel: "stateless",
        outcome: this.outcome, entrypoint: this.entrypoint, scriptName: null, diagnosticsChannelEvents: [],
        exceptions: this.exceptions, logs: this.logs, eventTimestamp: this.start, event: this.event,
      };
      try {
        sink.deliver(JSON.stringify([item, ...this.nested]));
      } catch (err) {
        ops.console.write("error", "Could not deliver the tail event: " + errorParts(err)[1]);
      }
    }
  }

  // Waits for every promise of `list`, including ones added while waiting (like scheduled.js).
  function settle(list, callback) {
    let seen = 0;
    const step = () => {
      const batch = list.slice(seen).map((p) => p.then(undefined, () => {}));
      seen = list.length;
      if (batch.length === 0) callback(); else Promise.all(batch).then(step);
    };
    step();
  }

  // The running invocation's trace (undefined when none), for nesting items (see Trace.nested).
  const currentTrace = () => current.get();

  // What a console argument becomes in TraceLog.message (recorded): JSON for plain data, the
  // string form for other objects, as workerd serialises them.
  function logValue(v) {
    switch (typeof v) {
      case "string": case "boolean": return v;
      case "number": return Number.isFinite(v) ? v + 0 : null;
      case "undefined": return null;
      case "bigint": case "function": return String(v);
      case "symbol": return {};
    }
    if (v === null) return null;
    const proto = Object.getPrototypeOf(v);
    if (Array.isArray(v) || proto === Object.prototype || proto === null || v instanceof Date) {
      try { return JSON.parse(JSON.stringify(v)) ?? null; } catch { return {}; }
    }
    try { return String(v); } catch { return {}; }
  }

  // One entry per console argument, for the Error ones; its stack is the frames only (recorded).
  function errorInfo(args) {
    if (!args.some((a) => a instanceof Error)) return undefined;
    return args.map((a) => a instanceof Error ? { name: a.name, message: a.message, stack: framesOf(a) } : null);
  }
  function framesOf(err) {
    const stack = userFrames(typeof err.stack === "string" ? err.stack : "");
    const at = stack.indexOf("\n    at ");
    return at < 0 ? "" : stack.slice(at + 1);
  }

  // console.log & co. also write into the running invocation's trace (recorded: the other console
  // methods, console.trace, dir, table, count, assert, group, add nothing).
  const console = globalThis.console;
  for (const level of ["debug", "info", "log", "warn", "error"]) {
    const write = console[level];
    console[level] = { [level](...args) {
      const trace = sink === null ? undefined : current.get();
      if (trace !== undefined && !trace.finished) {
        trace.logs.push({ errorInfo: errorInfo(args), message: args.map(logValue), level, timestamp: Date.now() });
      }
      return write.apply(this, args);
    } }[level];
  }

  function exception(trace, name, message, stack) {
    if (trace !== undefined && !trace.finished) trace.exceptions.push({ stack, name, message, timestamp: Date.now() });
  }

  // runtime/dispatch.js's ExecutionContext hands each waitUntil promise here. A rejection is the
  // one kind of uncaught error workerd records in the trace (recorded: a throwing timer callback,
  // an unhandled rejection and an RPC method's throw add none).
  $.traceWaitUntil = function traceWaitUntil(promise) {
    const trace = current.get();
    if (trace === undefined || trace.finished) return;
    trace.waitUntil.push(promise); // also while settling: settle() waits for late ones too
    promise.catch((err) => {
      const [name, message, stack] = errorParts(err);
      exception(trace, name, message, stack || undefined);
    });
  };

  // fetch: the request as the tail sees it (headers lower-cased, duplicates joined with ", ", in
  // name order as workerd's Headers iterate; recorded).
  function fetchEvent(incoming) {
    const joined = new Map();
    const list = incoming.headers();
    for (let i = 0, n = list.size(); i < n; i++) {
      const name = list.name(i).toLowerCase();
      const value = list.value(i);
      joined.set(name, joined.has(name) ? joined.get(name) + ", " + value : value);
    }
    const headers = {};
    for (const name of [...joined.keys()].sort()) headers[name] = joined.get(name);
    const cfJson = incoming.cfJson();
    const cf = cfJson ? JSON.parse(cfJson) : undefined;
    return { request: { url: incoming.url(), method: incoming.method(), headers, cf }, response: undefined };
  }

  // Every kind of invocation goes through here: `run(trace)` starts the handler inside a new trace
  // of `event` (trace is undefined when nobody tails this worker); the kind then calls
  // trace.answered(outcome) once the handler has answered. A new kind (a queue batch: event
  // {queue, batchSize}) wraps its $.dispatchX the same way.
  const traceInvocation = function traceInvocation(event, run) {
    if (sink === null) return run(undefined);
    const trace = new Trace(event);
    return current.run(trace, () => run(trace));
  };

  // TraceItem.entrypoint: the name of a named entrypoint; the default export has none (recorded).
  const entrypointName = (name) => name === null || name === undefined || name === "default" ? undefined : String(name);

  const dispatchFetch = $.dispatchFetch;
  // `invocation`: a dispatched call's route (runtime/dispatch.js), passed through untouched.
  $.dispatchFetch = function (handle, incoming, entrypoint = null, invocation = null) {
    const run = () => dispatchFetch(handle, incoming, entrypoint, invocation);
    if (sink === null) return run();
    return traceInvocation(fetchEvent(incoming), (trace) => {
      trace.handle = handle; // its answer, not another exchange answered in its async context
      trace.entrypoint = entrypointName(entrypoint);
      return run();
    });
  };

  const NOT_RESPONSE = "Incorrect type for Promise: the Promise did not resolve to 'Response'.";
  const sendResponse = $.sendResponse;
  $.sendResponse = function (handle, response, request) {
    const trace = current.get();
    if (trace === undefined || trace.handle !== handle || trace.responding) return sendResponse(handle, response, request);
    trace.responding = true;
    if (!(response instanceof Response)) {
      exception(trace, "TypeError", NOT_RESPONSE, undefined);
      trace.answered("exception");
      return sendResponse(handle, response, request);
    }
    trace.event.response = { status: response.status || 500 };
    return sendResponse(watched(handle, trace), response, request);
  };

  // The exchange as web/fetch/response.js drives it, telling the trace when the answer is complete: a
  // streamed body counts too (recorded: logs made while it streams are in the item).
  function watched(handle, trace) {
    const end = (outcome) => trace.answered(outcome);
    return {
      respondText(status, headers, body) { handle.respondText(status, headers, body); end("ok"); },
      respondBytes(status, headers, buffer, offset, length) { handle.respondBytes(status, headers, buffer, offset, length); end("ok"); },
      markBodyEncoded(how) { handle.markBodyEncoded(how); },
      reasonPhrase(text) { handle.reasonPhrase(text); },
      startStream(status, headers) { handle.startStream(status, headers); },
      writeChunk(buffer, offset, length, done) {
        handle.writeChunk(buffer, offset, length, (error) => {
          if (error !== null && error !== undefined) end("canceled"); // the client went away
          done(error);
        });
      },
      endStream() { handle.endStream(); end("ok"); },
      abortStream(reason) { handle.abortStream(reason); end("exception"); }, // the body stream errored
      upgradeWebSocket(headers, sink) { const socket = handle.upgradeWebSocket(headers, sink); end("ok"); return socket; },
      fail(name, message, stack) { handle.fail(name, message, stack); end("ok"); },
    };
  }

  // runtime/dispatch.js: the fetch handler threw. wrangler dev answers 500 for it (its middleware
  // catches the error), so the tail sees a 500 response and outcome "ok".
  $.traceFetchFailed = function traceFetchFailed() {
    const trace = current.get();
    if (trace === undefined || trace.responding) return;
    trace.responding = true;
    trace.event.response = { status: 500 };
    trace.answered("ok");
  };

  const dispatchScheduled = $.dispatchScheduled;
  $.dispatchScheduled = function (done, cron, scheduledTime) {
    const event = { cron: String(cron), scheduledTime: Number(scheduledTime) };
    return traceInvocation(event, (trace) => dispatchScheduled(trace === undefined ? done : {
      // A rejected waitUntil ("waitUntil") is in the trace already; a throw ("exception") is not.
      complete(outcome, noRetry, name, message, stack) {
        done.complete(outcome, noRetry, name, message, stack);
        if (outcome === "exception") exception(trace, name, message, stack || undefined);
        trace.answered(outcome === "ok" ? "ok" : "exception");
      },
    }, cron, scheduledTime));
  };

  // A queue batch (runtime/queue.js): event {queue, batchSize}; a throw of the handler is an
  // exception of the invocation (a rejected waitUntil is in the trace already).
  const dispatchQueue = $.dispatchQueue;
  if (dispatchQueue !== undefined) {
    $.dispatchQueue = function (done, queue, messagesJson, metadataJson) {
      if (sink === null) return dispatchQueue(done, queue, messagesJson, metadataJson);
      const event = { queue: String(queue), batchSize: JSON.parse(messagesJson).length };
      return traceInvocation(event, (trace) => dispatchQueue({
        complete(outcome, verdictsJson, name, message, stack) {
          done.complete(outcome, verdictsJson, name, message, stack);
          const known = trace.exceptions.some((e) => e.name === name && e.message === message);
          if (outcome === "exception" && !known) exception(trace, name, message, stack || undefined);
          trace.answered(outcome === "ok" ? "ok" : "exception");
        },
      }, queue, messagesJson, metadataJson));
    };
  }

  const dispatchRpc = $.dispatchRpc;
  $.dispatchRpc = function (entrypoint, method, argsWire, done, invocation = null) {
    return traceInvocation({ rpcMethod: String(method) }, (trace) => {
      if (trace === undefined) return dispatchRpc(entrypoint, method, argsWire, done, invocation);
      trace.entrypoint = entrypointName(entrypoint);
      return dispatchRpc(entrypoint, method, argsWire, {
        resolve(wire) { done.resolve(wire); trace.answered("ok"); },
        // The caller gets the error; the trace records the call as "ok" without it (recorded).
        reject(name, message, stack) { done.reject(name, message, stack); trace.answered("ok"); },
      }, invocation);
    });
  };

  // ---- consumer side: TraceItems and the tail() handler ----

  const SECRET_HEADER = /auth|key|secret|token|jwt/;
  const redactHeaders = (headers) => {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = name === "cookie" || name === "set-cookie" || SECRET_HEADER.test(name) ? "REDACTED" : value;
    }
    return out;
  };
  const count = (s, re) => (s.match(re) || []).length;
  // A run of [A-Za-z0-9+-_] that looks like an id: 32+ hex digits (separators aside), or 21+
  // characters with at least two upper-case letters, two lower-case letters and two digits.
  function looksLikeId(run) {
    const digits = run.replace(/[+\-_]/g, "");
    if (digits.length >= 32 && /^[0-9A-Fa-f]+$/.test(digits)) return true;
    return run.length >= 21 && count(run, /[A-Z]/g) >= 2 && count(run, /[a-z]/g) >= 2 && count(run, /[0-9]/g) >= 2;
  }
  const redactUrl = (url) => url.replace(/[A-Za-z0-9+\-_]+/g, (run) => looksLikeId(run) ? "REDACTED" : run);

  // TraceItem and its parts have read-only, enumerable, configurable own properties (recorded).
  const fields = (target, values) => {
    for (const [key, value] of Object.entries(values)) {
      Object.defineProperty(target, key, { value, writable: false, enumerable: true, configurable: true });
    }
  };

  const kMake = Symbol("make");
  const TailRequest = class Request {
    #raw;
    constructor(key, raw, redact) {
      if (key !== kMake) throw new TypeError("Illegal constructor");
      this.#raw = raw;
      fields(this, { url: redact ? redactUrl(raw.url) : raw.url, method: raw.method,
        headers: redact ? redactHeaders(raw.headers) : { ...raw.headers }, cf: raw.cf });
    }
    getUnredacted() { return new TailRequest(kMake, this.#raw, false); }
  };
  const TailResponse = class Response {
    constructor(raw) { fields(this, { status: raw.status }); }
  };
  class FetchEventInfo {
    constructor(raw) {
      fields(this, { request: new TailRequest(kMake, raw.request, true),
        response: raw.response === undefined ? undefined : new TailResponse(raw.response) });
    }
  }
  class ScheduledEventInfo {
    constructor(raw) { fields(this, { cron: raw.cron, scheduledTime: raw.scheduledTime }); }
  }
  class JsRpcEventInfo {
    constructor(raw) { fields(this, { rpcMethod: raw.rpcMethod }); }
  }
  class QueueEventInfo {
    constructor(raw) { fields(this, { batchSize: raw.batchSize, queue: raw.queue }); } // this order (recorded)
  }
  class TraceLog {
    constructor(raw) { fields(this, { errorInfo: raw.errorInfo, message: raw.message, level: raw.level, timestamp: raw.timestamp }); }
  }
  class TraceException {
    constructor(raw) { fields(this, { stack: raw.stack, name: raw.name, message: raw.message, timestamp: raw.timestamp }); }
  }
  function eventInfo(raw) {
    if (raw === null || raw === undefined) return null;
    if (raw.request !== undefined) return new FetchEventInfo(raw);
    if (raw.cron !== undefined) return new ScheduledEventInfo(raw);
    if (raw.rpcMethod !== undefined) return new JsRpcEventInfo(raw);
    if (raw.batchSize !== undefined) return new QueueEventInfo(raw);
    return { ...raw }; // a kind without its own class yet
  }
  class TraceItem {
    constructor(raw) {
      fields(this, {
        wallTime: raw.wallTime, cpuTime: raw.cpuTime, truncated: raw.truncated, executionModel: raw.executionModel,
        outcome: raw.outcome, durableObjectId: undefined, preview: undefined, tailAttributes: undefined,
        scriptTags: undefined, dispatchNamespace: raw.dispatchNamespace, scriptVersion: undefined, entrypoint: raw.entrypoint,
        scriptName: raw.scriptName, diagnosticsChannelEvents: raw.diagnosticsChannelEvents,
        exceptions: raw.exceptions.map((e) => new TraceException(e)), logs: raw.logs.map((l) => new TraceLog(l)),
        eventTimestamp: raw.eventTimestamp, event: eventInfo(raw.event),
      });
    }
  }
  for (const cls of [TailRequest, TailResponse, FetchEventInfo, ScheduledEventInfo, JsRpcEventInfo, QueueEventInfo, TraceLog, TraceException, TraceItem]) {
    idl(cls);
  }

  // The legacy service-worker form: addEventListener("tail", (event) => event.traces ...).
  class TailEvent extends Event {
    #ctx;
    constructor(key, traces, ctx) {
      if (key !== kMake) throw new TypeError("Illegal constructor");
      super("tail");
      this.#ctx = ctx;
      // Own properties as workerd has them: `events` is a second array of the same items.
      Object.defineProperty(this, "traces", { value: traces, enumerable: true });
      Object.defineProperty(this, "events", { value: [...traces], enumerable: true });
      Object.defineProperty(this, "actorState", { value: undefined, enumerable: true });
    }
    waitUntil(promise) { this.#ctx.waitUntil(promise); }
  }

  function invokeTail(events, ctx) {
    switch (handlerMode()) {
      case "object": {
        const handlers = currentHandlers();
        if (typeof handlers.tail !== "function") throw new Error("Handler does not export a tail() function.");
        return handlers.tail(events, $.env, ctx);
      }
      case "class": {
        const instance = new (currentHandlers())(ctx, $.env);
        if (typeof instance.tail !== "function") throw new Error("Handler does not export a tail() function.");
        return instance.tail(events);
      }
      case "service-worker":
        globalTarget.dispatchEvent(new TailEvent(kMake, events, ctx));
        return undefined;
      default:
        throw new Error("Handler does not export a tail() function.");
    }
  }

  // Runs tail(events, env, ctx) for the items in `json`; the call itself is not traced.
  const dispatchTail = function dispatchTail(json) {
    const events = JSON.parse(json).map((raw) => new TraceItem(raw));
    const ctx = new ExecutionContext();
    Promise.resolve()
      .then(() => invokeTail(events, ctx))
      .then(undefined, (err) => $.reportUncaught(err));
  };

  return { setTailConsumers, currentTrace, traceInvocation, dispatchTail };
})
