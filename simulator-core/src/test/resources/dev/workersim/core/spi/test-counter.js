// A test binding's JS half: a class over async Java ops.
(function (ops, $) {
  "use strict";
  class Counter {
    #ops;
    constructor(ops, config) { this.#ops = ops; this.persisted = config.persisted; }
    increment(by = 1) {
      return new Promise((resolve, reject) => this.#ops.increment(by, resolve, (message) => reject(new RangeError(message))));
    }
    get clock() { return this.#ops.now(); }
  }
  return { "test-counter": (ops, config) => new Counter(ops, config) };
})
