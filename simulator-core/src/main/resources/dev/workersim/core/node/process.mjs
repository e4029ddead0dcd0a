// node:process (nodejs_compat): the `process` object, also the global `process` (and `global`).
// process.env holds the worker's vars and secrets as strings under nodejs_compat_populate_process_env
// (on from 2025-04-01), as workerd fills it; otherwise it starts empty.
import { EventEmitter } from "node:events";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:process was loaded outside the workersim runtime");
const { invalidArgType } = node;

const VERSION = "22.14.0"; // the Node.js version workerd reports
const startedAt = performance.now();

function nextTick(callback, ...args) {
  if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
  queueMicrotask(() => callback(...args));
}

function hrtime(previous) {
  const now = performance.now();
  let sec = Math.floor(now / 1000);
  let nsec = Math.round((now - sec * 1000) * 1e6);
  if (previous !== undefined) {
    sec -= previous[0];
    nsec -= previous[1];
    if (nsec < 0) { sec--; nsec += 1e9; }
  }
  return [sec, nsec];
}
hrtime.bigint = () => BigInt(Math.round(performance.now() * 1e6));

const proc = new EventEmitter();
Object.assign(proc, {
  env: node.env(),
  nextTick,
  platform: "linux",
  version: "v" + VERSION,
  versions: { node: VERSION },
  arch: "",
  title: "",
  argv: [],
  argv0: "",
  execArgv: [],
  execPath: "",
  pid: 0,
  ppid: 0,
  exitCode: undefined,
  features: { inspector: false, debug: false, uv: false, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, cached_builtins: true },
  cwd() { return "/"; },
  chdir() { throw new Error("process.chdir() is not supported"); },
  umask() { return 0o22; },
  hrtime,
  uptime() { return (performance.now() - startedAt) / 1000; },
  memoryUsage() { return { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }; },
  cpuUsage() { return { user: 0, system: 0 }; },
  emitWarning(warning, type) {
    const name = typeof type === "string" ? type : type?.type ?? warning?.name ?? "Warning";
    console.warn(`${name}: ${warning?.message ?? warning}`);
  },
  exit(code) { throw new Error(`process.exit(${code ?? ""}) is not supported`); },
  abort() { throw new Error("process.abort() is not supported"); },
  getBuiltinModule() { return undefined; },
});
Object.defineProperty(proc, Symbol.toStringTag, { value: "process", configurable: true });

// The globals exist from nodejs_compat_v2 on (2024-09-23), as in workerd.
if (node.compat.nodejs_compat_v2) {
  node.expose("process", proc);
  node.expose("global", globalThis);
}

export default proc;
export const { env, platform, version, versions, arch, title, argv, argv0, execArgv, execPath, pid, ppid, features,
  cwd, chdir, umask, uptime, memoryUsage, cpuUsage, emitWarning, exit, abort, getBuiltinModule } = proc;
export { nextTick, hrtime };
