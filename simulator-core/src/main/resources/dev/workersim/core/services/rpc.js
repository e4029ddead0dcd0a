// services/rpc.js: RPC between workers of one simulator (service bindings). Values cross between
// isolates as wire text, a JSON encoding of what structured clone carries (plus undefined, BigInt,
// Errors and ReadableStreams, which are read whole on the way), since one Context's objects cannot
// enter another. The callee side, $.dispatchRpc, runs the method on a fresh entrypoint instance.
// imports: runtime/internal, web/events/events, web/encoding/encoding, web/streams/streams, web/fetch/fetch
// imports: runtime/dispatch, services/serialized-size
(function (ops, $, imports) {
  "use strict";
  const {
    DOMException, utf8, ReadableStream, entrypointHandlers, ExecutionContext, runInvocation, errorParts, checkRpcSize
  } = imports;
  const TYPED = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "DataView"];
  const ERRORS = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

  function bytesToText(u8) {
    let s = "";
    for (let i = 0; i < u8.length; i += 8192) s += String.fromCharCode.apply(null, u8.subarray(i, i + 8192));
    return s;
  }
  function textToBytes(s) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  function cloneError(what) {
    return new DOMException(`Could not serialize object of type "${what}". This type does not support serialization.`, "DataCloneError");
  }

  async function drain(stream) {
    const chunks = [];
    let size = 0;
    for await (const chunk of stream) {
      const u8 = chunk instanceof Uint8Array ? chunk : utf8.encode(String(chunk));
      chunks.push(u8);
      size += u8.byteLength;
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { all.set(c, at); at += c.byteLength; }
    return all;
  }

  // To a JSON-able tree; streams are drained first, so this is async.
  async function toWire(v, seen) {
    switch (typeof v) {
      case "undefined": return { $: "u" };
      case "boolean": case "string": return v;
      case "number": return Number.isFinite(v) && !Object.is(v, -0) ? v : { $: "n", v: String(Object.is(v, -0) ? "-0" : v) };
      case "bigint": return { $: "bi", v: v.toString() };
      case "function": throw cloneError(v.name ? v.name : "Function");
      case "symbol": throw cloneError("Symbol");
    }
    if (v === null) return null;
    if (seen.has(v)) throw cloneError("cyclic object");
    seen.add(v);
    try {
      if (Array.isArray(v)) {
        const out = [];
        for (const x of v) out.push(await toWire(x, seen));
        return { $: "a", v: out };
      }
      if (v instanceof Date) return { $: "d", v: v.getTime() };
      if (v instanceof RegExp) return { $: "r", src: v.source, flags: v.flags };
      if (v instanceof ArrayBuffer) return { $: "ab", v: bytesToText(new Uint8Array(v)) };
      if (ArrayBuffer.isView(v)) {
        const type = TYPED.find((t) => v instanceof globalThis[t]) || "Uint8Array";
        return { $: "ta", t: type, v: bytesToText(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
      }
      if (v instanceof Map) {
        const out = [];
        for (const [k, x] of v) out.push([await toWire(k, seen), await toWire(x, seen)]);
        return { $: "m", v: out };
      }
      if (v instanceof Set) {
        const out = [];
        for (const x of v) out.push(await toWire(x, seen));
        return { $: "s", v: out };
      }
      if (v instanceof Error) return { $: "e", name: v.name, message: v.message, stack: v.stack };
      if (v instanceof ReadableStream) return { $: "rs", v: bytesToText(await drain(v)) };
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw cloneError(v.constructor && v.constructor.name || "Object");
      const out = [];
      for (const k of Object.keys(v)) out.push([k, await toWire(v[k], seen)]);
      return { $: "o", v: out };
    } finally {
      seen.delete(v);
    }
  }

  function fromWire(w) {
    if (w === null || typeof w !== "object") return w;
    switch (w.$) {
      case "u": return undefined;
      case "n": return w.v === "-0" ? -0 : Number(w.v);
      case "bi": return BigInt(w.v);
      case "a": return w.v.map(fromWire);
      case "d": return new Date(w.v);
      case "r": return new RegExp(w.src, w.flags);
      case "ab": return textToBytes(w.v).buffer;
      case "ta": {
        const bytes = textToBytes(w.v);
        if (w.t === "DataView") return new DataView(bytes.buffer);
        const C = globalThis[w.t];
        return new C(bytes.buffer, 0, bytes.byteLength / C.BYTES_PER_ELEMENT);
      }
      case "m": return new Map(w.v.map(([k, x]) => [fromWire(k), fromWire(x)]));
      case "s": return new Set(w.v.map(fromWire));
      case "e": return makeError(w.name, w.message, w.stack);
      case "rs": {
        const bytes = textToBytes(w.v);
        return new ReadableStream({ type: "bytes", start(c) { if (bytes.byteLength) c.enqueue(bytes); c.close(); } });
      }
      case "o": {
        const out = {};
        for (const [k, x] of w.v) out[k] = fromWire(x);
        return out;
      }
    }
    throw new Error("internal error: unknown RPC wire tag " + w.$);
  }

  // Builtin error types keep their class; any other becomes an Error whose message starts with the
  // name (recorded: a thrown `MyError("mine")` arrives as Error "MyError: mine").
  function makeError(name, message, stack) {
    const builtin = Object.prototype.hasOwnProperty.call(ERRORS, name);
    const e = builtin ? new ERRORS[name](message) : new Error(`${name}: ${message}`);
    if (stack) Object.defineProperty(e, "stack", { value: stack, writable: true, configurable: true });
    return e;
  }

  const rpcEncode = async (value) => JSON.stringify(await toWire(value, new Set()));
  // An RPC call's arguments or result: workerd refuses one past 32 MiB (serialized-size.js).
  const rpcEncodeCall = async (value) => {
    checkRpcSize(value);
    return rpcEncode(value);
  };
  $.rpcDecode = (text) => fromWire(JSON.parse(text));
  const rpcError = makeError;
  // For other encodings of the same values (Durable Object storage): bytes as a latin-1 string.

  // Methods no RPC call may reach: the object protocol, and what workerd keeps for itself.
  const RESERVED = new Set(["constructor", "fetch", "connect", "dup", "then", "toString", "valueOf",
    "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__proto__"]);

  async function callEntrypoint(entrypoint, method, argsWire) {
    const [mode, handlers] = entrypointHandlers(entrypoint);
    if (mode === "object") return callObjectHandler(handlers, method, $.rpcDecode(argsWire));
    if (mode !== "class") throw new TypeError(`The RPC receiver does not implement the method "${method}".`);
    const instance = new handlers(new ExecutionContext(), $.env);
    const fn = RESERVED.has(method) ? undefined : instance[method];
    if (typeof fn !== "function" || Object.prototype[method] === fn) {
      throw new TypeError(`The RPC receiver does not implement the method "${method}".`);
    }
    const args = $.rpcDecode(argsWire);
    return fn.apply(instance, args);
  }

  // An object export's functions are top-level handlers: called as (arg, env, ctx), so exactly one argument.
  function callObjectHandler(handlers, method, args) {
    const fn = RESERVED.has(method) ? undefined : handlers[method];
    if (typeof fn !== "function" || Object.prototype[method] === fn) {
      throw new TypeError(`The RPC receiver does not implement the method "${method}".`);
    }
    if (args.length !== 1) {
      throw new TypeError(`Attempted to call RPC function "${method}" with the wrong number of arguments. When calling a top-level handler function that is not declared as part of a class, you must always send exactly one argument. In order to support variable numbers of arguments, the server must use class-based syntax (extending WorkerEntrypoint) instead.`);
    }
    return fn.call(handlers, args[0], $.env, new ExecutionContext());
  }

  // `invocation`: null, or the Java Invocation.Ops of a dispatched call (see $.dispatchFetch).
  $.dispatchRpc = function dispatchRpc(entrypoint, method, argsWire, done, invocation = null) {
    if (invocation !== null) return runInvocation(invocation, () => dispatchRpc(entrypoint, method, argsWire, done).finally(() => invocation.ended()));
    return Promise.resolve()
      .then(() => callEntrypoint(entrypoint, method, argsWire))
      .then((result) => rpcEncodeCall(result))
      .then((wire) => done.resolve(wire), (err) => {
        const [name, message, stack] = errorParts(err);
        done.reject(name, message, stack);
      });
  };

  return { rpcEncode, rpcEncodeCall, rpcError, bytesToText, textToBytes, typedArrayNames: TYPED, errorClasses: ERRORS };
})
