// node:buffer (nodejs_compat): Buffer, a Uint8Array subclass with Node's encodings and its
// read/write methods. Under nodejs_compat it is also the global `Buffer`.
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:buffer was loaded outside the workersim runtime");
const { nodeError, invalidArgType, outOfRange } = node;

export const kMaxLength = 2 ** 32;
export const kStringMaxLength = 2 ** 29 - 24;
export const constants = Object.freeze({ MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength });
export let INSPECT_MAX_BYTES = 50;
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

// ---- encodings: each turns a string into bytes and a byte range into a string ----

// hex, base64 and latin1 run in Java (ops.nodeBuffer): per-byte JS loops are slow in the interpreter.
const ops = node.buffer;
const hexEncode = (b) => ops.hex(b.buffer, b.byteOffset, b.byteLength);
const fromHost = (b) => { const v = new Uint8Array(b); const out = new Uint8Array(v.length); out.set(v); return out; };
const hexDecode = (s) => fromHost(ops.fromHex(s));
const base64Decode = (s) => fromHost(ops.fromBase64(s));
const base64Encode = (b, url) => ops.base64(b.buffer, b.byteOffset, b.byteLength, url);
const latin1Decode = (b) => ops.latin1(b.buffer, b.byteOffset, b.byteLength);
// latin1 and ascii keep the low byte of each UTF-16 unit, as Node does.
function latin1Encode(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const ENCODINGS = {
  utf8: {
    encode: (s) => utf8Encoder.encode(s),
    decode: (b) => utf8Decoder.decode(b),
    byteLength: (s) => utf8Encoder.encode(s).length,
  },
  hex: {
    encode: hexDecode,
    decode: hexEncode,
    byteLength: (s) => s.length >>> 1,
  },
  base64: {
    encode: base64Decode,
    decode: (b) => base64Encode(b, false),
    byteLength: base64ByteLength,
  },
  base64url: {
    encode: base64Decode,
    decode: (b) => base64Encode(b, true),
    byteLength: base64ByteLength,
  },
  latin1: {
    encode: latin1Encode,
    decode: latin1Decode,
    byteLength: (s) => s.length,
  },
  ascii: {
    encode: latin1Encode,
    decode: (b) => latin1Decode(b.map((x) => x & 0x7f)),
    byteLength: (s) => s.length,
  },
  utf16le: {
    encode(s) {
      const out = new Uint8Array(s.length * 2);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        out[i * 2] = c & 0xff;
        out[i * 2 + 1] = c >>> 8;
      }
      return out;
    },
    decode(b) {
      let s = "";
      for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b[i] | (b[i + 1] << 8));
      return s;
    },
    byteLength: (s) => s.length * 2,
  },
};

function base64ByteLength(s) {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 61) n--;
  return (n * 3) >>> 2;
}

function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === "") return "utf8";
  switch (String(enc).toLowerCase()) {
    case "utf8": case "utf-8": return "utf8";
    case "hex": return "hex";
    case "base64": return "base64";
    case "base64url": return "base64url";
    case "latin1": case "binary": return "latin1";
    case "ascii": return "ascii";
    case "ucs2": case "ucs-2": case "utf16le": case "utf-16le": return "utf16le";
    default: return undefined;
  }
}

function encodingOf(enc) {
  const name = normalizeEncoding(enc);
  if (name === undefined) throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", "Unknown encoding: " + enc);
  return ENCODINGS[name];
}

const encodeString = (string, encoding) => encodingOf(encoding).encode(string);

// ---- bounds checks with Node's errors ----

function checkOffset(buf, offset, byteLength) {
  if (offset === undefined) offset = 0;
  if (typeof offset !== "number") throw invalidArgType("offset", "of type number", offset);
  if (buf[offset] === undefined || buf[offset + byteLength - 1] === undefined) {
    boundsError(offset, buf.length - byteLength);
  }
  return offset;
}

function boundsError(value, max) {
  if (Math.floor(value) !== value) throw outOfRange("offset", "an integer", value);
  if (max < 0) throw nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds");
  throw outOfRange("offset", `>= 0 and <= ${max}`, value);
}

