// services/service-binding.js: env.NAME for a service binding, a Fetcher for another worker of this
// simulator: fetch() goes to that worker's handler; any other method name is an RPC call. Also
// env.NAME for a dispatch namespace, whose get() gives such Fetchers for its user Workers.
// imports: runtime/internal, web/fetch/fetch, services/rpc
(function (hostOps, $, imports) {
  "use strict";
  const { fetchVia, rpcEncode, rpcEncodeCall, rpcError, idl } = imports;

  class Fetcher {}
  const opsOf = new WeakMap();

  Object.defineProperties(Fetcher.prototype, {
    fetch: {
      value: function fetch(input, init = undefined) {
        const ops = opsOf.get(this);
        if (ops === undefined) throw new TypeError("Illegal invocation");
        return fetchVia(ops.http, input, init);
      },
      writable: true, configurable: true, enumerable: false,
    },
    [Symbol.toStringTag]: { value: "Fetcher", configurable: true },
  });

  function rpc(ops, method, args) {
    return rpcEncodeCall(args).then((wire) => new Promise((resolve, reject) => {
      ops.call(method, wire,
        (resultWire) => resolve($.rpcDecode(resultWire)),
        (name, message, stack) => reject(rpcError(name, message, stack)));
    }));
  }

  function makeFetcher(ops) {
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
  }

  // env.NAME for a dispatch namespace (Workers for Platforms): get() gives a Fetcher for one of its
  // user Workers. The script is looked up when the Fetcher is called: an unknown one rejects then
  // with "Worker not found." (as workerd does; get() itself never throws for it).
  class DispatchNamespace {
    get(name, args = undefined, options = undefined) {
      const ns = namespaces.get(this);
      if (ns === undefined) throw new TypeError("Illegal invocation");
      const limits = options !== undefined && options !== null && options.limits !== undefined && options.limits !== null ? options.limits : {};
      const call = ns.ops.get(String(name), limit(limits.cpuMs), limit(limits.subRequests));
      if (!ns.config.outbound) {
        call.params(null);
      } else {
        // Only the declared parameters reach the outbound Worker's env; they cross as RPC wire text.
        const given = options !== undefined && options !== null && options.outbound != null ? options.outbound : {};
        const params = {};
        for (const p of ns.config.parameters) if (Object.prototype.hasOwnProperty.call(given, p)) params[p] = given[p];
        rpcEncode(params).then((wire) => call.params(wire),
          (err) => call.paramsFailed(String(err && err.name || "Error"), String(err && err.message || err)));
      }
      return makeFetcher(call.ops);
    }
  }
  function limit(value) {
    if (value === undefined || value === null) return -1;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new TypeError("limits must be non-negative numbers");
    return n;
  }
  const namespaces = new WeakMap();
  idl(DispatchNamespace, "DispatchNamespace");

  function makeDispatchNamespace(ops, config) {
    const ns = new DispatchNamespace();
    namespaces.set(ns, { ops, config });
    return ns;
  }

  return { service: makeFetcher, dispatch_namespace: makeDispatchNamespace };
})
