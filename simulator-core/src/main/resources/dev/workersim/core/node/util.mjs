// node:util (nodejs_compat): format and inspect (Node's layout rules: single line when it fits in
// 80 columns, at most 3 nested levels per line, long number arrays in columns), promisify,
// callbackify, inherits, types, isDeepStrictEqual, and the small helpers packages expect.
import * as types from "node:util/types";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:util was loaded outside the workersim runtime");
const { invalidArgType, nodeError } = node;

export { types };
const customInspect = Symbol.for("nodejs.util.inspect.custom");
const DEFAULTS = { showHidden: false, depth: 2, colors: false, customInspect: true, maxArrayLength: 100,
  maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false };

// ---- inspect ----

export function inspect(value, opts) {
  const ctx = { ...DEFAULTS, seen: [], circular: new Map(), indentationLvl: 0, currentDepth: 0 };
  if (typeof opts === "boolean") ctx.showHidden = opts;
  else if (opts !== null && typeof opts === "object") Object.assign(ctx, opts);
  if (ctx.depth === null) ctx.depth = Infinity;
  return formatValue(ctx, value, 0, true);
}
inspect.custom = customInspect;
inspect.defaultOptions = DEFAULTS;
inspect.colors = Object.create(null);
inspect.styles = Object.create(null);

const IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

function quote(str) {
  let q = "'";
  if (str.includes("'")) q = !str.includes('"') ? '"' : !str.includes("`") && !str.includes("${") ? "`" : "'";
  const escaped = str.replace(/[\\\n\t\r\b\f\v\x00-\x1f\x7f]/g, (c) => ({
    "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v",
  })[c] ?? "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase());
  return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
}

function formatPrimitive(ctx, value) {
  switch (typeof value) {
    case "string": {
      let s = value;
      let extra = "";
      if (s.length > ctx.maxStringLength) {
        extra = `... ${s.length - ctx.maxStringLength} more character${s.length - ctx.maxStringLength > 1 ? "s" : ""}`;
        s = s.slice(0, ctx.maxStringLength);
      }
      return quote(s) + extra;
    }
    case "number": return Object.is(value, -0) ? "-0" : String(value);
    case "bigint": return value + "n";
    case "symbol": return value.toString();
    case "undefined": return "undefined";
    case "boolean": return String(value);
    default: return String(value); // null
  }
}

function formatValue(ctx, value, recurseTimes, typedArrayOrTop) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return formatPrimitive(ctx, value);
  if (ctx.customInspect) {
    let fn;
    try { fn = value[customInspect]; } catch { fn = undefined; }
    if (typeof fn === "function" && fn !== inspect) {
      const depth = ctx.depth === Infinity ? null : ctx.depth - recurseTimes;
      const result = fn.call(value, depth, { ...ctx, depth, stylize: (s) => s }, inspect);
      if (result !== value) {
        if (typeof result !== "string") return formatValue(ctx, result, recurseTimes);
        return result.replaceAll("\n", "\n" + " ".repeat(ctx.indentationLvl));
      }
    }
  }
  if (ctx.seen.includes(value)) {
    let index = ctx.circular.get(value);
    if (index === undefined) {
      index = ctx.circular.size + 1;
      ctx.circular.set(value, index);
    }
    return `[Circular *${index}]`;
  }
  return formatRaw(ctx, value, recurseTimes);
}

function constructorName(obj) {
  let o = obj;
  while (o !== null && o !== undefined) {
    const desc = Object.getOwnPropertyDescriptor(o, "constructor");
    if (desc !== undefined && typeof desc.value === "function" && desc.value.name !== "") return desc.value.name;
    o = Object.getPrototypeOf(o);
  }
  return null;
}

function prefix(name, tag, fallback, size) {
  if (name === null) {
    if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== "" && name !== tag) return `${name}${size} [${tag}] `;
  return `${name}${size} `;
}

function keysOf(ctx, value, skipIndices) {
  let keys = ctx.showHidden ? Reflect.ownKeys(value) : [
    ...Object.keys(value),
    ...Object.getOwnPropertySymbols(value).filter((s) => Object.getOwnPropertyDescriptor(value, s).enumerable),
  ];
  if (skipIndices) keys = keys.filter((k) => typeof k !== "string" || !/^(0|[1-9][0-9]*)$/.test(k));
  if (ctx.sorted) keys.sort();
  return keys;
}

