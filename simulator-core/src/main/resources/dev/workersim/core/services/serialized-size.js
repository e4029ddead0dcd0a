// services/serialized-size.js: how many bytes V8's ValueSerializer (format 15) would write for a
// value, the measure workerd's 32 MiB limit on RPC arguments and results is taken in. Our wire is
// JSON (rpc.js), so the size is estimated by walking the value as V8 writes it: exact for strings,
// numbers, arrays, plain objects, Maps, Sets and binary data (the values big enough to matter);
// close for errors, whose extra fields workerd adds. Measured before any copy is made, so an
// oversized value fails without first being encoded.
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const RPC_LIMIT = 32 * 1024 * 1024;
  const HEADER = 2; // 0xFF and the format version

  const varint = (n) => { let bytes = 1; while (n >= 0x80) { n = Math.floor(n / 128); bytes++; } return bytes; };
  const isSmi = (n) => Number.isInteger(n) && !Object.is(n, -0) && n >= -(2 ** 30) && n < 2 ** 30; // 31-bit, as with pointer compression
  const zigzag = (n) => (n >= 0 ? n * 2 : -n * 2 - 1);
  const ONE_BYTE = /^[\x00-\xff]*$/;

  // Walks `value` from byte offset `at` (two-byte strings are padded to an even offset); the end offset.
  function walk(value, at, seen) {
    switch (typeof value) {
      case "undefined": case "boolean": return at + 1;
      case "number": return at + (isSmi(value) ? 1 + varint(zigzag(value)) : 9);
      case "bigint": { const digits = Math.ceil(value.toString(16).replace("-", "").length / 16); return at + 1 + varint(digits * 16) + digits * 8; }
      case "string": return string(value, at);
      case "symbol": case "function": return at + 1; // refused by the encoder anyway
    }
    if (value === null) return at + 1;
    if (seen.has(value)) return at + 1 + varint(seen.get(value));
    seen.set(value, seen.size);
    if (Array.isArray(value)) {
      at += 1 + varint(value.length);
      for (let i = 0; i < value.length; i++) at = walk(value[i], at, seen);
      return at + 1 + varint(0) + varint(value.length);
    }
    if (value instanceof Date) return at + 9;
    if (value instanceof RegExp) return string(value.source, at + 1) + varint(8);
    if (value instanceof ArrayBuffer) return at + 1 + varint(value.byteLength) + value.byteLength;
    if (ArrayBuffer.isView(value)) {
      const buffer = value.buffer.byteLength;
      return at + 1 + varint(buffer) + buffer + 2 + varint(value.byteOffset) + varint(value.byteLength) + 1;
    }
    if (value instanceof Map) {
      at += 1;
      for (const [k, v] of value) at = walk(v, walk(k, at, seen), seen);
      return at + 1 + varint(value.size * 2);
    }
    if (value instanceof Set) {
      at += 1;
      for (const v of value) at = walk(v, at, seen);
      return at + 1 + varint(value.size);
    }
    if (value instanceof Error) {
      at += 2; // the tag, and the prototype's tag (none for Error itself)
      at = string(String(value.message), at + 1);
      if (typeof value.stack === "string") at = string(value.stack, at + 1);
      return at + 1;
    }
    const keys = Object.keys(value);
    at += 1;
    for (const k of keys) {
      const index = /^(0|[1-9]\d{0,8})$/.test(k) ? Number(k) : -1; // array-index keys are written as numbers
      at = index >= 0 && isSmi(index) ? at + 1 + varint(zigzag(index)) : string(k, at);
      at = walk(value[k], at, seen);
    }
    return at + 1 + varint(keys.length);
  }

  function string(s, at) {
    if (ONE_BYTE.test(s)) return at + 1 + varint(s.length) + s.length;
    const bytes = s.length * 2;
    if ((at + 1 + varint(bytes)) % 2 === 1) at += 1; // padding, so the UTF-16 data starts even
    return at + 1 + varint(bytes) + bytes;
  }

  const serializedSize = (value) => walk(value, HEADER, new Map());

  // workerd's error for RPC arguments (checked by the caller) and results (by the callee).
  function checkRpcSize(value) {
    const size = serializedSize(value);
    if (size > RPC_LIMIT) {
      throw new Error(`Serialized RPC arguments or return values are limited to 32MiB, but the size of this value was: ${size} bytes.`);
    }
  }

  return { serializedSize, checkRpcSize };
})
