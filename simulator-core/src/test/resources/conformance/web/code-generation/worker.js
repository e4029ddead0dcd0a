// Code generated from strings at run time: allowed in top-level code, refused in handlers
// (EvalError), as workerd does. WebAssembly from bytes is covered by WebAssemblyTest (it needs
// Java 21+ here).
function attempt(fn) {
  try {
    const value = fn();
    return { ok: true, value: typeof value === "function" ? "function" : value };
  } catch (e) {
    return { ok: false, name: e?.constructor?.name, message: e?.message, isEvalError: e instanceof EvalError };
  }
}
const keptFunction = Function;
const keptAsync = (async function () {}).constructor;
const atStartup = {
  directEval: attempt(() => { const local = 20; return eval("local + 1"); }),
  indirectEval: attempt(() => (0, eval)("1 + 1")),
  newFunction: attempt(() => new Function("a", "return a * 2")(4)),
  functionCall: attempt(() => Function("return 3")()),
};
const probes = {
  directEval: () => eval("1 + 1"),
  indirectEval: () => (0, eval)("1 + 1"),
  globalThisEval: () => globalThis.eval("2"),
  evalNonString: () => eval(5),
  newFunction: () => new Function("return 1")(),
  functionCall: () => Function("return 1")(),
  reflectConstruct: () => Reflect.construct(Function, ["return 1"])(),
  keptFunction: () => keptFunction("return 1")(),
  keptAsync: () => keptAsync("return 1"),
  asyncConstructor: () => (async function () {}).constructor("return 1"),
  generatorConstructor: () => (function* () {}).constructor("yield 1"),
  asyncGeneratorConstructor: () => (async function* () {}).constructor("yield 1"),
  setTimeoutString: () => setTimeout("globalThis.x = 1", 1),
  setIntervalString: () => setInterval("globalThis.x = 1", 1),
  shapes: () => ({
    typeofEval: typeof eval,
    evalName: eval.name,
    evalLength: eval.length,
    functionName: Function.name,
    functionLength: Function.length,
    constructorIsFunction: Function.prototype.constructor === Function,
    arrowIsFunction: (() => 1) instanceof Function,
    asyncIsFunction: (async () => 1) instanceof Function,
  }),
};
export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/startup") return Response.json(atStartup);
    const probe = probes[pathname.slice(1)];
    if (probe === undefined) return new Response("not found", { status: 404 });
    return Response.json(attempt(probe));
  },
};