function formatRaw(ctx, value, recurseTimes) {
  const name = constructorName(value);
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== "string" || tag === name) tag = "";
  let keys;
  let braces;
  let base = "";
  let formatter = () => []; // plain objects: their keys only
  let extrasType = "object";

  if (Array.isArray(value)) {
    keys = keysOf(ctx, value, true);
    if (ctx.showHidden) keys = keys.filter((k) => k !== "length");
    const p = name !== "Array" || tag !== "" ? prefix(name, tag, "Array", `(${value.length})`) : "";
    braces = [`${p}[`, "]"];
    if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
    extrasType = "array";
    formatter = formatArray;
  } else if (value instanceof Set || types.isSet(value)) {
    keys = keysOf(ctx, value, false);
    const p = prefix(name, tag, "Set", `(${value.size})`);
    if (value.size === 0 && keys.length === 0) return `${p}{}`;
    braces = [`${p}{`, "}"];
    formatter = (c, v, r) => [...v].map((x) => formatValue(c, x, r));
  } else if (value instanceof Map || types.isMap(value)) {
    keys = keysOf(ctx, value, false);
    const p = prefix(name, tag, "Map", `(${value.size})`);
    if (value.size === 0 && keys.length === 0) return `${p}{}`;
    braces = [`${p}{`, "}"];
    formatter = (c, v, r) => [...v].map(([k, x]) => `${formatValue(c, k, r)} => ${formatValue(c, x, r)}`);
  } else if (types.isTypedArray(value)) {
    keys = keysOf(ctx, value, true);
    const fallback = Object.prototype.toString.call(value).slice(8, -1);
    const p = prefix(name, tag === fallback ? "" : tag, fallback, `(${value.length})`);
    braces = [`${p}[`, "]"];
    if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
    extrasType = "array";
    formatter = (c, v) => {
      const n = Math.min(v.length, c.maxArrayLength);
      const out = Array.from(v.subarray(0, n), (x) => formatPrimitive(c, x));
      if (v.length > n) out.push(`... ${v.length - n} more item${v.length - n > 1 ? "s" : ""}`);
      return out;
    };
  } else {
    keys = keysOf(ctx, value, false);
    if (typeof value === "function") {
      base = functionBase(value, name, tag);
      if (keys.length === 0) return base;
    } else if (value instanceof RegExp || types.isRegExp(value)) {
      base = RegExp.prototype.toString.call(value);
      if (keys.length === 0) return base;
    } else if (value instanceof Date || types.isDate(value)) {
      base = Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
      if (keys.length === 0) return base;
    } else if (value instanceof Error) {
      base = formatError(value);
      keys = keys.filter((k) => k !== "stack" && k !== "message");
      if (keys.length === 0) return base;
    } else if (types.isAnyArrayBuffer(value)) {
      const bytes = new Uint8Array(value);
      const hex = Array.from(bytes.subarray(0, 50), (b) => b.toString(16).padStart(2, "0")).join(" ");
      const more = bytes.length > 50 ? ` ... ${bytes.length - 50} more byte${bytes.length - 50 > 1 ? "s" : ""}` : "";
      braces = [`${prefix(name, tag, "ArrayBuffer", "")}{`, "}"];
      formatter = () => [`[Uint8Contents]: <${hex}${more}>`, `byteLength: ${formatPrimitive(ctx, value.byteLength)}`];
    } else if (types.isPromise(value)) {
      braces = [`${prefix(name, tag, "Promise", "")}{`, "}"];
      formatter = () => ["<pending>"]; // a promise's state cannot be read from JS
    } else if (types.isBoxedPrimitive(value)) {
      const prim = value.valueOf();
      const kind = typeof prim === "bigint" ? "BigInt" : typeof prim === "symbol" ? "Symbol" : typeof prim === "string" ? "String" : typeof prim === "number" ? "Number" : "Boolean";
      base = `[${kind}: ${formatPrimitive(ctx, prim)}]`;
      if (typeof prim === "string") keys = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k) || k === "length");
      if (keys.length === 0) return base;
    } else if (types.isWeakMap(value) || types.isWeakSet(value)) {
      return `${prefix(name, tag, types.isWeakMap(value) ? "WeakMap" : "WeakSet", "")}{ <items unknown> }`;
    } else if (name === "Object" && tag === "") {
      if (keys.length === 0) return "{}";
    } else if (name === "Object" || name === null) {
      if (keys.length === 0) return `${prefix(name, tag, "Object", "")}{}`;
      braces = [`${prefix(name, tag, "Object", "")}{`, "}"];
    } else {
      if (keys.length === 0) return `${prefix(name, tag, "Object", "")}{}`;
      braces = [`${prefix(name, tag, "Object", "")}{`, "}"];
    }
    if (base !== "" || braces === undefined) braces = braces ?? ["{", "}"];
    if (name === "Object" && tag === "" && braces[0] !== "{" && base === "") braces = ["{", "}"];
  }
  if (recurseTimes > ctx.depth) {
    return `[${name === null ? "Object: null prototype" : (Array.isArray(value) ? "Array" : name)}]`;
  }
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  try {
    output = formatter(ctx, value, recurseTimes + 1, keys);
    for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes + 1, key, extrasType));
  } finally {
    ctx.seen.pop();
  }
  if (ctx.circular.has(value)) {
    const ref = `<ref *${ctx.circular.get(value)}>`;
    if (base === "") braces[0] = `${ref} ${braces[0]}`; else base = `${ref} ${base}`;
  }
  return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
}

