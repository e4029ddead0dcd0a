// node:crypto (nodejs_compat): hashes, HMAC, PBKDF2, HKDF and random values. The digests run in
// Java (ops.nodeCrypto over java.security); the API shape and Node's errors are here.
import { Buffer } from "node:buffer";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:crypto was loaded outside the workersim runtime");
const { nodeError, invalidArgType, outOfRange } = node;
const ops = node.crypto;

const HASHES = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];

function toBuffer(data, encoding, name) {
  if (typeof data === "string") return Buffer.from(data, encoding);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw invalidArgType(name, "of type string or an instance of Buffer, TypedArray, or DataView", data);
}

const fromHost = (byteBuffer) => Buffer.from(new Uint8Array(byteBuffer));
const encodeOutput = (buf, encoding) => (encoding === undefined || encoding === "buffer" ? buf : buf.toString(encoding));

class HashBase {
  #digest;
  #finalized = false;

  constructor(digest) { this.#digest = digest; }

  update(data, inputEncoding) {
    if (this.#finalized) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
    const bytes = toBuffer(data, inputEncoding, "data");
    this.#digest.update(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return this;
  }

  digest(outputEncoding) {
    if (this.#finalized) {
      if (this instanceof Hmac) return encodeOutput(Buffer.alloc(0), outputEncoding); // Node: empty after the first
      throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
    }
    this.#finalized = true;
    return encodeOutput(fromHost(this.#digest.digest()), outputEncoding);
  }

  static _copy(hash) {
    if (hash.#finalized) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
    return hash.#digest.copy();
  }
}

export class Hash extends HashBase {
  constructor(algorithm) { // options (outputLength for XOFs) do not apply to the digests served
    if (typeof algorithm !== "string") throw invalidArgType("algorithm", "of type string", algorithm);
    const digest = ops.hash(algorithm);
    if (digest === null || digest === undefined) throw new Error("Digest method not supported");
    super(digest);
  }

  // A Hash with the same input so far: HashBase's constructor over a cloned digest.
  copy() {
    return Reflect.construct(HashBase, [HashBase._copy(this)], Hash);
  }
}

export class Hmac extends HashBase {
  constructor(hmac, key, options) {
    if (typeof hmac !== "string") throw invalidArgType("hmac", "of type string", hmac);
    const k = key?.[Symbol.toStringTag] === "KeyObject" ? key.export() : toBuffer(key, options?.encoding, "key");
    const digest = ops.hmac(hmac, k.buffer, k.byteOffset, k.byteLength);
    if (digest === null || digest === undefined) throw new Error(`Invalid digest: ${hmac}`);
    super(digest);
  }
}

export function createHash(algorithm, options) { return new Hash(algorithm, options); }
export function createHmac(algorithm, key, options) { return new Hmac(algorithm, key, options); }
export function hash(algorithm, data, outputEncoding = "hex") {
  return createHash(algorithm).update(data).digest(outputEncoding);
}
export function getHashes() { return HASHES.slice(); }

// ---- ciphers: AES in the modes the JDK has ----

const CIPHER = /^aes-(128|192|256)-(cbc|ctr|ecb|gcm|ofb)$/; // workerd has no cfb

// workerd's wording for update() of a string without an encoding (it does not default to utf8).
function cipherInput(data, inputEncoding) {
  if (typeof data === "string") {
    if (inputEncoding === undefined || inputEncoding === null) {
      throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE",
        "The argument 'inputEncoding' If inputEncoding is not provided then the data must be a Buffer. Received undefined");
    }
    return Buffer.from(data, inputEncoding);
  }
  return toBuffer(data, undefined, "data");
}

class CipherBase {
  #mode;
  #encrypt;
  #key;
  #iv;
  #padding = true;
  #handle = null;
  #aad = [];
  #tag = null;
  #finalized = false;
  #pending = []; // GCM decryption: ciphertext waits for the tag, which the JDK wants at the end

  constructor(algorithm, key, iv, encrypt) {
    if (typeof algorithm !== "string") throw invalidArgType("cipher", "of type string", algorithm);
    const m = CIPHER.exec(algorithm.toLowerCase());
    if (m === null) throw new Error(`Unknown or unsupported cipher: ${algorithm}`);
    this.#mode = m[2];
    this.#encrypt = encrypt;
    this.#key = toBuffer(key?.[Symbol.toStringTag] === "KeyObject" ? key.export() : key, undefined, "key");
    if (this.#key.length !== Number(m[1]) / 8) throw new Error("Invalid key length");
    this.#iv = iv === null || iv === undefined ? Buffer.alloc(0) : toBuffer(iv, undefined, "iv");
    const ivOk = this.#mode === "ecb" ? this.#iv.length === 0 : this.#mode === "gcm" ? this.#iv.length > 0 : this.#iv.length === 16;
    if (!ivOk) throw new Error("Invalid initialization vector");
  }

  #open() {
    if (this.#handle === null) {
      const k = this.#key;
      const iv = this.#iv;
      this.#handle = ops.cipher(this.#mode, this.#encrypt, this.#padding, k.buffer, k.byteOffset, k.byteLength,
        iv.buffer, iv.byteOffset, iv.byteLength);
      if (this.#handle === null || this.#handle === undefined) throw new Error("Unknown or unsupported cipher");
      for (const a of this.#aad) this.#handle.aad(a.buffer, a.byteOffset, a.byteLength);
    }
    return this.#handle;
  }

  update(data, inputEncoding, outputEncoding) {
    if (this.#finalized) throw new Error("Cipher/decipher context has already been finalized");
    const bytes = cipherInput(data, inputEncoding);
    let out;
    if (this.#mode === "gcm" && !this.#encrypt) {
      this.#pending.push(Buffer.from(bytes));
      out = Buffer.alloc(0);
    } else {
      out = fromHost(this.#open().update(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
    return encodeOutput(out, outputEncoding);
  }

  final(outputEncoding) {
    if (this.#finalized) throw new Error("Cipher/decipher context has already been finalized");
    this.#finalized = true;
    const handle = this.#open();
    let prefix = Buffer.alloc(0);
    if (this.#mode === "gcm" && !this.#encrypt) {
      const tail = Buffer.concat([...this.#pending, this.#tag ?? Buffer.alloc(0)]);
      prefix = fromHost(handle.update(tail.buffer, tail.byteOffset, tail.byteLength));
    }
    const last = handle.finish();
    if (last === null || last === undefined) throw new Error("Authentication failed");
    let out = Buffer.concat([prefix, fromHost(last)]);
    if (this.#mode === "gcm" && this.#encrypt) {
      this.#tag = out.subarray(out.length - 16);
      out = out.subarray(0, out.length - 16);
    }
    return encodeOutput(out, outputEncoding);
  }

  setAutoPadding(autoPadding = true) {
    this.#padding = !!autoPadding;
    return this;
  }

  setAAD(buffer) {
    this.#aad.push(Buffer.from(toBuffer(buffer, undefined, "buffer")));
    return this;
  }

  static _getAuthTag(c) {
    if (!c.#finalized || c.#tag === null) throw new Error("Auth tag is only available once cipher context has been finalized");
    return Buffer.from(c.#tag);
  }

  static _setAuthTag(c, tag) {
    c.#tag = Buffer.from(toBuffer(tag, undefined, "buffer"));
    return c;
  }
}

export class Cipheriv extends CipherBase {
  constructor(algorithm, key, iv) { super(algorithm, key, iv, true); }
  getAuthTag() { return CipherBase._getAuthTag(this); }
}

export class Decipheriv extends CipherBase {
  constructor(algorithm, key, iv) { super(algorithm, key, iv, false); }
  setAuthTag(tag) { return CipherBase._setAuthTag(this, tag); }
}

export function createCipheriv(algorithm, key, iv) { return new Cipheriv(algorithm, key, iv); }
export function createDecipheriv(algorithm, key, iv) { return new Decipheriv(algorithm, key, iv); }
export function getCiphers() {
  return ["128", "192", "256"].flatMap((bits) => ["cbc", "ctr", "ecb", "ofb", "gcm"].map((m) => `aes-${bits}-${m}`));
}

// ---- key derivation ----

export function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const pw = toBuffer(password, undefined, "password");
  const s = toBuffer(salt, undefined, "salt");
  if (typeof iterations !== "number") throw invalidArgType("iterations", "of type number", iterations);
  if (!(iterations >= 1 && iterations <= 2147483647)) throw outOfRange("iterations", ">= 1 && <= 2147483647", iterations);
  if (typeof keylen !== "number") throw invalidArgType("keylen", "of type number", keylen);
  if (!(keylen >= 0 && keylen <= 2147483647)) throw outOfRange("keylen", ">= 0 && <= 2147483647", keylen);
  if (typeof digest !== "string") throw invalidArgType("digest", "of type string", digest);
  const out = ops.pbkdf2(pw.buffer, pw.byteOffset, pw.byteLength, s.buffer, s.byteOffset, s.byteLength, iterations, keylen, digest);
  if (out === null || out === undefined) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${digest}`);
  return fromHost(out);
}

export function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
  const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
  setTimeout(() => callback(null, key), 0);
}

// HKDF (RFC 5869) from HMAC: extract, then expand to keylen bytes. Returns an ArrayBuffer, as Node does.
export function hkdfSync(digest, ikm, salt, info, keylen) {
  const key = toBuffer(ikm, undefined, "ikm");
  const size = createHmac(digest, Buffer.alloc(1)).digest().length;
  if (keylen > 255 * size) throw nodeError(RangeError, "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
  const prk = createHmac(digest, salt === undefined || toBuffer(salt, undefined, "salt").length === 0 ? Buffer.alloc(size) : toBuffer(salt, undefined, "salt")).update(key).digest();
  const infoBytes = toBuffer(info ?? "", undefined, "info");
  const out = Buffer.alloc(keylen);
  let previous = Buffer.alloc(0);
  for (let i = 1, at = 0; at < keylen; i++) {
    previous = createHmac(digest, prk).update(previous).update(infoBytes).update(Uint8Array.of(i)).digest();
    previous.copy(out, at);
    at += previous.length;
  }
  return out.buffer.slice(out.byteOffset, out.byteOffset + keylen);
}

export function hkdf(digest, ikm, salt, info, keylen, callback) {
  if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
  const key = hkdfSync(digest, ikm, salt, info, keylen);
  setTimeout(() => callback(null, key), 0);
}

// ---- random values ----

export function randomBytes(size, callback) {
  if (typeof size !== "number") throw invalidArgType("size", "of type number", size);
  if (!(size >= 0 && size <= 2147483647)) throw outOfRange("size", ">= 0 && <= 2147483647", size);
  const buf = fromHost(ops.randomBytes(size));
  if (callback === undefined) return buf;
  if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
  setTimeout(() => callback(null, buf), 0);
}

export function randomFillSync(buffer, offset = 0, size) {
  const view = toBuffer(buffer, undefined, "buf");
  const n = size === undefined ? view.length - offset : size;
  view.set(new Uint8Array(ops.randomBytes(n)), offset);
  return buffer;
}

export function randomFill(buffer, offset, size, callback) {
  if (typeof offset === "function") { callback = offset; offset = 0; size = undefined; }
  else if (typeof size === "function") { callback = size; size = undefined; }
  randomFillSync(buffer, offset, size);
  setTimeout(() => callback(null, buffer), 0);
}

export function getRandomValues(array) {
  if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
    const err = new TypeError("The data argument must be an integer-type TypedArray");
    throw err;
  }
  if (array.byteLength > 65536) {
    throw new DOMException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`, "QuotaExceededError");
  }
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(new Uint8Array(ops.randomBytes(array.byteLength)));
  return array;
}

export function randomUUID() {
  const b = new Uint8Array(ops.randomBytes(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = Buffer.from(b).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function randomInt(min, max, callback) {
  if (typeof max === "function" || max === undefined) { callback = max; max = min; min = 0; }
  if (!Number.isSafeInteger(min)) throw invalidArgType("min", "a safe integer", min);
  if (!Number.isSafeInteger(max)) throw invalidArgType("max", "a safe integer", max);
  if (max <= min) {
    throw outOfRange("max", `greater than the value of "min" (${min})`, max);
  }
  const range = max - min;
  // Rejection sampling over 48 random bits keeps the result uniform.
  const limit = 2 ** 48 - (2 ** 48 % range);
  let x;
  do {
    const b = new Uint8Array(ops.randomBytes(6));
    x = b.reduce((acc, byte) => acc * 256 + byte, 0);
  } while (x >= limit);
  const n = min + (x % range);
  if (typeof callback === "function") { setTimeout(() => callback(null, n), 0); return undefined; }
  return n;
}

export function timingSafeEqual(a, b) {
  const x = toBuffer(a, undefined, "buf1");
  const y = toBuffer(b, undefined, "buf2");
  if (x.byteLength !== y.byteLength) throw new TypeError("Input buffers must have the same byte length.");
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

export const webcrypto = globalThis.crypto;
export const subtle = globalThis.crypto?.subtle;
export const constants = Object.freeze({});

export default {
  Hash, Hmac, createHash, createHmac, hash, getHashes, Cipheriv, Decipheriv, createCipheriv, createDecipheriv, getCiphers, pbkdf2, pbkdf2Sync, hkdf, hkdfSync, randomBytes,
  randomFill, randomFillSync, getRandomValues, randomUUID, randomInt, timingSafeEqual, webcrypto, subtle, constants,
};
