// web/timers/timers.js: setTimeout/setInterval/clear* and queueMicrotask. Callbacks stay in JS; the event
// loop in Java only knows numeric ids and calls fireTimer(id) when one is due.
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { AsyncContext, expose, idl, requireRequestContext, errorParts, currentInvocation } = imports;
  const callbacks = new Map(); // id -> { fn, args, interval }
  let nextId = 1;

  function schedule(fn, delay, args, repeat) {
    if (typeof fn !== "function") {
      // workerd takes no code strings (recorded from wrangler dev 4.168)
      throw new TypeError(`Failed to execute '${repeat ? "setInterval" : "setTimeout"}' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'.`);
    }
    let ms = Number(delay);
    if (!(ms >= 0) || !Number.isFinite(ms)) ms = 0;
    const id = nextId++;
    // The async context of the caller, so AsyncLocalStorage stores reach the callback.
    const snapshot = new AsyncContext.Snapshot();
    callbacks.set(id, { fn, args, interval: repeat ? ms : -1, snapshot });
    // A dispatched invocation's timers spend its CPU budget (runtime/Invocation, web/fetch/fetch.js).
    ops.timers.set(id, ms, repeat ? ms : -1, currentInvocation() ?? null);
    return id;
  }

  const fireTimer = function fireTimer(id) {
    const t = callbacks.get(id);
    if (t === undefined) return;
    if (t.interval < 0) callbacks.delete(id); // intervals are re-armed by the loop until cleared
    try {
      t.snapshot.run(() => t.fn.apply(globalThis, t.args));
    } catch (err) {
      $.reportUncaught(err);
    }
  };

  function clear(id) {
    const n = Number(id);
    if (callbacks.delete(n)) ops.timers.clear(n);
  }

  expose("setTimeout", function setTimeout(fn, delay, ...args) {
    requireRequestContext();
    return schedule(fn, delay, args, false);
  });
  expose("setInterval", function setInterval(fn, delay, ...args) {
    requireRequestContext();
    return schedule(fn, delay, args, true);
  });
  expose("clearTimeout", function clearTimeout(id) { clear(id); });
  expose("clearInterval", function clearInterval(id) { clear(id); });
  expose("queueMicrotask", function queueMicrotask(fn) {
    if (typeof fn !== "function") throw new TypeError("The \"callback\" argument must be of type function.");
    Promise.resolve().then(() => {
      try { fn(); } catch (err) { $.reportUncaught(err); }
    });
  });

  // Uncaught errors from callbacks are logged as workerd logs them; they do not kill the worker.
  $.reportUncaught = function reportUncaught(err) {
    const [name, message, stack] = errorParts(err);
    ops.console.write("error", "Uncaught " + (stack || name + ": " + message));
  };

  // Time is the simulator's clock (real time plus whatever a test moved it by), for Date as for
  // performance. workerd's performance has only timeOrigin (0) and now(), which is Date.now() in
  // whole milliseconds; its class is not a global and the instance is an own, enumerable,
  // writable property of the global scope (recorded from wrangler dev 4.168 at 2024 and 2025 dates).
  const nowMs = () => ops.timers.now();
  class Performance {
    get timeOrigin() { return 0; }
    now() { return Math.floor(nowMs()); }
  }
  for (const name of ["timeOrigin", "now"]) {
    Object.defineProperty(Performance.prototype, name, { ...Object.getOwnPropertyDescriptor(Performance.prototype, name), enumerable: true });
  }
  idl(Performance, "Performance");
  const performance = Object.create(Performance.prototype);
  Object.defineProperty(globalThis, "performance", { value: performance, writable: true, enumerable: true, configurable: true });

  // Date with the simulator's now: the same prototype (instanceof and subclasses work), only the
  // sources of "now" replaced.
  const RealDate = Date;
  function SimDate(...args) {
    if (new.target === undefined) return new RealDate(nowMs()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [nowMs()] : args, new.target);
  }
  Object.defineProperties(SimDate, {
    prototype: { value: RealDate.prototype, writable: false, enumerable: false, configurable: false },
    length: { value: 7 },
    name: { value: "Date" },
    now: { value: function now() { return nowMs(); }, writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
  });
  Object.defineProperty(RealDate.prototype, "constructor", { value: SimDate, writable: true, configurable: true });
  expose("Date", SimDate);

  return { fireTimer };
})