function functionBase(fn, name, tag) {
  const src = Function.prototype.toString.call(fn);
  const isClass = src.startsWith("class") && /^class\b/.test(src);
  let type = "Function";
  if (types.isGeneratorFunction(fn)) type = "GeneratorFunction";
  if (types.isAsyncFunction(fn)) type = type === "GeneratorFunction" ? "AsyncGeneratorFunction" : "AsyncFunction";
  if (isClass) {
    let s = `[class ${fn.name || "(anonymous)"}`;
    const sup = Object.getPrototypeOf(fn);
    if (sup && sup.name) s += ` extends ${sup.name}`;
    return s + "]";
  }
  let base = `[${type}`;
  if (name === null) base += " (null prototype)";
  base += fn.name === "" ? " (anonymous)" : `: ${fn.name}`;
  base += "]";
  if (name !== type && name !== null && name !== "Function") base += ` ${name}`;
  if (tag !== "" && name !== tag) base += ` [${tag}]`;
  return base;
}

function formatError(err) {
  let stack;
  try { stack = err.stack; } catch { stack = undefined; }
  if (typeof stack !== "string" || stack === "") stack = Error.prototype.toString.call(err);
  if (!stack.includes("\n    at") && !/^\w*Error/.test(stack) && err.name) stack = `${err.name}: ${err.message}`;
  return (stack.includes("\n    at ") || stack.startsWith("[")) ? stack : `[${stack}]`;
}

