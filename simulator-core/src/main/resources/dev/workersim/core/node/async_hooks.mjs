// node:async_hooks (nodejs_compat or nodejs_als): AsyncLocalStorage and AsyncResource over GraalJS's
// AsyncContext (TC39 proposal, engine option js.async-context). The engine carries the context
// across await and promise reactions; the runtime's timers carry it to their callbacks.
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:async_hooks was loaded outside the workersim runtime");
const { Variable, Snapshot } = node.AsyncContext;
const { invalidArgType } = node;

function checkFunction(name, fn) {
  if (typeof fn !== "function") throw invalidArgType(name, "of type function", fn);
}

// Captures the current context; the returned function runs `fn` inside it.
function snapshotRunner() {
  const snapshot = new Snapshot();
  return (fn, ...args) => snapshot.run(() => fn(...args));
}

export class AsyncLocalStorage {
  #variable = new Variable({ name: "AsyncLocalStorage" });

  run(store, callback, ...args) {
    checkFunction("callback", callback);
    return this.#variable.run(store, () => callback(...args));
  }

  exit(callback, ...args) {
    checkFunction("callback", callback);
    return this.#variable.run(undefined, () => callback(...args));
  }

  getStore() {
    return this.#variable.get();
  }

  // workerd leaves these out on purpose (docs: AsyncLocalStorage caveats).
  enterWith() {
    throw new Error("AsyncLocalStorage.enterWith() is not implemented");
  }

  disable() {
    throw new Error("AsyncLocalStorage.disable() is not implemented");
  }

  static bind(fn) {
    checkFunction("fn", fn);
    const run = snapshotRunner();
    return function bound(...args) {
      return run(() => fn.apply(this, args));
    };
  }

  static snapshot() {
    const run = snapshotRunner();
    return function runInSnapshot(fn, ...args) {
      checkFunction("fn", fn);
      return run(fn, ...args);
    };
  }
}

export class AsyncResource {
  #run = snapshotRunner();

  // workerd ignores the options (no trigger ids): a resource belongs to the context it was made in.
  constructor(type) {
    if (typeof type !== "string") throw invalidArgType("type", "of type string", type);
    this.type = type;
  }

  runInAsyncScope(fn, thisArg, ...args) {
    checkFunction("fn", fn);
    return this.#run(() => fn.apply(thisArg, args));
  }

  bind(fn, thisArg) {
    checkFunction("fn", fn);
    const resource = this;
    const bound = function (...args) {
      return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args);
    };
    Object.defineProperty(bound, "length", { value: fn.length, configurable: true });
    return bound;
  }

  emitDestroy() { return this; }
  asyncId() { return 0; }
  triggerAsyncId() { return 0; }

  static bind(fn, type, thisArg) {
    return new AsyncResource(type || fn.name || "bound-anonymous-fn").bind(fn, thisArg);
  }
}

// The rest of async_hooks exists for imports only: workerd has no hooks to call.
export function createHook() {
  return { enable() { return this; }, disable() { return this; } };
}
export const executionAsyncId = () => 0;
export const triggerAsyncId = () => 0;
export const executionAsyncResource = () => ({});
export const asyncWrapProviders = Object.freeze({});

export default { AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource, asyncWrapProviders };
