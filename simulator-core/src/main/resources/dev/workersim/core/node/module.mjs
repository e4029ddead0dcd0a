// node:module (nodejs_compat): createRequire() for the node: builtins (a CommonJS package's
// require("events") inside an ES module), isBuiltin and builtinModules, and workerd's "not
// implemented" errors for the loader internals a worker cannot use.
import path from "node:path";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:module was loaded outside the workersim runtime");
const { nodeError } = node;
// Filled while the runtime primes the builtin modules: each served specifier with its namespace.
const served = node.internals.builtins;

const notImplemented = (name) => function () {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The module.${name} method is not implemented`);
};

// Every name Node has, as workerd lists it (whether or not this date serves it).
export const builtinModules = ["_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing",
  "_http_server", "_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
  "_stream_writable", "_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks", "buffer", "child_process",
  "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain", "events",
  "fs", "fs/promises", "http", "http2", "https", "inspector", "inspector/promises", "module", "net", "os", "path",
  "path/posix", "path/win32", "perf_hooks", "process", "punycode", "querystring", "readline", "readline/promises",
  "repl", "stream", "stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers",
  "timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads",
  "zlib"];

export function isBuiltin(name) {
  const s = String(name);
  return s.startsWith("node:") || builtinModules.includes(s);
}

function invalidPath(value) {
  return nodeError(TypeError, "ERR_INVALID_ARG_VALUE", "The argument 'path' The argument must be a file URL object, "
    + `a file URL string, or an absolute path string.. Received '${String(value)}'`);
}

// The directory a require() resolves from, without the leading slash, as workerd names modules.
function baseDirectory(from) {
  let p;
  if (from instanceof URL) p = from.protocol === "file:" ? from.pathname : undefined;
  else if (typeof from === "string" && from.startsWith("file:")) p = new URL(from).pathname;
  else if (typeof from === "string" && from.startsWith("/")) p = from;
  if (p === undefined) throw invalidPath(from);
  return path.dirname(p);
}

export function createRequire(from) {
  const dir = baseDirectory(from);
  const require = function require(id) {
    const spec = String(id);
    const name = spec.startsWith("node:") ? spec : "node:" + spec;
    // A builtin is the same instance an import gets: its namespace, as workerd's require returns it.
    const ns = served.get(name);
    if (ns !== undefined) return ns;
    // The worker's own modules cannot be loaded synchronously here (see README "Known differences").
    const target = spec.startsWith("node:") ? spec : path.join(dir, spec).replace(/^\//, "");
    throw new Error(`No such module "${target}".`);
  };
  require.resolve = function resolve(id) {
    const spec = String(id);
    return isBuiltin(spec) ? spec : path.join(dir, spec);
  };
  require.cache = Object.create(null);
  return require;
}

export const _cache = Object.create(null);
export const _pathCache = Object.create(null);
export const _extensions = { ".js": notImplemented("_extensions..js"), ".json": notImplemented("_extensions..json"),
  ".node": notImplemented("_extensions..node") };
Object.defineProperty(_extensions[".js"], "name", { value: ".js" });
Object.defineProperty(_extensions[".json"], "name", { value: ".json" });
Object.defineProperty(_extensions[".node"], "name", { value: ".node" });
export const globalPaths = [];
export const constants = { compileCacheStatus: { FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 } };
export function enableCompileCache() {}
export function flushCompileCache() {}
export function getCompileCacheDir() {}
export function getSourceMapsSupport() { return { enabled: false, nodeModules: false, generatedCode: false }; }

export const _debug = notImplemented("_debug");
export const _findPath = notImplemented("_findPath");
export const _initPaths = notImplemented("_initPaths");
export const _load = notImplemented("_load");
export const _nodeModulePaths = notImplemented("_nodeModulePaths");
export const _preloadModules = notImplemented("_preloadModules");
export const _resolveFilename = notImplemented("_resolveFilename");
export const _resolveLookupPaths = notImplemented("_resolveLookupPaths");
export const findPackageJSON = notImplemented("findPackageJSON");
export const findSourceMap = notImplemented("findSourceMap");
export const register = notImplemented("register");
export const registerHooks = notImplemented("registerHooks");
export const runMain = notImplemented("runMain");
export const setSourceMapsSupport = notImplemented("setSourceMapsSupport");
export const stripTypeScriptTypes = notImplemented("stripTypeScriptTypes");
export const syncBuiltinESMExports = notImplemented("syncBuiltinESMExports");
export const wrap = notImplemented("wrap");

// Module and SourceMap are classes in Node; workerd's throw when called or constructed.
export function Module() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The module.Module method is not implemented");
}
export function SourceMap() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The module.SourceMap method is not implemented");
}
Object.assign(Module, { builtinModules, isBuiltin, createRequire, _cache, _pathCache, _extensions, globalPaths,
  constants, enableCompileCache, flushCompileCache, getCompileCacheDir, getSourceMapsSupport, _debug, _findPath,
  _initPaths, _load, _nodeModulePaths, _preloadModules, _resolveFilename, _resolveLookupPaths, findPackageJSON,
  findSourceMap, register, registerHooks, runMain, setSourceMapsSupport, stripTypeScriptTypes,
  syncBuiltinESMExports, wrap, Module, SourceMap });
export default Module;
