// web/console/console.js: console.* formatted in JS (like Node's util.inspect, trimmed) and written through ops.console.
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { expose } = imports;
  const write = (level, text) => ops.console.write(level, text);

  function inspect(value, depth, seen) {
    switch (typeof value) {
      case "string": return depth === 0 ? value : JSON.stringify(value);
      case "number": return Object.is(value, -0) ? "-0" : String(value);
      case "bigint": return value + "n";
      case "undefined": return "undefined";
      case "boolean": return String(value);
      case "symbol": return value.toString();
      case "function": return value.name ? `[Function: ${value.name}]` : "[Function (anonymous)]";
    }
    if (value === null) return "null";
    if (seen.includes(value)) return "[Circular]";
    if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
    if (value instanceof Date) return isNaN(value) ? "Invalid Date" : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (depth > 2) return Array.isArray(value) ? "[Array]" : "[Object]";
    seen = seen.concat([value]);
    const inner = (v) => inspect(v, depth + 1, seen);
    if (Array.isArray(value)) {
      const items = value.slice(0, 100).map(inner);
      if (value.length > 100) items.push(`... ${value.length - 100} more items`);
      return items.length ? `[ ${items.join(", ")} ]` : "[]";
    }
    if (value instanceof Map) {
      return `Map(${value.size}) { ${[...value].map(([k, v]) => `${inner(k)} => ${inner(v)}`).join(", ")} }`;
    }
    if (value instanceof Set) return `Set(${value.size}) { ${[...value].map(inner).join(", ")} }`;
    if (ArrayBuffer.isView(value)) {
      const name = value.constructor?.name ?? "TypedArray";
      return `${name}(${value.length}) [ ${Array.prototype.slice.call(value, 0, 50).join(", ")}${value.length > 50 ? ", ..." : ""} ]`;
    }
    if (typeof value.then === "function" && value instanceof Promise) return "Promise { <pending> }";
    const tag = value[Symbol.toStringTag];
    const ctor = value.constructor && value.constructor !== Object ? value.constructor.name : "";
    const keys = Object.keys(value);
    const body = keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inner(value[k])}`);
    const prefix = tag ? `${ctor || "Object"} [${tag}] ` : ctor ? `${ctor} ` : "";
    return body.length ? `${prefix}{ ${body.join(", ")} }` : `${prefix}{}`;
  }

  // printf-style %s %d %i %f %o %O %j %c in the first argument, as console.log does.
  function format(args) {
    let out = "";
    let i = 0;
    if (typeof args[0] === "string" && args.length > 1 && args[0].includes("%")) {
      i = 1;
      out = args[0].replace(/%[sdifoOjc%]/g, (m) => {
        if (m === "%%") return "%";
        if (i >= args.length) return m;
        const a = args[i++];
        switch (m) {
          case "%s": return typeof a === "string" ? a : inspect(a, 1, []);
          case "%d": case "%i": return typeof a === "object" ? "NaN" : String(m === "%i" ? parseInt(a) : Number(a));
          case "%f": return String(parseFloat(a));
          case "%j": try { return JSON.stringify(a); } catch { return "[Circular]"; }
          case "%c": return "";
          default: return inspect(a, 1, []);
        }
      });
    }
    for (; i < args.length; i++) out += (out ? " " : "") + inspect(args[i], 0, []);
    return out;
  }
  const inspectValue = (v) => inspect(v, 0, []);

  const counts = new Map();
  const timers = new Map();
  let indent = "";
  const emit = (level, args) => write(level, indent ? indent + format(args).replace(/\n/g, "\n" + indent) : format(args));

  const console = {
    log(...a) { emit("log", a); },
    info(...a) { emit("info", a); },
    debug(...a) { emit("debug", a); },
    warn(...a) { emit("warn", a); },
    error(...a) { emit("error", a); },
    trace(...a) {
      const e = new Error(format(a));
      emit("debug", ["Trace: " + (e.stack || "").split("\n").slice(0).join("\n").replace(/^Error: /, "")]);
    },
    assert(cond, ...a) { if (!cond) emit("error", ["Assertion failed" + (a.length ? ": " + format(a) : "")]); },
    dir(v) { emit("log", [v]); },
    table(v) { emit("log", [v]); },
    count(label = "default") { const n = (counts.get(label) || 0) + 1; counts.set(label, n); emit("log", [`${label}: ${n}`]); },
    countReset(label = "default") { counts.delete(label); },
    time(label = "default") { timers.set(label, ops.timers.now()); },
    timeLog(label = "default", ...a) { emit("log", [`${label}: ${ops.timers.now() - (timers.get(label) ?? ops.timers.now())}ms`, ...a]); },
    timeEnd(label = "default") { console.timeLog(label); timers.delete(label); },
    group(...a) { if (a.length) emit("log", a); indent += "  "; },
    groupCollapsed(...a) { console.group(...a); },
    groupEnd() { indent = indent.slice(2); },
  };
  expose("console", console);

  return { inspectValue, format };
})