function formatArray(ctx, value, recurseTimes) {
  const out = [];
  const max = Math.min(value.length, ctx.maxArrayLength);
  let holes = 0;
  const flushHoles = () => {
    if (holes > 0) out.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`);
    holes = 0;
  };
  for (let i = 0; i < max; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i)) { holes++; continue; }
    flushHoles();
    out.push(formatProperty(ctx, value, recurseTimes, i, "array"));
  }
  flushHoles();
  if (value.length > max) out.push(`... ${value.length - max} more item${value.length - max > 1 ? "s" : ""}`);
  if (ctx.showHidden) out.push(`[length]: ${formatPrimitive(ctx, value.length)}`);
  return out;
}

function formatProperty(ctx, value, recurseTimes, key, type) {
  const desc = Object.getOwnPropertyDescriptor(value, key) ?? { value: value[key], enumerable: true };
  let str;
  if (desc.value !== undefined || !("get" in desc)) {
    ctx.indentationLvl += type === "array" ? 2 : 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? "[Getter/Setter]" : "[Getter]";
  } else {
    str = desc.set !== undefined ? "[Setter]" : "undefined";
  }
  if (type === "array" && typeof key === "number") return str;
  let name;
  if (typeof key === "symbol") name = key.toString(); // workerd prints `Symbol(k): 1`, without Node's brackets
  else if (!desc.enumerable) name = `[${key}]`;
  else if (IDENT.test(key)) name = key;
  else name = quote(key);
  return `${name}: ${str}`;
}

function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if (value !== undefined && ctx.maxArrayLength < value.length) outputLength--;
  const separatorSpace = 2;
  const dataLen = new Array(outputLength);
  for (let i = 0; i < outputLength; i++) {
    const len = output[i].length;
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15);
    if (columns <= 1) return output;
    const tmp = [];
    const maxLineLength = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
      maxLineLength.push(lineLength + separatorSpace);
    }
    let padStart = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== "number" && typeof value[i] !== "bigint") { padStart = false; break; }
      }
    }
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = "";
      let j = i;
      for (; j < max - 1; j++) {
        const cell = `${output[j]}, `;
        str += padStart ? cell.padStart(maxLineLength[j - i], " ") : cell.padEnd(maxLineLength[j - i], " ");
      }
      str += padStart ? output[j].padStart(maxLineLength[j - i] - separatorSpace, " ") : output[j];
      tmp.push(str);
    }
    if (outputLength < output.length) tmp.push(output[outputLength]);
    return tmp;
  }
  return output;
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  const entries = output.length;
  if (extrasType === "array" && entries > 6) output = groupArrayElements(ctx, output, value);
  if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (isBelowBreakLength(ctx, output, start, base)) {
      const joined = output.join(", ");
      if (!joined.includes("\n")) return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

function isBelowBreakLength(ctx, output, start, base) {
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (const entry of output) {
    total += entry.length;
    if (total > ctx.breakLength) return false;
  }
  return base === "" || !base.includes("\n");
}

// ---- format ----

export function format(...args) { return formatWithOptions(undefined, ...args); }

export function formatWithOptions(inspectOptions, first, ...rest) {
  const opts = inspectOptions ?? {};
  if (typeof first !== "string") {
    return [first, ...rest].map((a) => (typeof a === "string" ? a : inspect(a, opts))).join(" ");
  }
  let out = "";
  let last = 0;
  let argIndex = 0;
  for (let i = 0; i < first.length - 1; i++) {
    if (first.charCodeAt(i) !== 37) continue; // '%'
    const c = first[i + 1];
    if (c === "%") {
      out += first.slice(last, i) + "%";
      last = i + 2;
      i++;
      continue;
    }
    if (argIndex >= rest.length || !"sdifjoOc".includes(c)) continue;
    const arg = rest[argIndex++];
    let piece;
    switch (c) {
      case "s":
        if (typeof arg === "bigint") piece = arg + "n";
        else if (typeof arg === "number") piece = Object.is(arg, -0) ? "-0" : String(arg);
        else if (typeof arg === "symbol") piece = arg.toString();
        else if (arg !== null && typeof arg === "object") {
          piece = hasBuiltInToString(arg) ? inspect(arg, { ...opts, depth: 0, colors: false, compact: 3 }) : String(arg);
        } else piece = String(arg);
        break;
      case "d":
        piece = typeof arg === "bigint" ? arg + "n" : typeof arg === "symbol" || (arg !== null && typeof arg === "object") ? "NaN" : formatNumber(Number(arg));
        break;
      case "i":
        piece = typeof arg === "bigint" ? arg + "n" : typeof arg === "symbol" ? "NaN" : formatNumber(parseInt(arg));
        break;
      case "f":
        piece = typeof arg === "symbol" ? "NaN" : formatNumber(parseFloat(arg));
        break;
      case "j":
        try { piece = JSON.stringify(arg); } catch (e) {
          if (e instanceof TypeError && /circular/i.test(e.message)) piece = "[Circular]"; else throw e;
        }
        break;
      case "o": piece = inspect(arg, { ...opts, showHidden: true, showProxy: true, depth: 4 }); break;
      case "O": piece = inspect(arg, opts); break;
      case "c": piece = ""; break;
    }
    out += first.slice(last, i) + piece;
    last = i + 2;
    i++;
  }
  out += first.slice(last);
  for (let i = argIndex; i < rest.length; i++) {
    const a = rest[i];
    out += " " + (typeof a === "string" ? a : inspect(a, opts));
  }
  return out;
}

const formatNumber = (n) => (Object.is(n, -0) ? "-0" : String(n));

// %s prints an object with its own toString through it, any other object through inspect():
// "built-in" when the prototype that holds its toString belongs to a global constructor.
const BUILT_INS = new Set(Object.getOwnPropertyNames(globalThis).filter((k) => /^[A-Z]/.test(k) && typeof globalThis[k] === "function"));
function hasBuiltInToString(obj) {
  if (typeof obj.toString !== "function") return true;
  if (Object.prototype.hasOwnProperty.call(obj, "toString")) return false;
  let owner = obj;
  do { owner = Object.getPrototypeOf(owner); } while (owner !== null && !Object.prototype.hasOwnProperty.call(owner, "toString"));
  const ctor = owner === null ? undefined : Object.getOwnPropertyDescriptor(owner, "constructor");
  return ctor !== undefined && typeof ctor.value === "function" && BUILT_INS.has(ctor.value.name);
}

// ---- promisify, callbackify, inherits, deprecate ----

const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");

export function promisify(original) {
  if (typeof original !== "function") throw invalidArgType("original", "of type function", original);
  if (original[promisifyCustom] !== undefined) {
    const fn = original[promisifyCustom];
    if (typeof fn !== "function") throw invalidArgType("util.promisify.custom", "of type function", fn);
    return Object.defineProperty(fn, promisifyCustom, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) return reject(err);
        resolve(values[0]);
      });
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, promisifyCustom, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = promisifyCustom;

export function callbackify(original) {
  if (typeof original !== "function") throw invalidArgType("original", "of type function", original);
  function callbackified(...args) {
    const cb = args.pop();
    if (typeof cb !== "function") throw invalidArgType("last argument", "of type function", cb);
    original.apply(this, args).then(
      (value) => queueMicrotask(() => cb(null, value)),
      (reason) => {
        if (!reason) {
          const err = nodeError(Error, "ERR_FALSY_VALUE_REJECTION", "Promise was rejected with falsy value");
          err.reason = reason;
          reason = err;
        }
        queueMicrotask(() => cb(reason));
      });
  }
  Object.defineProperties(callbackified, Object.getOwnPropertyDescriptors(original));
  return callbackified;
}

export function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArgType("ctor", "of type function", ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArgType("superCtor", "of type function", superCtor);
  if (superCtor.prototype === undefined) throw invalidArgType("superCtor.prototype", "of type object", superCtor.prototype);
  Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

export function deprecate(fn, msg, code) {
  let warned = false;
  return function deprecated(...args) {
    if (!warned) {
      warned = true;
      console.warn(`${code ? `[${code}] ` : ""}DeprecationWarning: ${msg}`);
    }
    return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
  };
}

export function debuglog() {
  const log = () => {};
  log.enabled = false;
  return log;
}
export const debug = debuglog;

// ---- deep equality (assert.deepStrictEqual uses it too) ----

export function isDeepStrictEqual(a, b) { return deepEqual(a, b, true, new Map()); }
// node:assert compares with the same rules, strict or loose.
node.internals.deepEqual = (a, b, strict) => deepEqual(a, b, strict, new Map());

function deepEqual(a, b, strict, memo) {
  if (strict ? Object.is(a, b) : a == b || (a !== a && b !== b)) return true; // eslint-disable-line eqeqeq
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return !strict && (a === null || typeof a !== "object") && (b === null || typeof b !== "object") && a == b; // eslint-disable-line eqeqeq
  }
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const tagA = Object.prototype.toString.call(a);
  if (tagA !== Object.prototype.toString.call(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b) || (Array.isArray(a) && a.length !== b.length)) return false;
  if (a instanceof Date && a.getTime() !== b.getTime()) return false;
  if (a instanceof RegExp && (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex)) return false;
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  if (types.isBoxedPrimitive(a) && !Object.is(a.valueOf(), b.valueOf())) return false;
  if (ArrayBuffer.isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  const seen = memo.get(a);
  if (seen !== undefined && seen === b) return true;
  memo.set(a, b);
  const keysA = ownEnumerable(a, strict);
  const keysB = ownEnumerable(b, strict);
  if (keysA.length !== keysB.length) return false;
  for (const k of keysA) {
    if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
    if (!ArrayBuffer.isView(a) && !deepEqual(a[k], b[k], strict, memo)) return false;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    outer: for (const x of a) {
      if (b.has(x)) continue;
      if (typeof x !== "object" || x === null) return false;
      for (const y of b) if (deepEqual(x, y, strict, memo)) continue outer;
      return false;
    }
  }
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !deepEqual(v, b.get(k), strict, memo)) return false;
    }
  }
  return true;
}

function ownEnumerable(o, strict) {
  const keys = Object.keys(o);
  if (!strict) return keys;
  return keys.concat(Object.getOwnPropertySymbols(o).filter((s) => Object.prototype.propertyIsEnumerable.call(o, s)));
}

// ---- small legacy helpers ----

export const isArray = Array.isArray;
export const isBoolean = (v) => typeof v === "boolean";
export const isNull = (v) => v === null;
export const isNullOrUndefined = (v) => v === null || v === undefined;
export const isNumber = (v) => typeof v === "number";
export const isString = (v) => typeof v === "string";
export const isSymbol = (v) => typeof v === "symbol";
export const isUndefined = (v) => v === undefined;
export const isRegExp = types.isRegExp;
export const isObject = (v) => v !== null && typeof v === "object";
export const isDate = types.isDate;
export const isError = (e) => e instanceof Error || types.isNativeError(e);
export const isFunction = (v) => typeof v === "function";
export const isPrimitive = (v) => v === null || (typeof v !== "object" && typeof v !== "function");
export function _extend(target, source) {
  if (source === null || typeof source !== "object") return target;
  for (const k of Object.keys(source)) target[k] = source[k];
  return target;
}
export function toUSVString(s) { return String(s).toWellFormed(); }
export function stripVTControlCharacters(s) { return String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""); }
export function aborted(signal, resource) {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(); else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
export function getSystemErrorName(code) { return `Unknown system error ${code}`; }

export function isBuffer(value) { return value instanceof Uint8Array && value.constructor?.name === "Buffer"; }
export function getSystemErrorMap() { return new Map(); }
export function getSystemErrorMessage(code) { return `Unknown system error ${code}`; }
export function transferableAbortController() { return new AbortController(); }
export function transferableAbortSignal(signal) { return signal; }
// util.log: the message after a "day month hh:mm:ss" timestamp, as Node prints it.
export function log(...args) {
  const d = new Date();
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
  console.log(`${d.getDate()} ${months[d.getMonth()]} ${time} - ${format(...args)}`);
}

export const TextEncoder = globalThis.TextEncoder;
export const TextDecoder = globalThis.TextDecoder;

// ---- Node 22+ helpers workerd serves (styleText, MIMEType, parseEnv, diff, ...) ----

// workerd checks the format names and returns the text unstyled (there is no terminal).
const STYLES = ["reset", "bold", "dim", "italic", "underline", "blink", "inverse", "hidden", "strikethrough",
  "doubleunderline", "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", "bgBlack", "bgRed",
  "bgGreen", "bgYellow", "bgBlue", "bgMagenta", "bgCyan", "bgWhite", "framed", "overlined", "gray", "redBright",
  "greenBright", "yellowBright", "blueBright", "magentaBright", "cyanBright", "whiteBright", "bgGray", "bgRedBright",
  "bgGreenBright", "bgYellowBright", "bgBlueBright", "bgMagentaBright", "bgCyanBright", "bgWhiteBright"];
export function styleText(format, text) {
  if (typeof text !== "string") throw invalidArgType("text", "of type string", text);
  for (const f of [].concat(format)) {
    if (!STYLES.includes(f)) {
      throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'format' must be one of: ${STYLES.map((x) => `'${x}'`).join(", ")}. Received ${inspect(f)}`);
    }
  }
  return text;
}

