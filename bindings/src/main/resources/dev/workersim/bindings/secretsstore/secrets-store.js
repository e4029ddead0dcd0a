// bindings/secretsstore/secrets-store.js: a [[secrets_store_secrets]] binding. In wrangler dev it is
// a Fetcher (a service binding to the store's entrypoint) whose `get` is an RPC method: not an own
// property nor on Fetcher.prototype, yet `"get" in env.SECRET`. A Proxy over a Fetcher gives that
// shape. Texts recorded from wrangler dev.
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { idl } = imports;
  const hostOps = new WeakMap(); // Fetcher -> its Java ops

  class Fetcher {
    async fetch() {
      throw new Error("Handler does not export a fetch() function.");
    }

    connect() {
      throw new Error("Handler does not export a connect() function.");
    }
  }
  idl(Fetcher, "Fetcher");
  // workerd lists Fetcher.prototype as fetch, connect, constructor: move constructor last.
  const ctor = Object.getOwnPropertyDescriptor(Fetcher.prototype, "constructor");
  delete Fetcher.prototype.constructor;
  Object.defineProperty(Fetcher.prototype, "constructor", ctor);

  // The secret's value; arguments are ignored, as the entrypoint's get() takes none.
  function get() {
    const o = hostOps.get(this);
    if (o === undefined) return Promise.reject(new TypeError("Illegal invocation"));
    return new Promise((resolve, reject) => o.get().then(resolve, (m) => reject(new Error(m))));
  }

  const makeSecret = (o) => {
    const target = new Fetcher();
    const secret = new Proxy(target, {
      get: (t, key, receiver) => (key === "get" ? get : Reflect.get(t, key, receiver)),
      has: (t, key) => key === "get" || Reflect.has(t, key),
    });
    hostOps.set(secret, o);
    return secret;
  };

  return { secrets_store_secret: makeSecret };
})
