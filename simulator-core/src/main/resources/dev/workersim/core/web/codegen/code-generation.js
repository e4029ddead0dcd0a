// web/codegen/code-generation.js: workerd's rule on code made at run time. While the worker's top-level
// code runs, eval, new Function and compiling WebAssembly from bytes work; once the runtime has its
// handlers, they throw as in production (messages recorded from wrangler dev 4.168). A worker that
// uses them in a handler must fail here as it would when deployed, not only after deploying.
//
// GraalJS has no hook for "code generation from strings" (V8's embedder callback), so the entry
// points are replaced by gates that ask `$.inGlobalScope`: the constructors of the four function
// kinds (reachable only through `.constructor` and the global `Function`) and WebAssembly's
// compiling functions, from the start, so a reference kept by top-level code is gated too; the
// global eval only when startup ends (closeCodeGeneration), so that until then a direct eval keeps
// its local scope (a replaced eval is an indirect one).
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { expose, toByteSource } = imports;
  const EVAL_REFUSED = "Code generation from strings disallowed for this context";
  const WASM_REFUSED = "Wasm code generation disallowed by embedder";

  for (const sample of [function () {}, async function () {}, function* () {}, async function* () {}]) {
    gateConstructor(Object.getPrototypeOf(sample));
  }
  // GraalWasm's WebAssembly, when this isolate has it (without it, internal.js installs a stand-in).
  if (typeof WebAssembly === "object" && typeof WebAssembly.CompileError === "function") gateWasmBytes();

  const closeCodeGeneration = function closeCodeGeneration() {
    if ($.evalInHandlers) return; // Simulator.Builder#allowEvalInHandlers, for test harnesses
    const evalRefused = { eval(x) { throw new EvalError(EVAL_REFUSED); } }.eval;
    expose("eval", evalRefused);
  };

  // The constructor of one function kind (Function, AsyncFunction, ...), behind a gate. A Proxy
  // keeps what code may compare: name, length, prototype, `f instanceof Function`,
  // `Function.prototype.constructor === Function`, and a native-looking toString.
  function gateConstructor(kindPrototype) {
    const original = kindPrototype.constructor;
    const gate = () => { if (!$.inGlobalScope && !$.evalInHandlers) throw new EvalError(EVAL_REFUSED); };
    const gated = new Proxy(original, {
      apply(target, thisArg, args) { gate(); return Reflect.apply(target, thisArg, args); },
      construct(target, args, newTarget) { gate(); return Reflect.construct(target, args, newTarget); },
    });
    Object.defineProperty(kindPrototype, "constructor", { value: gated, writable: true, configurable: true });
    if (globalThis[original.name] === original) expose(original.name, gated);
  }

  // Compiling from bytes is refused; instantiating a Module (a CompiledWasm import) is not. The one
  // exception is our own: a `.wasm` import loaded at run time by a dynamic import() is compiled by
  // its generated module (ModuleRules); workerd compiled it before startup. Java knows those bytes.
  function gateWasmBytes() {
    const wasm = WebAssembly;
    const { Module, compile, instantiate, CompileError } = wasm;
    const mayCompile = (bytes) => {
      if ($.inGlobalScope) return true;
      const view = ArrayBuffer.isView(bytes) ? bytes : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : null;
      return view !== null && ops.codeGeneration.isProjectWasm(...toByteSource(view));
    };
    const GuardedModule = new Proxy(Module, {
      construct(target, args, newTarget) {
        if (!mayCompile(args[0])) throw new CompileError(`WebAssembly.Module(): ${WASM_REFUSED}`);
        return Reflect.construct(target, args, newTarget);
      },
    });
    Object.defineProperty(Module.prototype, "constructor", { value: GuardedModule, writable: true, configurable: true });
    const methods = { // methods of an object literal, so they are named as WebAssembly's own
      compile(bytes) {
        if (!mayCompile(bytes)) return Promise.reject(new CompileError(`WebAssembly.compile(): ${WASM_REFUSED}`));
        return compile.call(wasm, bytes);
      },
      instantiate(source, imports) {
        if (!(source instanceof Module) && !mayCompile(source)) {
          return Promise.reject(new CompileError(`WebAssembly.instantiate(): ${WASM_REFUSED}`));
        }
        return instantiate.call(wasm, source, imports);
      },
    };
    for (const [name, value] of Object.entries({ Module: GuardedModule, ...methods })) {
      Object.defineProperty(wasm, name, { value, writable: true, configurable: true, enumerable: false });
    }
  }

  return { closeCodeGeneration };
})