function checkValue(value, min, max, byteLength) {
  if (typeof value !== "number" && typeof value !== "bigint") throw invalidArgType("value", "of type number", value);
  if (value > max || value < min) {
    const n = typeof min === "bigint" ? "n" : "";
    let range;
    if (byteLength > 4 || typeof min === "bigint") {
      range = min === 0 || min === 0n ? `>= 0${n} and < 2${n} ** ${byteLength * 8}${n}`
        : `>= -(2${n} ** ${byteLength * 8 - 1}${n}) and < 2 ** ${byteLength * 8 - 1}${n}`;
    } else {
      range = `>= ${min} and <= ${max}`;
    }
    throw outOfRange("value", range, value);
  }
}

const view = (buf) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

function toBytes(value, encoding, what) {
  if (typeof value === "string") return encodeString(value, encoding);
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw invalidArgType(what, "of type string or an instance of Buffer or Uint8Array", value);
}

// ---- Buffer ----

export class Buffer extends Uint8Array {
  // `new Buffer(...)` is deprecated in Node but still works; subarray() and map() come through here too.
  constructor(arg, encodingOrOffset, length) {
    if (typeof arg === "string") {
      const bytes = encodeString(arg, encodingOrOffset);
      super(bytes.length);
      this.set(bytes);
    } else if (arguments.length <= 1) {
      super(arg);
    } else {
      super(arg, encodingOrOffset, length);
    }
  }

