// web/timers/scheduler.js: the `scheduler` global; workerd has only scheduler.wait(ms, { signal }), an
// awaitable setTimeout that an AbortSignal can cancel.
// imports: runtime/internal, web/events/events
(function (ops, $, imports) {
  "use strict";
  const { AbortSignal, idl, expose } = imports;
  // Taken now, so a worker replacing the globals does not change how wait() is timed.
  const setTimer = globalThis.setTimeout;
  const clearTimer = globalThis.clearTimeout;

  class Scheduler {
    wait(delay = 0, options = undefined) {
      const signal = options?.signal;
      if (signal !== undefined && !(signal instanceof AbortSignal)) {
        return Promise.reject(new TypeError("Failed to execute 'wait' on 'Scheduler': signal is not of type 'AbortSignal'."));
      }
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const onAbort = () => { clearTimer(id); reject(signal.reason); };
        const id = setTimer(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, Number(delay) || 0);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    }
  }
  Object.defineProperty(Scheduler.prototype, "wait", { enumerable: true });
  idl(Scheduler);
  expose("scheduler", new Scheduler());
})
