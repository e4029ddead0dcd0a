// scheduled/scheduled.js: Cron Trigger invocations. ScheduledController (module syntax), ScheduledEvent
// (service-worker syntax), and $.dispatchScheduled, which runs the handler once and reports its
// outcome to the host: "exception" if the handler throws or rejects, "waitUntil" if a ctx.waitUntil
// promise rejects (the first one to do so; Cloudflare counts both as a failed run); otherwise "ok".
// imports: runtime/internal, web/events/events, runtime/dispatch
(function (ops, $, imports) {
  "use strict";
  const {
    idl, expose, Event, globalTarget, handlerMode, currentHandlers, ExecutionContext, errorParts, settleWaitUntil
  } = imports;
  const kCreate = Symbol("create");

  // As in workerd: `cron` and `scheduledTime` are read-only own properties, `noRetry` a method.
  // There is no `type` property (workerd declares none, whatever the docs say).
  class ScheduledController {
    #run;
    constructor(key, run) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#run = run;
      Object.defineProperty(this, "cron", { value: run.cron, enumerable: true });
      Object.defineProperty(this, "scheduledTime", { value: run.scheduledTime, enumerable: true });
    }
    noRetry() { this.#run.noRetry = true; }
  }
  idl(ScheduledController, "ScheduledController");
  expose("ScheduledController", ScheduledController);

  // The service-worker form: an event whose type is "scheduled" and which carries waitUntil.
  class ScheduledEvent extends Event {
    #run; #ctx;
    constructor(key, run, ctx) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      super("scheduled");
      this.#run = run;
      this.#ctx = ctx;
      Object.defineProperty(this, "scheduledTime", { value: run.scheduledTime, enumerable: true });
      Object.defineProperty(this, "cron", { value: run.cron, enumerable: true });
    }
    noRetry() { this.#run.noRetry = true; }
    waitUntil(promise) { this.#ctx.waitUntil(promise); }
  }
  expose("ScheduledEvent", ScheduledEvent);

  // The global target keeps its listeners private; count the ones of the events the runtime
  // dispatches itself ("scheduled", and "queue" for runtime/queue.js) as they are added, so a worker
  // without any fails the way workerd fails a module without the handler.
  const swListeners = new Map([["scheduled", new Set()], ["queue", new Set()]]);
  const addListener = globalThis.addEventListener;
  const removeListener = globalThis.removeEventListener;
  expose("addEventListener", function addEventListener(type, listener, options) {
    const set = swListeners.get(String(type));
    if (set !== undefined && listener != null) set.add(listener);
    return addListener(type, listener, options);
  });
  expose("removeEventListener", function removeEventListener(type, listener, options) {
    swListeners.get(String(type))?.delete(listener);
    return removeListener(type, listener, options);
  });

  function missingHandler() {
    ops.console.write("warn", "Received a ScheduledEvent but we lack a handler for ScheduledEvents (a.k.a. Cron Triggers). "
      + "Did you remember to export a scheduled() function?");
    return new Error("Handler does not export a scheduled() function");
  }

  // Dispatches a service-worker event; throws the first listener's throw. dispatchEvent reports a
  // listener's throw and carries on; catch the first one here (the dispatch is synchronous, so
  // nothing else reports in between).
  function dispatchListenerEvent(event) {
    let thrown = null;
    const report = $.reportUncaught;
    $.reportUncaught = (err) => { if (thrown === null) thrown = { err }; };
    try {
      globalTarget.dispatchEvent(event);
    } finally {
      $.reportUncaught = report;
    }
    if (thrown !== null) throw thrown.err;
    return undefined;
  }

  // Calls the worker's handler `name` ("scheduled", "queue"): on the default export object as
  // (arg, env, ctx), on a fresh WorkerEntrypoint instance as (arg), or as a service-worker event of
  // that type. Returns its result (maybe a promise) or throws what it threw; `missing()` makes the
  // error for a worker without one.
  const invokeHandler = function invokeHandler(name, makeArg, makeEvent, ctx, missing) {
    switch (handlerMode()) {
      case "object": {
        const handlers = currentHandlers();
        if (typeof handlers[name] !== "function") throw missing();
        return handlers[name](makeArg(), $.env, ctx);
      }
      case "class": {
        const instance = new (currentHandlers())(ctx, $.env);
        if (typeof instance[name] !== "function") throw missing();
        return instance[name](makeArg());
      }
      case "service-worker": {
        if (swListeners.get(name).size === 0) throw missing();
        return dispatchListenerEvent(makeEvent());
      }
      default:
        throw missing();
    }
  };

  function invoke(run, ctx) {
    return invokeHandler("scheduled", () => new ScheduledController(kCreate, run),
      () => new ScheduledEvent(kCreate, run, ctx), ctx, missingHandler);
  }


  // `done.complete(outcome, noRetry, errorName, errorMessage, errorStack)` is called once.
  $.dispatchScheduled = function dispatchScheduled(done, cron, scheduledTime) {
    const run = { cron: String(cron), scheduledTime: Number(scheduledTime), noRetry: false };
    const ctx = new ExecutionContext();
    const fail = (err) => {
      $.reportUncaught(err);
      const [name, message, stack] = errorParts(err);
      done.complete("exception", run.noRetry, name, message, stack);
    };
    let result;
    try {
      result = invoke(run, ctx);
    } catch (err) {
      fail(err);
      return;
    }
    Promise.resolve(result).then(
      () => settleWaitUntil(ctx, (first) => {
        // ExecutionContext.waitUntil has logged the rejection already.
        if (first === null) { done.complete("ok", run.noRetry, null, null, null); return; }
        const [name, message, stack] = errorParts(first.err);
        done.complete("waitUntil", run.noRetry, name, message, stack);
      }),
      fail);
  };

  return { invokeHandler };
})
