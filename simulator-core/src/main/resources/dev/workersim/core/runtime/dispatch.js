// runtime/dispatch.js: finds the worker's handlers (module default export, WorkerEntrypoint class,
// or service-worker listeners), builds `ctx`, and runs one fetch invocation per host request.
// imports: runtime/internal, web/events/events, web/fetch/request, web/fetch/response, web/fetch/fetch
// imports: runtime/entrypoints
(function (ops, $, imports) {
  "use strict";
  const {
    EventTarget, expose, WorkerEntrypoint, idl, Event, DOMException, errorParts,
    runInvocation, incomingRequest, Response, showTargetAs
  } = imports;
  let mode = "none";     // "object" | "class" | "service-worker" | "none"
  let handlers = null;   // the default export (object or class)
  let moduleExports = null; // every export: named entrypoints for service bindings
  const globalTarget = new EventTarget();
  showTargetAs(globalTarget, globalThis);

  // Environment: plain values (vars) as one JSON object, then each binding from its factory (the
  // export of its kind's script that the host has checked, see spi/BindingKind).
  $.setEnv = function setEnv(json) {
    $.env = JSON.parse(json);
  };
  const addBinding = function addBinding(name, factory, ops, configJson, isGlobal) {
    const value = factory(ops, JSON.parse(configJson), name);
    if (value === notInEnv) return; // a binding that only equips the runtime (Durable Object hosting)
    if (isGlobal) expose(name, value); else $.env[name] = value;
  };
  const finishEnv = function finishEnv(serviceWorker) {
    if (serviceWorker) {
      // Service-worker syntax sees each binding as a global.
      for (const [k, v] of Object.entries($.env)) expose(k, v);
    }
  };

  // The global scope is an EventTarget: `addEventListener("fetch", ...)` in service-worker syntax.
  expose("addEventListener", function addEventListener(type, listener, options) {
    globalTarget.addEventListener(type, listener, options);
  });
  expose("removeEventListener", function removeEventListener(type, listener, options) {
    globalTarget.removeEventListener(type, listener, options);
  });
  expose("dispatchEvent", function dispatchEvent(event) { return globalTarget.dispatchEvent(event); });
  expose("self", globalThis);
  if ($.compat.global_navigator) expose("navigator", Object.freeze(Object.create(null, {
    userAgent: { value: "Cloudflare-Workers", enumerable: true },
    hardwareConcurrency: { value: 1, enumerable: true },
    language: { value: "en", enumerable: true },
  })));

  const setWorker = function setWorker(exports, isModule) {
    $.inGlobalScope = false; // top-level code is done: handlers may do I/O
    if (!isModule) { mode = "service-worker"; return; }
    moduleExports = exports;
    const def = exports.default;
    if (typeof def === "function" && def.prototype instanceof WorkerEntrypoint) {
      mode = "class"; handlers = def;
    } else if (def !== null && typeof def === "object") {
      mode = "object"; handlers = def;
    } else {
      mode = "none";
    }
  };

  class ExecutionContext {
    #waitUntil = [];
    #passThrough = false;
    waitUntil(promise) {
      if (arguments.length === 0) throw new TypeError("Failed to execute 'waitUntil' on 'ExecutionContext': parameter 1 is not of type 'Promise'.");
      const p = Promise.resolve(promise);
      // Like Promise.allSettled: one rejection is logged and does not affect the others.
      p.catch((err) => $.reportUncaught(err));
      this.#waitUntil.push(p);
      $.traceWaitUntil(p); // tail/tail.js
    }
    passThroughOnException() { this.#passThrough = true; }
    get props() { return {}; }
    static _passThrough(ctx) { return ctx.#passThrough; }
    static _waitUntil(ctx) { return ctx.#waitUntil; }
  }
  const passThrough = ExecutionContext._passThrough;
  delete ExecutionContext._passThrough;
  // For settleWaitUntil below: a run's outcome can depend on its waitUntil promises.
  const waitUntilPromises = ExecutionContext._waitUntil;
  delete ExecutionContext._waitUntil;

  // Waits for every waitUntil promise, including ones added while waiting; calls back with the
  // first rejection in time, or null. (A fetch run with a CPU budget, a scheduled run, a queue batch.)
  function settleWaitUntil(ctx, callback) {
    const list = waitUntilPromises(ctx);
    let first = null;
    let seen = 0;
    const step = () => {
      const batch = list.slice(seen).map((p) => p.then(undefined, (err) => { if (first === null) first = { err }; }));
      seen = list.length;
      if (batch.length === 0) callback(first);
      else Promise.all(batch).then(step);
    };
    step();
  }

  const handlerMode = () => mode;
  const notInEnv = Symbol("not in env");
  // A named export of the module (a Durable Object class), or undefined.
  const moduleExport = (name) => (moduleExports === null ? undefined : moduleExports[name]);
  const currentHandlers = () => handlers;
  // [mode, handlers] of an entrypoint: the default export for null/"default", else that named export.
  const entrypointHandlers = function entrypointHandlers(name) {
    if (name === null || name === undefined || name === "default") return [mode, handlers];
    const value = moduleExports === null ? undefined : moduleExports[name];
    if (typeof value === "function" && value.prototype instanceof WorkerEntrypoint) return ["class", value];
    if (value !== null && typeof value === "object") return ["object", value];
    throw new Error(`Worker has no entrypoint named "${name}" (a named export that is a WorkerEntrypoint class or an object of handlers).`);
  };
  idl(ExecutionContext, "ExecutionContext");
  expose("ExecutionContext", ExecutionContext);

  class FetchEvent extends Event {
    #request; #ctx; #response = undefined; #responded = false;
    constructor(type, init) {
      super(type);
      this.#request = init.request;
      this.#ctx = init[kCtx];
    }
    get request() { return this.#request; }
    respondWith(response) {
      if (this.#responded) throw new DOMException("FetchEvent.respondWith() has already been called; it can only be called once.", "InvalidStateError");
      this.#responded = true;
      this.#response = response;
      this.stopImmediatePropagation();
    }
    waitUntil(promise) { this.#ctx.waitUntil(promise); }
    passThroughOnException() { this.#ctx.passThroughOnException(); }
    static _result(ev) { return [ev.#responded, ev.#response]; }
  }
  const kCtx = Symbol("ctx");
  const fetchEventResult = FetchEvent._result;
  delete FetchEvent._result;
  idl(FetchEvent, "FetchEvent");
  expose("FetchEvent", FetchEvent);

  function fail(handle, err, ctx) {
    $.traceFetchFailed(); // tail/tail.js
    const [name, message, stack] = errorParts(err);
    ops.console.write("error", "Uncaught " + (stack || name + ": " + message));
    if (passThrough(ctx)) {
      ops.console.write("warn", "passThroughOnException() was called, but there is no origin behind `sim dev`; answering 500.");
    }
    handle.fail(name, message, stack);
  }

  // The env of one invocation: the worker's, plus what its caller adds (an outbound Worker's parameters).
  const invocationEnv = function invocationEnv(ops) {
    if (ops === null || ops === undefined || ops.env === null) return $.env;
    return Object.assign({}, $.env, $.rpcDecode(ops.env));
  };

  function invoke(request, ctx, entrypoint, env) {
    const [mode, handlers] = entrypointHandlers(entrypoint);
    switch (mode) {
      case "object":
        if (typeof handlers.fetch !== "function") throw new Error("Handler does not export a fetch() function.");
        return handlers.fetch(request, env, ctx);
      case "class": {
        const instance = new handlers(ctx, env);
        if (typeof instance.fetch !== "function") throw new Error("Handler does not export a fetch() function.");
        return instance.fetch(request);
      }
      case "service-worker": {
        const ev = new FetchEvent("fetch", { request, [kCtx]: ctx });
        globalTarget.dispatchEvent(ev);
        const [responded, response] = fetchEventResult(ev);
        if (!responded) throw new Error("No event handler called respondWith() for this fetch event.");
        return response;
      }
      default:
        throw new Error("The worker has no default export with a fetch() handler, and registered no \"fetch\" event listener.");
    }
  }

  // `incoming`: the Java IncomingRequest; `invocation`: null, or the Java Invocation.Ops of a
  // dispatched call (its fetch route and env additions).
  $.dispatchFetch = function dispatchFetch(handle, incoming, entrypoint = null, invocation = null) {
    if (invocation !== null) {
      // Its CPU budget stays open until it has answered and its waitUntil promises have settled.
      const ended = (ctx) => settleWaitUntil(ctx, () => invocation.ended());
      return runInvocation(invocation, () => runFetch(handle, incoming, entrypoint, invocationEnv(invocation), ended));
    }
    return runFetch(handle, incoming, entrypoint, $.env, null);
  };

  // `ended(ctx)`, if given, is called once the handler has answered (or failed).
  function runFetch(handle, incoming, entrypoint, env, ended) {
    const ctx = new ExecutionContext();
    const answered = () => { if (ended !== null) ended(ctx); };
    let result, request;
    try {
      request = incomingRequest(handle, incoming);
      result = invoke(request, ctx, entrypoint, env);
    } catch (err) {
      fail(handle, err, ctx);
      answered();
      return;
    }
    if (result instanceof Response) { // the common synchronous case skips a promise turn
      $.sendResponse(handle, result, request);
      answered();
      return;
    }
    Promise.resolve(result).then(
      (response) => $.sendResponse(handle, response, request),
      (err) => fail(handle, err, ctx)).finally(answered);
  }

  return {
    addBinding, finishEnv, setWorker, ExecutionContext, handlerMode, notInEnv,
    settleWaitUntil, moduleExport, currentHandlers, entrypointHandlers, globalTarget, invocationEnv
  };
})
