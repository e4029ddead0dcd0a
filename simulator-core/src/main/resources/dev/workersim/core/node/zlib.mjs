// node:zlib (nodejs_compat): the one-shot codecs (gzipSync ... and their callback forms) over
// java.util.zip (ops.nodeZlib). Errors carry zlib's message and code, as in Node.
import { Buffer } from "node:buffer";
import { Transform } from "node:stream";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:zlib was loaded outside the workersim runtime");
const { invalidArgType } = node;
const ops = node.zlib;

export const constants = Object.freeze({
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865,
  DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64,
  Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
  Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
});

function input(buffer) {
  if (typeof buffer === "string") return Buffer.from(buffer);
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  throw invalidArgType("buffer", "of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer", buffer);
}

function run(compress, format, buffer, options) {
  const bytes = input(buffer);
  const result = compress
    ? ops.compress(format, bytes.buffer, bytes.byteOffset, bytes.byteLength, options?.level ?? -1)
    : ops.decompress(format, bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const message = result.error();
  // workerd's error is zlib's message alone (recorded: no code).
  if (message !== null && message !== undefined) throw new Error(message);
  return Buffer.from(new Uint8Array(result.bytes()));
}

function pair(compress, format) {
  const sync = (buffer, options) => run(compress, format, buffer, options);
  const async = (buffer, options, callback) => {
    if (typeof options === "function") { callback = options; options = {}; }
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    let result, error = null;
    try { result = sync(buffer, options); } catch (e) { error = e; }
    setTimeout(() => (error ? callback(error) : callback(null, result)), 0);
  };
  return [sync, async];
}

export const [gzipSync, gzip] = pair(true, "gzip");
export const [gunzipSync, gunzip] = pair(false, "gzip");
export const [deflateSync, deflate] = pair(true, "deflate");
export const [inflateSync, inflate] = pair(false, "deflate");
export const [deflateRawSync, deflateRaw] = pair(true, "raw");
export const [inflateRawSync, inflateRaw] = pair(false, "raw");
export const [unzipSync, unzip] = pair(false, "unzip");

// zlib's CRC-32 (table-driven), as zlib.crc32(data[, value]) in Node 22.
const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
export function crc32(data, value = 0) {
  const bytes = input(data);
  let crc = ~value;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

// zlib's status codes by name and number, as zlib.codes.
export const codes = Object.freeze({
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  0: "Z_OK", 1: "Z_STREAM_END", 2: "Z_NEED_DICT", [-1]: "Z_ERRNO", [-2]: "Z_STREAM_ERROR", [-3]: "Z_DATA_ERROR",
  [-4]: "Z_MEM_ERROR", [-5]: "Z_BUF_ERROR", [-6]: "Z_VERSION_ERROR",
});

// ---- stream classes ----
// Compression streams out as input arrives (the incremental codec CompressionStream uses);
// decompression collects the input and inflates at the end, so errors carry zlib's message.

function compressor(format) {
  return (options, newTarget) => {
    const codec = node.compression.open(format, true);
    const emit = (stream, out) => { if (out !== null && out !== undefined) stream.push(Buffer.from(new Uint8Array(out))); };
    return Reflect.construct(Transform, [{
      ...options,
      transform(chunk, encoding, cb) {
        const bytes = input(chunk);
        emit(this, codec.push(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        cb();
      },
      flush(cb) {
        emit(this, codec.finish());
        cb();
      },
    }], newTarget);
  };
}

function decompressor(format) {
  return (options, newTarget) => {
    const parts = [];
    return Reflect.construct(Transform, [{
      ...options,
      transform(chunk, encoding, cb) {
        parts.push(Buffer.from(input(chunk)));
        cb();
      },
      flush(cb) {
        try {
          cb(null, run(false, format, Buffer.concat(parts), options));
        } catch (err) {
          cb(err);
        }
      },
    }], newTarget);
  };
}

function streamClass(name, make) {
  // A Transform built with this class as new.target, so instanceof and the name are right.
  const cls = { [name]: function (options) { return make(options, new.target ?? cls); } }[name];
  Object.setPrototypeOf(cls.prototype, Transform.prototype);
  Object.setPrototypeOf(cls, Transform);
  return cls;
}

export const Gzip = streamClass("Gzip", compressor("gzip"));
export const Deflate = streamClass("Deflate", compressor("deflate"));
export const DeflateRaw = streamClass("DeflateRaw", compressor("deflate-raw"));
export const Gunzip = streamClass("Gunzip", decompressor("gzip"));
export const Inflate = streamClass("Inflate", decompressor("deflate"));
export const InflateRaw = streamClass("InflateRaw", decompressor("raw"));
export const Unzip = streamClass("Unzip", decompressor("unzip"));
export const createGzip = (options) => new Gzip(options);
export const createDeflate = (options) => new Deflate(options);
export const createDeflateRaw = (options) => new DeflateRaw(options);
export const createGunzip = (options) => new Gunzip(options);
export const createInflate = (options) => new Inflate(options);
export const createInflateRaw = (options) => new InflateRaw(options);
export const createUnzip = (options) => new Unzip(options);

// Node still exports the constants at the top level too.
export const { Z_NO_FLUSH, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH, Z_BLOCK, Z_OK, Z_STREAM_END,
  Z_NEED_DICT, Z_ERRNO, Z_STREAM_ERROR, Z_DATA_ERROR, Z_MEM_ERROR, Z_BUF_ERROR, Z_VERSION_ERROR, Z_NO_COMPRESSION,
  Z_BEST_SPEED, Z_BEST_COMPRESSION, Z_DEFAULT_COMPRESSION, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED,
  Z_DEFAULT_STRATEGY, ZLIB_VERNUM, DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP, Z_MIN_WINDOWBITS,
  Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS, Z_MIN_CHUNK, Z_MAX_CHUNK, Z_DEFAULT_CHUNK, Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL,
  Z_DEFAULT_MEMLEVEL, Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_LEVEL } = constants;

export default {
  Gzip, Deflate, DeflateRaw, Gunzip, Inflate, InflateRaw, Unzip, createGzip, createDeflate, createDeflateRaw,
  createGunzip, createInflate, createInflateRaw, createUnzip, codes,
  constants, gzipSync, gzip, gunzipSync, gunzip, deflateSync, deflate, inflateSync, inflate,
  deflateRawSync, deflateRaw, inflateRawSync, inflateRaw, unzipSync, unzip, crc32,
};