  static from(value, encodingOrOffset, length) {
    if (typeof value === "string") return fromBytes(encodeString(value, encodingOrOffset));
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer)) {
      const offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset || 0;
      const max = value.byteLength - offset;
      if (max < 0) throw nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", '"offset" is outside of buffer bounds');
      const len = length === undefined ? max : Math.max(0, Math.min(+length || 0, max));
      return new Buffer(value, offset, len);
    }
    if (value instanceof Uint8Array) return fromBytes(value);
    // Other typed arrays are copied element by element (each truncated to a byte), as in Node.
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return fromArrayLike(value);
    if (value !== null && typeof value === "object") {
      if (typeof value.valueOf === "function") {
        const prim = value.valueOf();
        if (prim !== value && prim != null && (typeof prim === "string" || typeof prim === "object")) {
          return Buffer.from(prim, encodingOrOffset, length);
        }
      }
      if (value.type === "Buffer" && Array.isArray(value.data)) return fromArrayLike(value.data);
      if (typeof value.length === "number" || Array.isArray(value)) return fromArrayLike(value);
      if (typeof value[Symbol.toPrimitive] === "function") {
        const prim = value[Symbol.toPrimitive]("string");
        if (typeof prim === "string") return Buffer.from(prim, encodingOrOffset);
      }
    }
    return fromError(value);
  }

  static of(...items) { return fromArrayLike(items); }

  static alloc(size, fill, encoding) {
    checkSize(size);
    const buf = new Buffer(size);
    if (fill !== undefined && fill !== 0 && size > 0) buf.fill(fill, encoding);
    return buf;
  }

  static allocUnsafe(size) { checkSize(size); return new Buffer(size); }
  static allocUnsafeSlow(size) { checkSize(size); return new Buffer(size); }

  static isBuffer(value) { return value instanceof Buffer; }

  static isEncoding(encoding) { return typeof encoding === "string" && encoding !== "" && normalizeEncoding(encoding) !== undefined; }

  static byteLength(value, encoding) {
    if (typeof value !== "string") {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw invalidArgType("string", "of type string or an instance of Buffer or ArrayBuffer", value);
    }
    const name = normalizeEncoding(encoding) ?? "utf8";
    return ENCODINGS[name].byteLength(value);
  }

  static concat(list, totalLength) {
    if (!Array.isArray(list)) throw invalidArgType("list", "an instance of Array", list);
    if (totalLength === undefined) totalLength = list.reduce((n, b) => n + b.length, 0);
    const out = Buffer.alloc(totalLength);
    let at = 0;
    list.forEach((b, i) => {
      if (!(b instanceof Uint8Array)) throw invalidArgType(`list[${i}]`, "an instance of Buffer or Uint8Array", b);
      if (at >= totalLength) return;
      const part = b.length > totalLength - at ? b.subarray(0, totalLength - at) : b;
      out.set(part, at);
      at += part.length;
    });
    return out;
  }

  static compare(a, b) {
    if (!(a instanceof Uint8Array)) throw invalidArgType("buf1", "an instance of Buffer or Uint8Array", a);
    if (!(b instanceof Uint8Array)) throw invalidArgType("buf2", "an instance of Buffer or Uint8Array", b);
    return compareBytes(a, b);
  }

  static get poolSize() { return 8192; }

  get parent() { return this.buffer; }
  get offset() { return this.byteOffset; }

  toString(encoding, start, end) {
    if (arguments.length === 0) return utf8Decoder.decode(this);
    start = start === undefined ? 0 : Math.max(0, start | 0);
    end = end === undefined ? this.length : Math.min(this.length, end | 0);
    if (end <= start) return "";
    return encodingOf(encoding).decode(this.subarray(start, end));
  }

  toLocaleString(encoding, start, end) { return this.toString(encoding, start, end); }

  toJSON() { return { type: "Buffer", data: Array.from(this) }; }

  equals(other) {
    if (!(other instanceof Uint8Array)) throw invalidArgType("otherBuffer", "an instance of Buffer or Uint8Array", other);
    return this === other || compareBytes(this, other) === 0;
  }

  compare(target, targetStart = 0, targetEnd = target?.length, sourceStart = 0, sourceEnd = this.length) {
    if (!(target instanceof Uint8Array)) throw invalidArgType("target", "an instance of Buffer or Uint8Array", target);
    return compareBytes(this.subarray(sourceStart, sourceEnd), target.subarray(targetStart, targetEnd));
  }

  write(string, offset, length, encoding) {
    if (typeof string !== "string") throw invalidArgType("argument", "of type string", string);
    if (typeof offset === "string") { encoding = offset; offset = 0; length = undefined; }
    else if (typeof length === "string") { encoding = length; length = undefined; }
    offset = offset === undefined ? 0 : offset >>> 0;
    if (offset > this.length) throw outOfRange("offset", `>= 0 && <= ${this.length}`, offset);
    const room = Math.min(this.length - offset, length === undefined ? Infinity : length >>> 0);
    let bytes = encodeString(string, encoding);
    if (bytes.length > room) {
      bytes = bytes.subarray(0, room);
      // UTF-8 writes whole characters only.
      if (normalizeEncoding(encoding) === "utf8") {
        let end = room;
        while (end > 0 && (bytes[end - 1] & 0xc0) === 0x80) end--;
        if (end > 0 && bytes[end - 1] >= 0xc0) {
          const lead = bytes[end - 1];
          const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
          if (room - (end - 1) < need) bytes = bytes.subarray(0, end - 1);
        }
      }
    }
    this.set(bytes, offset);
    return bytes.length;
  }

  fill(value, offset, end, encoding) {
    if (typeof offset === "string") { encoding = offset; offset = 0; end = this.length; }
    else if (typeof end === "string") { encoding = end; end = this.length; }
    offset = offset === undefined ? 0 : offset;
    end = end === undefined ? this.length : end;
    if (offset < 0 || offset > this.length) throw outOfRange("offset", `>= 0 && <= ${this.length}`, offset);
    if (end < 0 || end > this.length) throw outOfRange("end", `>= 0 && <= ${this.length}`, end);
    if (typeof value === "number" || typeof value === "boolean") {
      Uint8Array.prototype.fill.call(this, Number(value) & 255, offset, end);
      return this;
    }
    const bytes = typeof value === "string" ? encodeString(value, encoding) : toBytes(value, encoding, "value");
    if (bytes.length === 0) {
      if (typeof value === "string" && value !== "") throw outOfRange("value", "a valid fill value", value);
      Uint8Array.prototype.fill.call(this, 0, offset, end);
      return this;
    }
    for (let i = offset; i < end; i++) this[i] = bytes[(i - offset) % bytes.length];
    return this;
  }

  copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
    if (!(target instanceof Uint8Array)) throw invalidArgType("target", "an instance of Buffer or Uint8Array", target);
    sourceEnd = Math.min(sourceEnd, this.length);
    const n = Math.max(0, Math.min(sourceEnd - sourceStart, target.length - targetStart));
    if (n > 0) target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
    return n;
  }

  // Node's slice() is a view, like subarray(), not a copy.
  slice(start, end) { return this.subarray(start, end); }

  indexOf(value, byteOffset, encoding) { return search(this, value, byteOffset, encoding, true); }
  lastIndexOf(value, byteOffset, encoding) { return search(this, value, byteOffset, encoding, false); }
  includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }

  swap16() { return swap(this, 2); }
  swap32() { return swap(this, 4); }
  swap64() { return swap(this, 8); }

  readUIntLE(offset, byteLength) { return readVar(this, offset, byteLength, true, false); }
  readUIntBE(offset, byteLength) { return readVar(this, offset, byteLength, false, false); }
  readIntLE(offset, byteLength) { return readVar(this, offset, byteLength, true, true); }
  readIntBE(offset, byteLength) { return readVar(this, offset, byteLength, false, true); }
  writeUIntLE(value, offset, byteLength) { return writeVar(this, value, offset, byteLength, true, false); }
  writeUIntBE(value, offset, byteLength) { return writeVar(this, value, offset, byteLength, false, false); }
  writeIntLE(value, offset, byteLength) { return writeVar(this, value, offset, byteLength, true, true); }
  writeIntBE(value, offset, byteLength) { return writeVar(this, value, offset, byteLength, false, true); }

  [inspectSymbol]() {
    const shown = Math.min(INSPECT_MAX_BYTES, this.length);
    let s = hexEncode(this.subarray(0, shown)).replace(/(.{2})(?!$)/g, "$1 ");
    if (this.length > shown) s += ` ... ${this.length - shown} more byte${this.length - shown > 1 ? "s" : ""}`;
    return `<${this.constructor.name}${s ? " " + s : ""}>`;
  }
}

