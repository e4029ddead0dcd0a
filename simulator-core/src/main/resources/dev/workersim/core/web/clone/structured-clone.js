// web/clone/structured-clone.js: structuredClone() (HTML's structured serialize/deserialize in one step),
// covering what V8's serializer in workerd takes: primitives but symbols, wrapper objects, Date,
// RegExp, ArrayBuffer and views, Map, Set, Error types, arrays (holes kept) and plain objects, with
// cycles and shared references preserved. Anything else throws a DataCloneError.
// imports: runtime/internal, web/events/events
(function (ops, $, imports) {
  "use strict";
  const { DOMException, expose } = imports;
  const ERRORS = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const TYPED = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  const typedTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
  const toString = Object.prototype.toString;

  const cloneError = (what) => new DOMException(`${what} could not be cloned.`, "DataCloneError");
  // Platform objects workerd refuses to serialize: [brand check, type name], added by later files.
  const unserializable = [];
  const unserializableType = (v) => unserializable.find(([is]) => is(v))?.[1];

  function describe(v) {
    if (typeof v === "symbol" || typeof v === "function") return String(v);
    const ctor = v.constructor && typeof v.constructor.name === "string" ? v.constructor.name : "Object";
    return `#<${ctor}>`;
  }

  function cloneValue(v, memory) {
    const type = typeof v;
    if (type === "symbol" || type === "function") throw cloneError(describe(v));
    if (v === null || type !== "object") return v;
    if (memory.has(v)) return memory.get(v);
    let out;
    // Brands are read from internal slots (toString tags can be faked; these cannot).
    const tag = toString.call(v);
    if (tag === "[object Date]") out = new Date(Date.prototype.getTime.call(v));
    else if (tag === "[object RegExp]") out = new RegExp(v.source, v.flags);
    else if (tag === "[object Boolean]") out = Object(Boolean.prototype.valueOf.call(v));
    else if (tag === "[object Number]") out = Object(Number.prototype.valueOf.call(v));
    else if (tag === "[object String]") out = Object(String.prototype.valueOf.call(v));
    else if (tag === "[object BigInt]") out = Object(BigInt.prototype.valueOf.call(v));
    else if (v instanceof ArrayBuffer) out = v.slice(0);
    else if (typedTag.call(v) !== undefined) {
      out = new TYPED[typedTag.call(v)](cloneValue(v.buffer, memory), v.byteOffset, v.length);
    } else if (v instanceof DataView) {
      out = new DataView(cloneValue(v.buffer, memory), v.byteOffset, v.byteLength);
    } else if (v instanceof Map) {
      out = new Map();
      memory.set(v, out);
      for (const [k, val] of v) out.set(cloneValue(k, memory), cloneValue(val, memory));
      return out;
    } else if (v instanceof Set) {
      out = new Set();
      memory.set(v, out);
      for (const k of v) out.add(cloneValue(k, memory));
      return out;
    } else if (tag === "[object Error]") {
      const name = Object.hasOwn(ERRORS, v.name) ? v.name : "Error";
      out = new ERRORS[name](v.message === undefined ? undefined : String(v.message));
      memory.set(v, out);
      if (typeof v.stack === "string") Object.defineProperty(out, "stack", { value: v.stack, writable: true, configurable: true });
      if (Object.hasOwn(v, "cause")) Object.defineProperty(out, "cause", { value: cloneValue(v.cause, memory), writable: true, configurable: true });
      return out;
    } else if (Array.isArray(v)) {
      out = new Array(v.length);
      memory.set(v, out);
      for (const k of Object.keys(v)) out[k] = cloneValue(v[k], memory); // own keys only: holes stay holes
      return out;
    } else if (unserializableType(v) !== undefined) {
      throw new DOMException(`Could not serialize object of type "${unserializableType(v)}". This type does not support serialization.`, "DataCloneError");
    } else if (!(v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet || v instanceof WeakRef)) {
      // Any other object (a class instance, and, as workerd does, a Request or Blob too) becomes a
      // plain object of its own enumerable keys.
      out = {};
      memory.set(v, out);
      for (const k of Object.keys(v)) out[k] = cloneValue(v[k], memory);
      return out;
    } else {
      throw cloneError(describe(v));
    }
    memory.set(v, out);
    return out;
  }

  function structuredClone(value, options = undefined) {
    if (arguments.length === 0) throw new TypeError("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
    const transfer = options?.transfer === undefined ? [] : Array.from(options.transfer);
    for (const [i, t] of transfer.entries()) {
      if (!(t instanceof ArrayBuffer)) throw cloneError(describe(t));
      if (transfer.indexOf(t) !== i) throw new DOMException("ArrayBuffer at index " + i + " is a duplicate of an earlier ArrayBuffer.", "DataCloneError");
    }
    const out = cloneValue(value, new Map());
    // The clone already holds copies; transferring detaches the originals, as a transfer would.
    for (const t of transfer) t.transfer();
    return out;
  }

  expose("structuredClone", structuredClone);

  return { unserializable, structuredClone };
})
