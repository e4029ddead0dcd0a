// runtime/entrypoints.js: the base classes `cloudflare:workers` exports. Service bindings, RPC and
// Durable Objects build on these; here they carry `ctx` and `env` as workerd's do.
(function (ops, $) {
  "use strict";

  class WorkerEntrypoint {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  class DurableObject {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  class WorkflowEntrypoint {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  class RpcTarget {}


  // Hand-off to runtime/cloudflare-workers.mjs (and the other builtin modules): it reads this once while the runtime primes it,
  // before any user code runs, and then sealBuiltins() removes it.
  const sealBuiltins = function sealBuiltins() {
    delete globalThis.__workersimBuiltins;
  };
  // `sockets`: what web/sockets/sockets.js returns, for web/sockets/cloudflare-sockets.mjs.
  const openBuiltins = function openBuiltins(env, node, sockets) {
    Object.defineProperty(globalThis, "__workersimBuiltins", {
      value: Object.freeze({ WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget, env, node, sockets }),
      configurable: true, enumerable: false, writable: false,
    });
  };

  return { WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget, sealBuiltins, openBuiltins };
})