// The fixed-width read/write methods: name, size, DataView getter/setter, range for writes.
const FIXED = [
  ["UInt8", 1, "Uint8", 0, 255], ["Int8", 1, "Int8", -128, 127],
  ["UInt16", 2, "Uint16", 0, 0xffff], ["Int16", 2, "Int16", -0x8000, 0x7fff],
  ["UInt32", 4, "Uint32", 0, 0xffffffff], ["Int32", 4, "Int32", -0x80000000, 0x7fffffff],
  ["Float", 4, "Float32"], ["Double", 8, "Float64"],
  ["BigUInt64", 8, "BigUint64", 0n, 2n ** 64n - 1n], ["BigInt64", 8, "BigInt64", -(2n ** 63n), 2n ** 63n - 1n],
];
for (const [name, size, dv, min, max] of FIXED) {
  const orders = size === 1 ? [""] : ["LE", "BE"];
  for (const order of orders) {
    const little = order === "LE";
    const read = {
      [`read${name}${order}`](offset = 0) {
        offset = checkOffset(this, offset, size);
        return view(this)[`get${dv}`](offset, little);
      },
    }[`read${name}${order}`];
    const write = {
      [`write${name}${order}`](value, offset = 0) {
        if (min !== undefined) checkValue(value, min, max, size);
        offset = checkOffset(this, offset, size);
        view(this)[`set${dv}`](offset, typeof min === "bigint" ? value : +value, little);
        return offset + size;
      },
    }[`write${name}${order}`];
    for (const [verb, fn] of [["read", read], ["write", write]]) {
      const def = { value: fn, writable: true, configurable: true, enumerable: false };
      Object.defineProperty(Buffer.prototype, `${verb}${name}${order}`, def);
      // readUint8 and co: the lower-case aliases Node also has.
      if (name.includes("UInt")) Object.defineProperty(Buffer.prototype, `${verb}${name.replace("UInt", "Uint")}${order}`, def);
    }
  }
}
for (const name of ["readUIntLE", "readUIntBE", "writeUIntLE", "writeUIntBE"]) {
  Object.defineProperty(Buffer.prototype, name.replace("UInt", "Uint"),
    { value: Buffer.prototype[name], writable: true, configurable: true, enumerable: false });
}

