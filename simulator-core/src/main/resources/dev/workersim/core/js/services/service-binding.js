// services/service-binding.js: env.NAME for a service binding, a Fetcher for another worker of this
// simulator: fetch() goes to that worker's handler; any other method name is an RPC call.
(function (hostOps, $) {
  "use strict";

  class Fetcher {}
  const opsOf = new WeakMap();

  Object.defineProperties(Fetcher.prototype, {
    fetch: {
      value: function fetch(input, init = undefined) {
        const ops = opsOf.get(this);
        if (ops === undefined) throw new TypeError("Illegal invocation");
        return $.fetchVia(ops.http, input, init);
      },
      writable: true, configurable: true, enumerable: false,
    },
    [Symbol.toStringTag]: { value: "Fetcher", configurable: true },
  });

  function rpc(ops, method, args) {
    return $.rpcEncode(args).then((wire) => new Promise((resolve, reject) => {
      ops.call(method, wire,
        (resultWire) => resolve($.rpcDecode(resultWire)),
        (name, message, stack) => reject($.rpcError(name, message, stack)));
    }));
  }

  $.bindingTypes.service = function makeService(ops) {
    const target = new Fetcher();
    opsOf.set(target, ops);
    const methods = new Map();
    // A Proxy, because RPC methods are whatever the other worker defines.
    return new Proxy(target, {
      get(t, prop) {
        if (typeof prop === "symbol" || prop in t) {
          const v = Reflect.get(t, prop, t);
          return typeof v === "function" && prop !== "constructor" ? v.bind(t) : v;
        }
        if (prop === "then") return undefined; // not a thenable: `await env.SVC` gives the stub
        let m = methods.get(prop);
        if (m === undefined) {
          m = (...args) => rpc(ops, prop, args);
          methods.set(prop, m);
        }
        return m;
      },
    });
  };
})
