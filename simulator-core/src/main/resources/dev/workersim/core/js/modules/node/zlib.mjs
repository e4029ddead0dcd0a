// node:zlib (nodejs_compat): the one-shot codecs (gzipSync ... and their callback forms) over
// java.util.zip (ops.nodeZlib). Errors carry zlib's message and code, as in Node.
import { Buffer } from "node:buffer";
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

export default {
  constants, gzipSync, gzip, gunzipSync, gunzip, deflateSync, deflate, inflateSync, inflate,
  deflateRawSync, deflateRaw, inflateRawSync, inflateRaw, unzipSync, unzip, crc32,
};