function readVar(buf, offset, byteLength, little, signed) {
  if (!(byteLength >= 1 && byteLength <= 6)) throw outOfRange("byteLength", ">= 1 and <= 6", byteLength);
  offset = checkOffset(buf, offset, byteLength);
  let v = 0;
  for (let i = 0; i < byteLength; i++) v = v * 256 + buf[offset + (little ? byteLength - 1 - i : i)];
  if (signed && v >= 2 ** (8 * byteLength - 1)) v -= 2 ** (8 * byteLength);
  return v;
}

function writeVar(buf, value, offset, byteLength, little, signed) {
  if (!(byteLength >= 1 && byteLength <= 6)) throw outOfRange("byteLength", ">= 1 and <= 6", byteLength);
  const bits = 8 * byteLength;
  checkValue(value, signed ? -(2 ** (bits - 1)) : 0, signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1, byteLength);
  offset = checkOffset(buf, offset, byteLength);
  let v = value < 0 ? value + 2 ** bits : value;
  for (let i = 0; i < byteLength; i++) {
    buf[offset + (little ? i : byteLength - 1 - i)] = v % 256;
    v = Math.floor(v / 256);
  }
  return offset + byteLength;
}

function swap(buf, size) {
  if (buf.length % size !== 0) {
    throw nodeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${size * 8}-bits`);
  }
  for (let i = 0; i < buf.length; i += size) buf.subarray(i, i + size).reverse();
  return buf;
}

function search(buf, value, byteOffset, encoding, forward) {
  if (typeof byteOffset === "string") { encoding = byteOffset; byteOffset = undefined; }
  let from = byteOffset === undefined ? (forward ? 0 : buf.length) : Number(byteOffset) || 0;
  if (from < 0) from += buf.length;
  let needle;
  if (typeof value === "number") needle = Uint8Array.of(value & 255);
  else needle = toBytes(value, encoding, "value");
  if (forward) {
    from = Math.max(0, from);
    if (needle.length === 0) return Math.min(from, buf.length);
    for (let i = from; i <= buf.length - needle.length; i++) if (matchAt(buf, needle, i)) return i;
  } else {
    for (let i = Math.min(from, buf.length - needle.length); i >= 0; i--) if (matchAt(buf, needle, i)) return i;
  }
  return -1;
}

function matchAt(buf, needle, at) {
  for (let j = 0; j < needle.length; j++) if (buf[at + j] !== needle[j]) return false;
  return true;
}

function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function fromBytes(bytes) {
  const buf = new Buffer(bytes.length);
  buf.set(bytes);
  return buf;
}

function fromArrayLike(list) {
  const buf = new Buffer(list.length >>> 0);
  for (let i = 0; i < buf.length; i++) buf[i] = list[i];
  return buf;
}

function fromError(value) {
  throw invalidArgType("first argument",
    "of type string or an instance of Buffer, TypedArray, ArrayBuffer, SharedArrayBuffer, or Array or an Array-like Object",
    value);
}

function checkSize(size) {
  if (typeof size !== "number") throw invalidArgType("size", "of type number", size);
  if (!(size >= 0 && size <= kMaxLength)) throw outOfRange("size", `>= 0 && <= ${kMaxLength}`, size);
}

export const SlowBuffer = Buffer;
export const Blob = globalThis.Blob;
export const File = globalThis.File;
export const atob = globalThis.atob;
export const btoa = globalThis.btoa;

export function isUtf8(input) {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(input);
    return true;
  } catch {
    return false;
  }
}
// Re-encodes bytes from one Node encoding to another (through a string, as the encodings are text).
export function transcode(source, fromEnc, toEnc) {
  if (!(source instanceof Uint8Array)) throw invalidArgType("source", "an instance of Buffer or Uint8Array", source);
  return Buffer.from(Buffer.prototype.toString.call(source, fromEnc), toEnc);
}
export function resolveObjectURL() { return undefined; } // workerd has no blob: URL registry

export function isAscii(input) {
  const bytes = toBytes(input, undefined, "input");
  return bytes.every((b) => b < 128);
}

// The global exists from nodejs_compat_v2 on (2024-09-23), as in workerd.
if (node.compat.nodejs_compat_v2) node.expose("Buffer", Buffer);

export default { Buffer, SlowBuffer, kMaxLength, kStringMaxLength, constants, INSPECT_MAX_BYTES, Blob, File, atob, btoa, isUtf8, isAscii, transcode, resolveObjectURL };
