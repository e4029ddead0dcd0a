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

  Object.assign($, { WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget });

  // Hand-off to modules/cloudflare-workers.mjs: it reads this once while the runtime primes it,
  // before any user code runs, and then $.sealBuiltins() removes it.
  $.sealBuiltins = function sealBuiltins() {
    delete globalThis.__workersimBuiltins;
  };
  $.openBuiltins = function openBuiltins() {
    Object.defineProperty(globalThis, "__workersimBuiltins", {
      value: Object.freeze({ WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget, env: $.env, node: $.node }),
      configurable: true, enumerable: false, writable: false,
    });
  };
})
