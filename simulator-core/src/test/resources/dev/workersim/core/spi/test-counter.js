// A test binding's JS half: a class over async Java ops.
(function (ops, $) {
  "use strict";
  class Counter {
    #ops;
    constructor(ops, config) { this.#ops = ops; this.persisted = config.persisted; }
    increment(by = 1) {
      return new Promise((resolve, reject) => this.#ops.increment(by).then(resolve, (message) => reject(new RangeError(message))));
    }
    get clock() { return this.#ops.now(); }
    // How HostLoop.complete answered: the values resolve got, and whether before the op returned.
    probe(kind) {
      let answered = false;
      const p = new Promise((resolve, reject) => this.#ops.probe(kind).then(
        (...values) => { answered = true; resolve(values); }, (message) => { answered = true; reject(new Error(message)); }));
      const inSameCall = answered;
      return p.then((values) => ({ values, inSameCall }), (e) => ({ error: e.message, inSameCall }));
    }
  }
  return { "test-counter": (ops, config) => new Counter(ops, config) };
})
