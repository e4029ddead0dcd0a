// web/events/promise-rejection.js: PromiseRejectionEvent and the global scope's unhandledrejection and
// rejectionhandled events. GraalJS's rejection tracker (option js.unhandled-rejections=handler) names
// the promises still unhandled after a microtask checkpoint, as workerd does from
// unhandled_rejection_after_microtask_checkpoint (2026-03-03) on; a handler attached later fires
// rejectionhandled, synchronously inside the then()/catch() that attaches it (recorded from wrangler dev).
// imports: runtime/internal, web/events/events, runtime/dispatch
(function (ops, $, imports) {
  "use strict";
  const { idl, expose, Event, globalTarget, setUnhandledRejectionHandler, trustedEvent } = imports;
  const kConstruct = Symbol("PromiseRejectionEvent");

  // Only the runtime makes these: workerd's constructor throws "Illegal constructor" (recorded).
  class PromiseRejectionEvent extends Event {
    #promise; #reason;
    constructor(token, type, promise, reason) {
      if (token !== kConstruct) throw new TypeError("Illegal constructor");
      super(type);
      this.#promise = promise;
      this.#reason = reason;
    }
    get promise() { return this.#promise; }
    get reason() { return this.#reason; }
  }
  idl(PromiseRejectionEvent, "PromiseRejectionEvent");
  expose("PromiseRejectionEvent", PromiseRejectionEvent);

  // Promises already reported as unhandled: a handler attached to one of them later is news.
  const reported = new WeakSet();
  let anyReported = false;

  setUnhandledRejectionHandler((reason, promise) => {
    reported.add(promise);
    anyReported = true;
    globalTarget.dispatchEvent(trustedEvent(new PromiseRejectionEvent(kConstruct, "unhandledrejection", promise, reason)));
  });

  // GraalJS tells nothing once it has reported a promise, so the one way a handler arrives that the
  // runtime can see is then() (catch() and finally() call it). `await` of a reported promise attaches
  // its reaction inside the engine and fires no rejectionhandled here (a known difference).
  const then = Promise.prototype.then;
  const patched = {
    then(onFulfilled, onRejected) {
      if (anyReported && reported.has(this)) {
        reported.delete(this);
        // workerd's rejectionhandled carries no reason (recorded: undefined).
        globalTarget.dispatchEvent(trustedEvent(new PromiseRejectionEvent(kConstruct, "rejectionhandled", this, undefined)));
      }
      return then.call(this, onFulfilled, onRejected);
    },
  }.then;
  Object.defineProperty(Promise.prototype, "then", { value: patched, writable: true, enumerable: false, configurable: true });

  return { PromiseRejectionEvent };
})
