// runtime/internal.js: the private registry `$` shared by the runtime's JS files.
(function (ops, $) {
  "use strict";

  // GraalJS extras that are not part of the Workers global scope. `Java` is inert (host class
  // lookup is denied) but user code should not see it at all.
  // `Graal` is on only for its rejection tracker (option js.unhandled-rejections=handler): keep the
  // one function web/events/promise-rejection.js needs, drop the global.
  const setUnhandledRejectionHandler = globalThis.Graal.setUnhandledPromiseRejectionHandler;
  for (const name of ["Java", "arguments", "Graal"]) delete globalThis[name];

  // GraalJS's AsyncContext (option js.async-context) carries a context across await and promise
  // reactions; AsyncLocalStorage is built on it. Workers have no AsyncContext global, so keep it here.
  const AsyncContext = globalThis.AsyncContext;
  delete globalThis.AsyncContext;

  // The dispatched invocation running (a dispatch namespace's user Worker: its own fetch() route to
  // its outbound Worker, its subrequest limit, its CPU budget), as the Java Invocation.Ops it began
  // with; undefined for the isolate's own. It follows the invocation's awaits and timers, so
  // concurrent invocations of one isolate each keep theirs (web/fetch, web/timers read it).
  const invocation = new AsyncContext.Variable();
  const runInvocation = (ops, fn) => invocation.run(ops, fn);
  const currentInvocation = () => invocation.get();

  // Installs a global as Web IDL does: writable, configurable, not enumerable.
  const expose = function expose(name, value) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  };

  // Sets `Symbol.toStringTag` as IDL interfaces have it.
  const idl = function idl(cls, tag) {
    Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: tag || cls.name, configurable: true });
    return cls;
  };

  // The pieces of an error the host shows to the developer (name, message, stack).
  const errorParts = function errorParts(err) {
    if (err !== null && typeof err === "object") {
      let name = "Error", message = "", stack = "";
      try { name = String(err.name ?? "Error"); } catch { /* a getter may throw */ }
      try { message = String(err.message ?? ""); } catch { /* ditto */ }
      try { stack = typeof err.stack === "string" ? err.stack : ""; } catch { /* ditto */ }
      if (stack && !stack.startsWith(name)) stack = name + ": " + message + "\n" + stack;
      // Frames of built code (a bundle, transpiled TypeScript) point at the developer's sources.
      return [name, message, stack ? ops.stacks.map(userFrames(stack)) : stack];
    }
    return ["Error", "Uncaught " + String(err), ""];
  };

  // Frames of the runtime's own files say nothing to the developer; keep the worker's.
  // (The runtime's AsyncContext.run calls show as native frames, e.g. a dispatched invocation's
  // runInvocation above: they go too.)
  function userFrames(stack) {
    if (!stack.includes("workersim:") && !stack.includes("AsyncContext.")) return stack;
    return stack.split("\n").filter((line) => !/^\s+at (.*workersim:|AsyncContext\.\w+\.run \(native\))/.test(line)).join("\n");
  }

  // Request-context rule: while the worker's top-level code runs (until the runtime has its
  // handlers), I/O, timers and random values are refused with workerd's error (recorded).
  $.inGlobalScope = true;
  const DISALLOWED = "Disallowed operation called within global scope. Asynchronous I/O (ex: fetch() or connect()), " +
    "setting a timeout, and generating random values are not allowed within global scope. To fix this error, " +
    "perform this operation within a handler. https://developers.cloudflare.com/workers/runtime-apis/handlers/";
  const requireRequestContext = function requireRequestContext() {
    if ($.inGlobalScope) throw new Error(DISALLOWED);
  };
  // Makes each named prototype method throw synchronously at top level (even async ones, as workerd's do).
  const guardIo = function guardIo(cls, names) {
    for (const name of names) {
      const inner = cls.prototype[name];
      const guarded = { [name](...args) { requireRequestContext(); return inner.apply(this, args); } }[name];
      Object.defineProperty(guarded, "length", { value: inner.length });
      const desc = Object.getOwnPropertyDescriptor(cls.prototype, name);
      Object.defineProperty(cls.prototype, name, { ...desc, value: guarded });
    }
  };

  // On a JDK where GraalWasm cannot run, WebAssembly explains itself instead of being missing.
  const webAssemblyUnavailable = function webAssemblyUnavailable(javaFeature) {
    const message = `WebAssembly needs Java 21 or newer (GraalWasm); this simulator runs on Java ${javaFeature}. ` +
      "Start it with a newer JDK (./sim uses $JAVA_HOME first).";
    const fail = () => { throw new Error(message); };
    const reject = () => Promise.reject(new Error(message));
    class Module { constructor() { fail(); } }
    class Instance { constructor() { fail(); } }
    expose("WebAssembly", Object.freeze({ Module, Instance, compile: reject, instantiate: reject, validate: fail,
      [Symbol.toStringTag]: "WebAssembly" }));
  };

  // A Java ByteBuffer's bytes as a JS Uint8Array. One bulk `set` from the host-backed view: in the
  // interpreter that is ~35x faster than `.slice()` on it (measured 1.2 vs 43 ms per MiB).
  const fromHost = function fromHost(hostBuffer) {
    const view = new Uint8Array(hostBuffer);
    const out = new Uint8Array(view.length);
    out.set(view);
    return out;
  };

  // Everything the host must see of a guest value is a string or a number: never hand it objects.
  const toByteSource = function toByteSource(view) {
    return [view.buffer, view.byteOffset, view.byteLength];
  };

  // V8 (workerd's engine) words a JSON syntax error differently from GraalJS; users compare these
  // messages, so the common "unexpected token" case is reworded as V8 does. The bindings' json()
  // readers (KV, R2) parse with this; the global JSON.parse is left as GraalJS has it.
  const SPECIAL = new Set(["undefined", "NaN", "Infinity", "[object Object]"]);
  const parseJson = function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      const m = /^Unexpected token (.) in JSON at position (\d+)$/.exec(String(e?.message));
      if (!(e instanceof SyntaxError) || m === null) throw e;
      if (SPECIAL.has(text)) throw new SyntaxError(`"${text}" is not valid JSON`);
      const pos = Number(m[2]), ctx = 10;
      let shown;
      if (text.length < 2 * ctx + 1) shown = `"${text}"`;
      else if (pos < ctx) shown = `"${text.slice(0, pos + ctx)}"...`;
      else if (pos < text.length - ctx) shown = `..."${text.slice(pos - ctx, pos + ctx)}"...`;
      else shown = `..."${text.slice(pos - ctx)}"`;
      throw new SyntaxError(`Unexpected token '${m[1]}', ${shown} is not valid JSON`);
    }
  };

  return {
    AsyncContext, runInvocation, currentInvocation, expose, idl, errorParts, userFrames, requireRequestContext,
    guardIo, webAssemblyUnavailable, fromHost, toByteSource, parseJson, setUnhandledRejectionHandler
  };
})
