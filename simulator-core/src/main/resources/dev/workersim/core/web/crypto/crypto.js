// web/crypto/crypto.js: the `crypto` global (Crypto), SubtleCrypto with workerd's extensions
// (timingSafeEqual, crypto.DigestStream) over the algorithms of web/crypto/crypto-keys.js. Each method
// checks its arguments, finds the algorithm and settles a promise as workerd does; the work itself
// is synchronous Java (ops.crypto).
// imports: runtime/internal, web/encoding/encoding, web/streams/streams, web/crypto/crypto-keys
(function (ops, $, imports) {
  "use strict";
  const { webCrypto, requireRequestContext, utf8, utf8Decoder, WritableStream, idl, expose } = imports;
  const C = ops.crypto;
  const ILLEGAL_INVOCATION = "Illegal invocation: function called with incorrect `this` reference. "
    + "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.";
  const { HASHES, UNKNOWN_DIGEST, bufferArg, canon, dom, entryFor, equalBytes, exact, exportKey, failedTo, fromHost, importKey, keyArg, keyFor, normalize, random, usagesArg, viewOf } = webCrypto;

  // Runs an operation as workerd does: any error (argument checks included) rejects the promise.
  function settle(run) {
    try {
      return Promise.resolve(run());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  function SubtleCrypto() { throw new TypeError("Illegal constructor"); }
  const subtle = Object.create(SubtleCrypto.prototype);
  function thisSubtle(self) {
    if (self !== subtle) throw new TypeError(ILLEGAL_INVOCATION);
  }
  // encrypt, decrypt and sign: (algorithm, key, data) with the key's usage of the same name.
  function cipher(method, usage) {
    const run = function (...args) {
      thisSubtle(this);
      return settle(() => {
        const data = bufferArg(method, 3, args[2]);
        const s = keyArg(method, 2, args[1]);
        const a = normalize(args[0]);
        keyFor(a, s, usage);
        if (s.entry[method] === undefined) throw dom("NotSupportedError", `${s.name} does not support ${method}().`);
        return s.entry[method](a, s, data);
      });
    };
    return Object.defineProperty(run, "name", { value: method });
  }

  const subtleMethods = {
    encrypt: cipher("encrypt", "encrypt"),
    decrypt: cipher("decrypt", "decrypt"),
    sign: cipher("sign", "sign"),
    verify(...args) {
      thisSubtle(this);
      return settle(() => {
        const data = bufferArg("verify", 4, args[3]);
        const signature = bufferArg("verify", 3, args[2]).slice();
        const s = keyArg("verify", 2, args[1]);
        const a = normalize(args[0]);
        keyFor(a, s, "verify");
        return s.entry.verify(a, s, signature, data);
      });
    },
    digest(...args) {
      thisSubtle(this);
      return settle(() => {
        const data = bufferArg("digest", 2, args[1]);
        const hash = canon(normalize(args[0]).name, HASHES);
        if (hash === undefined) throw dom("NotSupportedError", UNKNOWN_DIGEST);
        return fromHost(C.digest(hash, exact(data)));
      });
    },
    generateKey(...args) {
      thisSubtle(this);
      return settle(() => {
        const usages = usagesArg("generateKey", 3, args[2]);
        const a = normalize(args[0]);
        const entry = entryFor(a.name);
        if (entry === undefined || entry.generate === undefined) {
          throw dom("NotSupportedError", `Unrecognized key generation algorithm "${a.name}" requested.`);
        }
        requireRequestContext();
        return entry.generate(a, Boolean(args[1]), usages);
      });
    },
    deriveKey(...args) {
      thisSubtle(this);
      return settle(() => {
        const usages = usagesArg("deriveKey", 5, args[4]);
        const s = keyArg("deriveKey", 2, args[1]);
        const a = normalize(args[0]);
        keyFor(a, s, "deriveKey");
        const target = normalize(args[2], "derivedKeyParams");
        const entry = entryFor(target.name);
        if (entry === undefined || entry.keyLength === undefined) {
          throw dom("NotSupportedError", `Unrecognized derived key type "${target.name}" requested.`);
        }
        const bits = s.entry.deriveBits(a, s, entry.keyLength(target));
        return importKey("raw", bits, target, args[3], usages); // `target` keeps its "derivedKeyParams" name
      });
    },
    deriveBits(...args) {
      thisSubtle(this);
      return settle(() => {
        const s = keyArg("deriveBits", 2, args[1]);
        const a = normalize(args[0]);
        keyFor(a, s, "deriveBits");
        return s.entry.deriveBits(a, s, args[2] === undefined || args[2] === null ? null : Number(args[2]) >>> 0);
      });
    },
    importKey(...args) {
      thisSubtle(this);
      return settle(() => importKey(args[0], args[1], args[2], args[3], usagesArg("importKey", 5, args[4])));
    },
    exportKey(...args) {
      thisSubtle(this);
      return settle(() => exportKey(args[0], keyArg("exportKey", 2, args[1])));
    },
    wrapKey(...args) {
      thisSubtle(this);
      return settle(() => {
        const format = String(args[0]);
        const s = keyArg("wrapKey", 2, args[1]);
        const w = keyArg("wrapKey", 3, args[2]);
        const a = normalize(args[3]);
        keyFor(a, w, "wrapKey");
        const exported = exportKey(format, s);
        const bytes = format === "jwk" ? utf8.encode(JSON.stringify(exported)) : new Uint8Array(exported);
        if (w.entry.wrap) return w.entry.wrap(a, w, bytes);
        return w.entry.encrypt(a, w, bytes);
      });
    },
    unwrapKey(...args) {
      thisSubtle(this);
      return settle(() => {
        const usages = usagesArg("unwrapKey", 7, args[6]);
        const format = String(args[0]);
        const wrapped = bufferArg("unwrapKey", 2, args[1]);
        const w = keyArg("unwrapKey", 3, args[2]);
        const a = normalize(args[3]);
        keyFor(a, w, "unwrapKey");
        const bytes = w.entry.unwrap ? w.entry.unwrap(a, w, wrapped) : w.entry.decrypt(a, w, wrapped);
        const data = format === "jwk" ? JSON.parse(utf8Decoder.decode(bytes)) : bytes; // a SyntaxError as in workerd
        return importKey(format, data, args[4], args[5], usages);
      });
    },
    timingSafeEqual(...args) {
      thisSubtle(this);
      const a = viewOf(args[0]);
      if (a === null) throw failedTo("timingSafeEqual", 1, "BufferSource");
      const b = viewOf(args[1]);
      if (b === null) throw failedTo("timingSafeEqual", 2, "BufferSource");
      if (a.byteLength !== b.byteLength) throw new TypeError("Input buffers must have the same byte length.");
      return equalBytes(a, b);
    },
  };

  // ---- DigestStream -----------------------------------------------------------------------------

  // A WritableStream that hashes what is written to it; `digest` settles when it closes or aborts.
  class DigestStream extends WritableStream {
    #state;
    constructor(...args) {
      const algorithm = args[0];
      if (algorithm === undefined) {
        throw new TypeError("Failed to construct 'DigestStream': constructor parameter 1 is not of type 'string or HashAlgorithm'.");
      }
      const hash = canon(normalize(algorithm).name, HASHES);
      if (hash === undefined) throw dom("NotSupportedError", UNKNOWN_DIGEST);
      const hasher = C.hasher(hash);
      const state = { bytes: 0n, digest: null, resolve: null, reject: null };
      state.digest = new Promise((resolve, reject) => { state.resolve = resolve; state.reject = reject; });
      state.digest.catch(() => {}); // nobody has to await it
      super({
        write(chunk) {
          const bytes = typeof chunk === "string" ? utf8.encode(chunk) : viewOf(chunk);
          if (bytes === null) {
            const err = new TypeError("DigestStream is a byte stream but received an object of non-ArrayBuffer/ArrayBufferView/string type on its writable side.");
            state.reject(err);
            throw err;
          }
          hasher.update(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          state.bytes += BigInt(bytes.byteLength);
        },
        close() { state.resolve(fromHost(hasher.finish())); },
        abort(reason) { state.reject(reason); },
      });
      this.#state = state;
    }
    get digest() { return this.#state.digest; }
    get bytesWritten() { return this.#state.bytes; }
  }
  for (const key of ["digest", "bytesWritten"]) {
    Object.defineProperty(DigestStream.prototype, key, Object.assign(Object.getOwnPropertyDescriptor(DigestStream.prototype, key), { enumerable: true }));
  }
  idl(DigestStream);
  // Called without `new`, a class says "Class constructor ..."; workerd says this.
  const DigestStreamCtor = new Proxy(DigestStream, {
    apply() {
      throw new TypeError("Failed to construct 'DigestStream': Please use the 'new' operator, this object constructor cannot be called as a function.");
    },
  });

  // ---- Crypto ---------------------------------------------------------------------------------

  function Crypto() { throw new TypeError("Illegal constructor"); }
  const cryptoObject = Object.create(Crypto.prototype);
  function thisCrypto(self) {
    if (self !== cryptoObject) throw new TypeError(ILLEGAL_INVOCATION);
  }

  // %TypedArray%.prototype[@@toStringTag] names a typed array's kind without trusting user-visible state.
  const typedArrayKind = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
  const INTEGER_ARRAYS = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
    "Int32Array", "Uint32Array", "BigInt64Array", "BigUint64Array"];

  const cryptoMembers = {
    get subtle() {
      thisCrypto(this);
      return subtle;
    },
    getRandomValues(...args) {
      thisCrypto(this);
      const view = args[0];
      if (!ArrayBuffer.isView(view)) {
        throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'.");
      }
      if (!INTEGER_ARRAYS.includes(typedArrayKind.call(view))) {
        throw dom("TypeMismatchError", "ArrayBufferView argument to getRandomValues() must be an integer-typed view.");
      }
      if (view.byteLength > 65536) {
        throw dom("QuotaExceededError", `getRandomValues() only accepts buffers of size <= 64K but provided ${view.byteLength} bytes.`);
      }
      new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(random(view.byteLength));
      return view;
    },
    randomUUID(...args) {
      thisCrypto(this);
      requireRequestContext();
      return C.randomUUID();
    },
  };

  // Web IDL shape: members on the prototype, enumerable, in workerd's order; a toStringTag.
  function defineMembers(proto, members) {
    for (const key of Object.keys(members)) {
      const d = Object.getOwnPropertyDescriptor(members, key);
      Object.defineProperty(proto, key, Object.assign(d, { enumerable: true, configurable: true }));
    }
  }
  defineMembers(SubtleCrypto.prototype, subtleMethods);
  defineMembers(Crypto.prototype, cryptoMembers);
  Object.defineProperty(Object.getOwnPropertyDescriptor(Crypto.prototype, "subtle").get, "name", { value: "" }); // as workerd's accessor
  Object.defineProperty(Crypto.prototype, "DigestStream", { value: DigestStreamCtor, writable: true, enumerable: true, configurable: true });
  // `constructor` last, as workerd lists it.
  for (const [cls, ctor] of [[Crypto, Crypto], [SubtleCrypto, SubtleCrypto], [DigestStream, DigestStreamCtor]]) {
    delete cls.prototype.constructor;
    Object.defineProperty(cls.prototype, "constructor", { value: ctor, writable: true, enumerable: false, configurable: true });
    idl(cls);
  }

  // workerd's `crypto` is an enumerable data property of the global.
  Object.defineProperty(globalThis, "crypto", { value: cryptoObject, writable: true, enumerable: true, configurable: true });
  for (const cls of [Crypto, SubtleCrypto]) expose(cls.name, cls);

  return { crypto: cryptoObject, DigestStream: DigestStreamCtor };
})