// A MIME type's parameters: lower-case names, in insertion order.
export class MIMEParams {
  #map = new Map();
  get(name) { return this.#map.get(String(name).toLowerCase()) ?? null; }
  has(name) { return this.#map.has(String(name).toLowerCase()); }
  set(name, value) { this.#map.set(String(name).toLowerCase(), String(value)); }
  delete(name) { this.#map.delete(String(name).toLowerCase()); }
  entries() { return this.#map.entries(); }
  keys() { return this.#map.keys(); }
  values() { return this.#map.values(); }
  [Symbol.iterator]() { return this.#map.entries(); }
  toString() {
    return [...this.#map].map(([k, v]) => `${k}=${/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v) && v ? v : `"${v.replace(/(["\\])/g, "\\$1")}"`}`).join(";");
  }
  toJSON() { return this.toString(); }
}
export class MIMEType {
  #type; #subtype; #params = new MIMEParams();
  constructor(input) {
    const text = String(input).trim();
    const m = /^([^/\s;]+)\/([^\s;]+)\s*(;.*)?$/.exec(text);
    if (!m) throw nodeError(TypeError, "ERR_INVALID_MIME_SYNTAX", `The MIME syntax for a type in "${text}" is invalid`);
    this.#type = m[1].toLowerCase();
    this.#subtype = m[2].toLowerCase();
    for (const part of (m[3] ?? "").split(";").slice(1)) {
      const eq = part.indexOf("=");
      if (eq < 0) continue;
      const name = part.slice(0, eq).trim().toLowerCase();
      let value = part.slice(eq + 1).trim();
      if (value.startsWith('"')) value = value.slice(1, value.endsWith('"') ? -1 : undefined).replace(/\\(.)/g, "$1");
      if (name && !this.#params.has(name)) this.#params.set(name, value);
    }
  }
  get type() { return this.#type; }
  set type(v) { this.#type = String(v).toLowerCase(); }
  get subtype() { return this.#subtype; }
  set subtype(v) { this.#subtype = String(v).toLowerCase(); }
  get essence() { return `${this.#type}/${this.#subtype}`; }
  get params() { return this.#params; }
  toString() {
    const params = this.#params.toString();
    return this.essence + (params ? ";" + params : "");
  }
  toJSON() { return this.toString(); }
}

// A .env file's variables: KEY=value lines, # comments, quoted values ("..." with \n escapes).
export function parseEnv(content) {
  if (typeof content !== "string") throw invalidArgType("content", "of type string", content);
  const out = {};
  const re = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*("(?:\\.|[^"])*"|'[^']*'|`[^`]*`|[^#\n]*)/gm;
  for (const m of content.matchAll(re)) {
    let value = m[2].trim();
    const q = value[0];
    if ((q === '"' || q === "'" || q === "`") && value.endsWith(q)) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\n/g, "\n");
    }
    out[m[1]] = value;
  }
  return out;
}

// The stack's frames above the caller, as workerd reports them.
export function getCallSites(frameCount = 8) {
  const lines = (new Error().stack ?? "").split("\n").slice(2, 2 + frameCount);
  return lines.map((line) => {
    const m = /at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/.exec(line.trim()) ?? [];
    const column = Number(m[4] ?? 0);
    return { functionName: m[1] ?? "", scriptName: m[2] ?? "", lineNumber: Number(m[3] ?? 0), columnNumber: column, column };
  });
}
export const getCallSite = getCallSites;

// The edit script from `actual` to `expected` (strings by character, arrays by item): [op, value]
// pairs, 0 kept, 1 only in actual, -1 only in expected, as Node's util.diff.
export function diff(actual, expected) {
  const a = typeof actual === "string" ? [...actual] : actual;
  const b = typeof expected === "string" ? [...expected] : expected;
  if (!Array.isArray(a)) throw invalidArgType("actual", "of type string or an instance of Array", actual);
  if (!Array.isArray(b)) throw invalidArgType("expected", "of type string or an instance of Array", expected);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push([0, a[i]]); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push([1, a[i++]]);
    else out.push([-1, b[j++]]);
  }
  while (i < a.length) out.push([1, a[i++]]);
  while (j < b.length) out.push([-1, b[j++]]);
  return out;
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16,
  SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26,
  SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31 };
export function convertProcessSignalToExitCode(signalCode) {
  if (!(signalCode in SIGNALS)) {
    throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'signalCode' must be one of: ${Object.keys(SIGNALS).map((x) => `'${x}'`).join(", ")}. Received ${inspect(signalCode)}`);
  }
  return 128 + SIGNALS[signalCode];
}

export function setTraceSigInt() {}
export function parseArgs() { throw new Error("node:util parseArgs is not implemented"); }
export function _errnoException() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The _errnoException method is not implemented");
}
export function _exceptionWithHostPort() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The _exceptionWithHostPort method is not implemented");
}

export default {
  format, formatWithOptions, inspect, promisify, callbackify, inherits, deprecate, debuglog, debug,
  isDeepStrictEqual, types, TextEncoder, TextDecoder, isArray, isBoolean, isNull, isNullOrUndefined,
  isNumber, isString, isSymbol, isUndefined, isRegExp, isObject, isDate, isError, isFunction,
  isPrimitive, _extend, toUSVString, stripVTControlCharacters, aborted, getSystemErrorName, isBuffer,
  getSystemErrorMap, getSystemErrorMessage, transferableAbortController, transferableAbortSignal, log,
  styleText, MIMEParams, MIMEType, parseEnv, getCallSite, getCallSites, diff, convertProcessSignalToExitCode,
  setTraceSigInt, parseArgs, _errnoException, _exceptionWithHostPort,
};
