// web/timers.js: setTimeout/setInterval/clear* and queueMicrotask. Callbacks stay in JS; the event
// loop in Java only knows numeric ids and calls $.fireTimer(id) when one is due.
(function (ops, $) {
  "use strict";
  const callbacks = new Map(); // id -> { fn, args, interval }
  let nextId = 1;

  function schedule(fn, delay, args, repeat) {
    if (typeof fn !== "function") {
      throw new TypeError("The \"callback\" argument must be of type function.");
    }
    let ms = Number(delay);
    if (!(ms >= 0) || !Number.isFinite(ms)) ms = 0;
    const id = nextId++;
    // The async context of the caller, so AsyncLocalStorage stores reach the callback.
    const snapshot = new $.AsyncContext.Snapshot();
    callbacks.set(id, { fn, args, interval: repeat ? ms : -1, snapshot });
    ops.timers.set(id, ms, repeat ? ms : -1);
    return id;
  }

  $.fireTimer = function fireTimer(id) {
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

  $.expose("setTimeout", function setTimeout(fn, delay, ...args) { return schedule(fn, delay, args, false); });
  $.expose("setInterval", function setInterval(fn, delay, ...args) { return schedule(fn, delay, args, true); });
  $.expose("clearTimeout", function clearTimeout(id) { clear(id); });
  $.expose("clearInterval", function clearInterval(id) { clear(id); });
  $.expose("queueMicrotask", function queueMicrotask(fn) {
    if (typeof fn !== "function") throw new TypeError("The \"callback\" argument must be of type function.");
    Promise.resolve().then(() => {
      try { fn(); } catch (err) { $.reportUncaught(err); }
    });
  });

  // Uncaught errors from callbacks are logged as workerd logs them; they do not kill the worker.
  $.reportUncaught = function reportUncaught(err) {
    const [name, message, stack] = $.errorParts(err);
    ops.console.write("error", "Uncaught " + (stack || name + ": " + message));
  };

  const timeOrigin = ops.timers.now();
  const performance = {
    now() { return ops.timers.now() - timeOrigin; },
    get timeOrigin() { return timeOrigin; },
  };
  $.expose("performance", performance);
})
