// web/crypto/crypto-keys.js: the algorithms of Web Crypto as workerd has them, and CryptoKey. Each
// algorithm is an entry (name, usages, generate/import/export, sign/encrypt/deriveBits...) that owns
// its parameter checks and workerd's messages; web/crypto/crypto.js is the public surface over them. The
// arithmetic is Java's (ops.crypto, CryptoOps over the JCA).
// imports: runtime/internal, web/events/events, web/clone/structured-clone
(function (ops, $, imports) {
  "use strict";
  const { DOMException, requireRequestContext, unserializable, expose, fromHost: hostBytes } = imports;
  const C = ops.crypto;
  const ILLEGAL_INVOCATION = "Illegal invocation: function called with incorrect `this` reference. "
    + "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.";
  const dom = (name, message) => new DOMException(message, name);

  // ---- bytes ---------------------------------------------------------------------------------

  // A Uint8Array over a BufferSource, or null for anything else.
  function viewOf(x) {
    if (x instanceof ArrayBuffer) return new Uint8Array(x);
    if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
    return null;
  }
  // Java reads whole ArrayBuffers: hand it the view's own buffer when it covers it, else a copy.
  const exact = (u8) => (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? u8.buffer : u8.slice().buffer);
  // A host buffer into a JS-owned ArrayBuffer.
  const fromHost = (b) => hostBytes(b).buffer;
  // The result of an op that returns null on bad input, with the reason Java left.
  function checked(r) {
    if (r === null || r === undefined) throw dom(C.errorName(), C.errorMessage());
    return r;
  }
  // Random bytes, refused (as workerd does) while the worker's top-level code runs.
  function random(n) {
    requireRequestContext();
    return hostBytes(C.random(n));
  }

  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  function b64url(u8) {
    let s = "";
    for (let i = 0; i < u8.length; i += 3) {
      const n = (u8[i] << 16) | ((u8[i + 1] ?? 0) << 8) | (u8[i + 2] ?? 0);
      const chars = Math.ceil(Math.min(3, u8.length - i) * 4 / 3);
      for (let j = 0; j < chars; j++) s += B64[(n >> (18 - 6 * j)) & 63];
    }
    return s;
  }
  function unb64url(s, what) {
    s = String(s).replace(/=+$/, "");
    const out = new Uint8Array(Math.floor(s.length * 3 / 4));
    let bits = 0, acc = 0, at = 0;
    for (const ch of s) {
      const v = B64.indexOf(ch === "+" ? "-" : ch === "/" ? "_" : ch);
      if (v < 0) throw dom("DataError", `Invalid base64url encoding in ${what}.`);
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) { bits -= 8; out[at++] = (acc >> bits) & 255; }
    }
    return out.subarray(0, at);
  }

  // ---- arguments ------------------------------------------------------------------------------

  const failedTo = (method, i, type) => new TypeError(`Failed to execute '${method}' on 'SubtleCrypto': parameter ${i} is not of type '${type}'.`);
  function bufferArg(method, i, x) {
    const v = viewOf(x);
    if (v === null) throw failedTo(method, i, "BufferSource");
    return v;
  }
  function keyArg(method, i, k) {
    const s = keyState.get(k);
    if (s === undefined) throw failedTo(method, i, "CryptoKey");
    return s;
  }
  function usagesArg(method, i, u) {
    if (!Array.isArray(u)) throw failedTo(method, i, "Array");
    return Array.from(u, String);
  }
  // An algorithm identifier as a dictionary with a string name. `dict` is what workerd calls the
  // dictionary in "Missing field" messages ("algorithm", or "derivedKeyParams" for deriveKey's target).
  const DICT = Symbol("dictionary");
  function normalize(alg, dict = "algorithm") {
    if (alg !== null && typeof alg === "object" && alg[DICT] !== undefined) return alg; // already normalized
    if (typeof alg === "string") return { name: alg, [DICT]: dict };
    if (alg !== null && typeof alg === "object") {
      return Object.assign({}, alg, { name: alg.name === undefined ? undefined : String(alg.name), [DICT]: dict });
    }
    return { name: String(alg), [DICT]: dict };
  }
  function field(a, name) {
    if (a[name] === undefined) throw new TypeError(`Missing field "${name}" in "${a[DICT]}".`);
    return a[name];
  }
  function bufferField(a, name) {
    const v = viewOf(field(a, name));
    if (v === null) throw new TypeError(`Field "${name}" of "algorithm" must be a BufferSource.`);
    return v;
  }
  const canon = (name, list) => (typeof name === "string" ? list.find((n) => n.toUpperCase() === name.toUpperCase()) : undefined);

  const HASHES = ["SHA-1", "SHA-256", "SHA-384", "SHA-512", "MD5"];
  const UNKNOWN_DIGEST = "Unrecognized or unimplemented digest algorithm requested.";
  function hashName(h) {
    const name = canon(typeof h === "string" ? h : h?.name, HASHES);
    if (name === undefined) throw dom("NotSupportedError", UNKNOWN_DIGEST);
    return name;
  }
  const hashOf = (a) => hashName(field(a, "hash"));

  // ---- CryptoKey --------------------------------------------------------------------------------

  // Every key's internal state: { entry, name, type, extractable, usages (canonical copy), handle, ... }.
  const keyState = new WeakMap();
  const USAGE_ORDER = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];

  function CryptoKey() { throw new TypeError("Illegal constructor"); }
  Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: "CryptoKey", writable: true, configurable: true });
  // structuredClone refuses keys, as workerd does.
  unserializable.push([(v) => keyState.has(v), "CryptoKey"]);

  // The object user code sees: workerd gives each key its four attributes as own read-only data
  // properties, in this order.
  function makeKey(state, algorithm) {
    const key = Object.create(CryptoKey.prototype);
    const prop = (value) => ({ value, writable: false, enumerable: true, configurable: true });
    Object.defineProperties(key, {
      usages: prop(state.usages.slice()),
      algorithm: prop(algorithm),
      extractable: prop(state.extractable),
      type: prop(state.type),
    });
    keyState.set(key, state);
    return key;
  }

  // Usages in canonical order without repeats; SyntaxError for one this key cannot have.
  function checkUsages(usages, allowed, what) {
    for (const u of usages) {
      if (!allowed.includes(u)) throw dom("SyntaxError", `Attempt to ${what} key with invalid usage "${u}".`);
    }
    return USAGE_ORDER.filter((u) => usages.includes(u));
  }
  function requireUsage(usages) {
    if (usages.length === 0) throw dom("SyntaxError", "Secret/private CryptoKeys must have at least one usage.");
  }

  // The checks before any operation: same algorithm as the key, and the usage allowed.
  function keyFor(a, s, usage) {
    if (canon(a.name, [s.name]) === undefined) {
      throw dom("InvalidAccessError", `Requested algorithm "${a.name}" does not match this CryptoKey's algorithm "${s.name}".`);
    }
    if (!s.usages.includes(usage)) {
      throw dom("InvalidAccessError", `Requested key usage "${usage}" does not match any usage listed in this CryptoKey.`);
    }
    return s;
  }

  const unknownFormat = (format) => dom("NotSupportedError", `Unrecognized key import format "${format}".`);
  const unexportable = (format) => dom("NotSupportedError", `Unimplemented key export format "${format}".`);

  // ---- secret keys: HMAC, AES, PBKDF2, HKDF -------------------------------------------------------

  function secretKey(entry, algorithm, bytes, extractable, usages, extra) {
    const state = Object.assign({ entry, name: algorithm.name, type: "secret", extractable, usages, handle: C.secret(exact(bytes)) }, extra);
    return makeKey(state, algorithm);
  }

  // workerd's messages for a bad "oct" JWK: HMAC's and AES's ("Symmetric") are worded differently.
  const OCT_MESSAGES = {
    HMAC: {
      kty: (kty) => `HMAC "jwk" key import requires a JSON Web Key with Key Type parameter ("kty") equal to "oct" (encountered "${kty}").`,
      k: "HMAC \"jwk\" key import requires a base64Url encoding of the key",
      alg: (got, want) => `HMAC "jwk" key import specifies "alg" that is incompatible with the hash name (encountered "${got}", expected "${want}").`,
    },
    AES: {
      kty: (kty) => `Symmetric "jwk" key import requires a JSON Web Key with Key Type parameter "kty" equal to "oct" (encountered "${kty}").`,
      k: "Symmetric \"jwk\" key import requires a base64Url encoding of the key.",
      alg: (got, want) => `Symmetric "jwk" key contains invalid "alg" value "${got}", expected "${want}".`,
    },
  };
  // The key bytes of an "oct" JWK, after workerd's checks.
  function octJwk(jwk, name, messages, extractable, expectedAlg) {
    if (jwk.kty !== "oct") throw dom("DataError", messages.kty(jwk.kty));
    if (typeof jwk.k !== "string") throw dom("DataError", messages.k);
    const bytes = unb64url(jwk.k, name + " key");
    const alg = expectedAlg(bytes.length * 8);
    if (jwk.alg !== undefined && jwk.alg !== alg) throw dom("DataError", messages.alg(jwk.alg, alg));
    checkExt(jwk, name, extractable);
    return bytes;
  }
  function checkExt(jwk, label, extractable) {
    if (jwk.ext === false && extractable) throw dom("DataError", `JWK ext field for "${label}" is set to false but extractable is true`);
  }
  const jwkHead = (kty, s, alg) => (alg === undefined
    ? { kty, key_ops: s.usages.slice(), ext: s.extractable }
    : { kty, key_ops: s.usages.slice(), alg, ext: s.extractable });

  function equalBytes(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  const BLOCK_BITS = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024, "MD5": 512 };
  const hmacAlg = (hash) => ({ "SHA-1": "HS1", "SHA-256": "HS256", "SHA-384": "HS384", "SHA-512": "HS512" })[hash];

  const HMAC = {
    name: "HMAC",
    usages: ["sign", "verify"],
    generate(a, extractable, usages) {
      const hash = hashOf(a);
      const length = a.length === undefined ? BLOCK_BITS[hash] : Number(a.length) >>> 0;
      if (length === 0) throw dom("OperationError", "HMAC key length must be a non-zero unsigned long integer (requested 0).");
      usages = checkUsages(usages, this.usages, "generate HMAC");
      requireUsage(usages);
      const bytes = random(Math.ceil(length / 8));
      return this.make(bytes, hash, length, extractable, usages);
    },
    import(format, data, a, extractable, usages) {
      const hash = hashOf(a);
      usages = checkUsages(usages, this.usages, "import secret HMAC");
      let bytes;
      if (format === "raw") bytes = data.slice();
      else if (format === "jwk") bytes = octJwk(data, "HMAC", OCT_MESSAGES.HMAC, extractable, () => hmacAlg(hash));
      else throw unknownFormat(format);
      const bits = bytes.length * 8;
      const length = a.length === undefined ? bits : Number(a.length) >>> 0;
      if (length === 0 || length > bits || length <= bits - 8) {
        throw dom("DataError", `Imported HMAC key length (${length}) must be a non-zero value up to 7 bits less than, and no greater than, the bit length of the raw key data (${bits}).`);
      }
      requireUsage(usages);
      return this.make(bytes, hash, length, extractable, usages);
    },
    make(bytes, hash, length, extractable, usages) {
      // Bits past `length` are zeroed, as in workerd (a 100-bit key keeps 4 bits of its 13th byte).
      if (length % 8 !== 0) bytes[bytes.length - 1] &= 0xff << (8 - (length % 8));
      return secretKey(this, { name: "HMAC", hash: { name: hash }, length }, bytes, extractable, usages, { hash, raw: bytes });
    },
    export(format, s) {
      if (format === "raw") return s.raw.slice().buffer;
      if (format === "jwk") {
        if (hmacAlg(s.hash) === undefined) throw dom("NotSupportedError", `Unimplemented JWK key export format for key algorithm "${s.hash}".`);
        return Object.assign(jwkHead("oct", s, hmacAlg(s.hash)), { k: b64url(s.raw) });
      }
      throw unexportable(format);
    },
    sign(a, s, data) { return fromHost(C.hmac(s.hash, s.handle, exact(data))); },
    verify(a, s, signature, data) { return equalBytes(hostBytes(C.hmac(s.hash, s.handle, exact(data))), signature); },
    keyLength(a) { return a.length === undefined ? BLOCK_BITS[hashOf(a)] : Number(a.length) >>> 0; },
  };

  function aesEntry(name, usages, suffix, modes) {
    return Object.assign({
      name,
      usages,
      generate(a, extractable, keyUsages) {
        const length = Number(field(a, "length"));
        if (length !== 128 && length !== 192 && length !== 256) {
          throw dom("OperationError", `Generated AES key length must be 128, 192, or 256 bits but requested ${length}.`);
        }
        keyUsages = checkUsages(keyUsages, usages, `generate ${name}`);
        requireUsage(keyUsages);
        return this.make(random(length / 8), extractable, keyUsages);
      },
      import(format, data, a, extractable, keyUsages) {
        keyUsages = checkUsages(keyUsages, usages, `import secret ${name}`);
        let bytes;
        if (format === "raw") bytes = data.slice();
        else if (format === "jwk") bytes = octJwk(data, name, OCT_MESSAGES.AES, extractable, (bits) => `A${bits}${suffix}`);
        else throw unknownFormat(format);
        const bits = bytes.length * 8;
        if (bits !== 128 && bits !== 192 && bits !== 256) {
          throw dom("DataError", `Imported AES key length must be 128, 192, or 256 bits but provided ${bits}.`);
        }
        requireUsage(keyUsages);
        return this.make(bytes, extractable, keyUsages);
      },
      make(bytes, extractable, keyUsages) {
        return secretKey(this, { name, length: bytes.length * 8 }, bytes, extractable, keyUsages, { raw: bytes });
      },
      export(format, s) {
        if (format === "raw") return s.raw.slice().buffer;
        if (format === "jwk") return Object.assign(jwkHead("oct", s, `A${s.raw.length * 8}${suffix}`), { k: b64url(s.raw) });
        throw unexportable(format);
      },
      keyLength(a) {
        const length = Number(field(a, "length"));
        if (length !== 128 && length !== 192 && length !== 256) {
          throw dom("OperationError", `Derived AES key must be 128, 192, or 256 bits in length but provided ${length}.`);
        }
        return length;
      },
    }, modes);
  }

  const GCM_TAGS = [32, 64, 96, 104, 112, 120, 128];
  function gcm(encrypt, a, s, data) {
    const iv = bufferField(a, "iv");
    if (iv.byteLength === 0) throw dom("OperationError", "AES-GCM IV must not be empty.");
    const tag = a.tagLength === undefined ? 128 : Number(a.tagLength);
    if (!GCM_TAGS.includes(tag)) throw dom("OperationError", `Invalid AES-GCM tag length ${tag}.`);
    if (!encrypt && data.byteLength * 8 < tag) {
      throw dom("OperationError", `Ciphertext length of ${data.byteLength * 8} bits must be greater than or equal to the size of the AES-GCM tag length of ${tag} bits.`);
    }
    const aad = a.additionalData === undefined ? null : exact(bufferField(a, "additionalData"));
    return fromHost(checked(C.aesGcm(encrypt, s.handle, exact(iv), aad, tag, exact(data))));
  }
  function cbc(encrypt, a, s, data) {
    const iv = bufferField(a, "iv");
    if (iv.byteLength !== 16) throw dom("OperationError", `AES-CBC IV must be 16 bytes long (provided ${iv.byteLength} bytes).`);
    return fromHost(checked(C.aesCbc(encrypt, s.handle, exact(iv), exact(data))));
  }
  function ctr(a, s, data) {
    const counter = bufferField(a, "counter");
    if (counter.byteLength !== 16) throw dom("OperationError", `Counter must have length of 16 bytes (provided ${counter.byteLength}).`);
    const length = Number(field(a, "length"));
    if (!(length > 0 && length <= 128)) throw dom("OperationError", `Invalid counter of ${length} bits length provided.`);
    return fromHost(checked(C.aesCtr(s.handle, exact(counter), length, exact(data))));
  }
  function kw(wrap, s, data) {
    if (wrap && data.byteLength % 8 !== 0) {
      throw dom("OperationError", `Unwrapped key bit length must be a multiple of 64 bits but unwrapped key has a length of ${data.byteLength * 8} bits.`);
    }
    if (wrap && data.byteLength < 16) {
      throw dom("OperationError", `Unwrapped key has length ${data.byteLength} bytes but it should be greater than or equal to 16 and less than or equal to 18446744073709551607`);
    }
    return fromHost(checked(C.aesKw(wrap, s.handle, exact(data))));
  }

  const CIPHER_USAGES = ["encrypt", "decrypt", "wrapKey", "unwrapKey"];
  const AES_GCM = aesEntry("AES-GCM", CIPHER_USAGES, "GCM", {
    encrypt: (a, s, d) => gcm(true, a, s, d), decrypt: (a, s, d) => gcm(false, a, s, d) });
  const AES_CBC = aesEntry("AES-CBC", CIPHER_USAGES, "CBC", {
    encrypt: (a, s, d) => cbc(true, a, s, d), decrypt: (a, s, d) => cbc(false, a, s, d) });
  const AES_CTR = aesEntry("AES-CTR", CIPHER_USAGES, "CTR", { encrypt: ctr, decrypt: ctr });
  const AES_KW = aesEntry("AES-KW", ["wrapKey", "unwrapKey"], "KW", {
    wrap: (a, s, d) => kw(true, s, d), unwrap: (a, s, d) => kw(false, s, d) });

  // PBKDF2 and HKDF: raw, never extractable keys that only derive.
  function kdfEntry(name, formatEnd, derive) {
    return {
      name,
      usages: ["deriveKey", "deriveBits"],
      import(format, data, a, extractable, usages) {
        if (format !== "raw") throw dom("NotSupportedError", `${name} key must be imported in "raw" format (requested "${format}")${formatEnd}`);
        if (extractable) throw dom("SyntaxError", `${name} key cannot be extractable.`);
        usages = checkUsages(usages, this.usages, `import secret ${name}`);
        requireUsage(usages);
        return secretKey(this, { name }, data, false, usages, {});
      },
      deriveBits(a, s, length) {
        const hash = hashOf(a);
        return derive(a, s, hash, length);
      },
      keyLength() { return null; },
    };
  }
  const PBKDF2 = kdfEntry("PBKDF2", ".", (a, s, hash, length) => {
    const salt = bufferField(a, "salt");
    const iterations = Number(field(a, "iterations")) >>> 0;
    if (iterations === 0) throw dom("OperationError", `PBKDF2 requires a positive iteration count (requested ${iterations}).`);
    if (length === null || length === undefined) throw dom("OperationError", "PBKDF2 cannot derive a key with null length.");
    if (length % 8 !== 0) throw dom("OperationError", `PBKDF2 requires a derived key length that is a multiple of eight (requested ${length}).`);
    return fromHost(C.pbkdf2(hash, s.handle, exact(salt), iterations, length / 8));
  });
  const HKDF = kdfEntry("HKDF", "", (a, s, hash, length) => {
    const salt = bufferField(a, "salt");
    const info = bufferField(a, "info");
    if (length === null || length === undefined) throw dom("OperationError", "HKDF cannot derive a key with null length.");
    if (length % 8 !== 0) throw dom("OperationError", `HKDF requires a derived key length that is a multiple of eight (requested ${length}).`);
    return fromHost(checked(C.hkdf(hash, s.handle, exact(salt), exact(info), length / 8)));
  });

  // ---- asymmetric keys ----------------------------------------------------------------------------

  // A generated pair: the usages split between the halves.
  function makePair(entry, handle, algorithm, extractable, usages, extra) {
    const pubUsages = usages.filter((u) => entry.publicUsages.includes(u));
    const privUsages = usages.filter((u) => entry.privateUsages.includes(u));
    if (privUsages.length === 0) throw dom("SyntaxError", "Attempt to generate asymmetric keys with no valid private key usages.");
    const common = Object.assign({ entry, name: algorithm.name }, extra);
    const pub = Object.assign({}, common, { type: "public", extractable: true, usages: pubUsages, handle: C.publicOf(handle) });
    const priv = Object.assign({}, common, { type: "private", extractable, usages: privUsages, handle });
    // Each half gets its own copy of the algorithm dictionary.
    return { publicKey: makeKey(pub, entry.algorithm(pub)), privateKey: makeKey(priv, entry.algorithm(priv)) };
  }
  function generateUsages(entry, usages) {
    return checkUsages(usages, entry.publicUsages.concat(entry.privateUsages), `generate ${entry.name}`);
  }
  // An imported asymmetric key, after the usage checks for its type.
  function importedKey(entry, handle, extra, extractable, usages) {
    const type = C.isPrivate(handle) ? "private" : "public";
    usages = checkUsages(usages, type === "private" ? entry.privateUsages : entry.publicUsages, `import ${type} ${entry.name}`);
    if (type === "private") requireUsage(usages);
    const state = Object.assign({ entry, name: entry.name, type, extractable, usages, handle }, extra);
    return makeKey(state, entry.algorithm(state));
  }
  function exportAsymmetric(format, s, raw) {
    if (format === "spki") {
      if (s.type !== "public") throw dom("InvalidAccessError", `Asymmetric spki export requires public key (not "${s.type}").`);
      return fromHost(C.exportSpki(s.handle));
    }
    if (format === "pkcs8") {
      if (s.type !== "private") throw dom("InvalidAccessError", `Asymmetric pkcs8 export requires private key (not "${s.type}").`);
      return fromHost(C.exportPkcs8(s.handle));
    }
    if (format === "raw") return raw();
    throw unexportable(format);
  }

  // RSA: RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP.
  const RSA_JWK_ALG = {
    "RSASSA-PKCS1-v1_5": (h) => ({ "SHA-1": "RS1", "SHA-256": "RS256", "SHA-384": "RS384", "SHA-512": "RS512" })[h],
    "RSA-PSS": (h) => ({ "SHA-1": "PS1", "SHA-256": "PS256", "SHA-384": "PS384", "SHA-512": "PS512" })[h],
    "RSA-OAEP": (h) => ({ "SHA-1": "RSA-OAEP", "SHA-256": "RSA-OAEP-256", "SHA-384": "RSA-OAEP-384", "SHA-512": "RSA-OAEP-512" })[h],
  };
  const RSA_PARTS = ["n", "e", "d", "p", "q", "dp", "dq", "qi"]; // CryptoOps.importRsaJwk's order
  const RSA_PRIVATE_JWK = ["d", "n", "e", "p", "q", "dp", "dq", "qi"]; // workerd's member order
  function rsaEntry(name, publicUsages, privateUsages, ops) {
    return Object.assign({
      name, publicUsages, privateUsages,
      algorithm: (s) => ({ name, modulusLength: s.handle.modulusLength(), publicExponent: hostBytes(s.handle.publicExponent()), hash: { name: s.hash } }),
      generate(a, extractable, usages) {
        const modulusLength = Number(field(a, "modulusLength")) >>> 0;
        const exponent = viewOf(field(a, "publicExponent"));
        const hash = hashOf(a);
        usages = generateUsages(this, usages);
        let e = 0;
        for (const b of exponent ?? []) e = e * 256 + b;
        if (e !== 3 && e !== 65537) throw dom("OperationError", `The "publicExponent" must be either 3 or 65537, but got ${e}.`);
        if (modulusLength % 8 !== 0 || modulusLength < 256 || modulusLength > 16384) {
          throw dom("OperationError", `The modulus length must be a multiple of 8 and between 256 and 16k, but ${modulusLength} was requested.`);
        }
        if (modulusLength % 128 !== 0) throw dom("OperationError", "Can't generate key: RSA key size is required to be a multiple of 128");
        if (modulusLength < 512) throw dom("OperationError", "RSA key size is too small.");
        const handle = checked(C.generateRsa(modulusLength, exact(exponent)));
        return makePair(this, handle, { name }, extractable, usages, { hash });
      },
      import(format, data, a, extractable, usages) {
        const hash = hashOf(a);
        let handle;
        if (format === "spki") handle = checked(C.importSpki("RSA", null, exact(data)));
        else if (format === "pkcs8") handle = checked(C.importPkcs8("RSA", null, exact(data)));
        else if (format === "jwk") {
          // workerd names RSASSA-PKCS1-v1_5 whatever the algorithm, and quotes the JWK's alg twice.
          if (data.kty !== "RSA") {
            throw dom("DataError", `RSASSA-PKCS1-v1_5 "jwk" key import requires a JSON Web Key with Key Type parameter "kty" ("${data.kty}") equal to "RSA".`);
          }
          if (data.alg !== undefined && data.alg !== RSA_JWK_ALG[name](hash)) {
            throw dom("DataError", `JSON Web Key Algorithm parameter "alg" ("${data.alg}") does not match requested hash algorithm "${data.alg}".`);
          }
          for (const [p, what] of [["n", "Modulus"], ["e", "Exponent"]]) {
            if (typeof data[p] !== "string") throw dom("DataError", `Invalid RSA key in JSON Web Key; missing or invalid ${what} parameter ("${p}").`);
          }
          checkExt(data, name, extractable);
          const part = (p) => (data[p] === undefined ? null : exact(unb64url(data[p], "RSA key")));
          handle = checked(C.importRsaJwk(...RSA_PARTS.map(part)));
        } else throw unknownFormat(format);
        return importedKey(this, handle, { hash }, extractable, usages);
      },
      export(format, s) {
        if (format === "jwk") {
          const jwk = jwkHead("RSA", s, RSA_JWK_ALG[name](s.hash));
          const parts = s.type === "private" ? RSA_PRIVATE_JWK : ["n", "e"];
          for (const p of parts) jwk[p] = b64url(hostBytes(C.rsaPart(s.handle, p)));
          return jwk;
        }
        return exportAsymmetric(format, s, () => { throw dom("InvalidAccessError", `Cannot export "${name}" in "raw" format.`); });
      },
    }, ops);
  }
  const RSASSA = rsaEntry("RSASSA-PKCS1-v1_5", ["verify"], ["sign"], {
    sign: (a, s, data) => fromHost(checked(C.sign("RSASSA-PKCS1-v1_5", s.hash, 0, s.handle, exact(data)))),
    verify: (a, s, sig, data) => C.verify("RSASSA-PKCS1-v1_5", s.hash, 0, s.handle, exact(sig), exact(data)),
  });
  function pssSalt(a) {
    if (a.saltLength === undefined) throw dom("DataError", "Failed to provide salt for RSA-PSS key operation which requires a salt");
    return Number(a.saltLength) >>> 0;
  }
  const RSA_PSS = rsaEntry("RSA-PSS", ["verify"], ["sign"], {
    sign: (a, s, data) => fromHost(checked(C.sign("RSA-PSS", s.hash, pssSalt(a), s.handle, exact(data)))),
    verify: (a, s, sig, data) => C.verify("RSA-PSS", s.hash, pssSalt(a), s.handle, exact(sig), exact(data)),
  });
  function oaep(encrypt, a, s, data) {
    const label = a.label === undefined ? null : exact(bufferField(a, "label"));
    return fromHost(checked(C.rsaOaep(encrypt, s.hash, s.handle, label, exact(data))));
  }
  const RSA_OAEP = rsaEntry("RSA-OAEP", ["encrypt", "wrapKey"], ["decrypt", "unwrapKey"], {
    encrypt: (a, s, d) => oaep(true, a, s, d), decrypt: (a, s, d) => oaep(false, a, s, d) });

  // EC: ECDSA and ECDH on P-256, P-384, P-521.
  const CURVES = ["P-256", "P-384", "P-521"];
  const CURVE_BITS = { "P-256": 256, "P-384": 384, "P-521": 528 };
  function curveOf(a) {
    const c = field(a, "namedCurve");
    if (!CURVES.includes(c)) throw dom("NotSupportedError", `Unrecognized or unimplemented EC curve "${c}" requested.`);
    return c;
  }
  function ecEntry(name, publicUsages, privateUsages, ops) {
    return Object.assign({
      name, publicUsages, privateUsages,
      algorithm: (s) => ({ name, namedCurve: s.curve }),
      generate(a, extractable, usages) {
        const curve = curveOf(a);
        usages = generateUsages(this, usages);
        return makePair(this, checked(C.generateEc(curve)), { name }, extractable, usages, { curve });
      },
      import(format, data, a, extractable, usages) {
        const curve = curveOf(a);
        let handle;
        if (format === "raw") handle = checked(C.importEcRaw(curve, exact(data)));
        else if (format === "spki") handle = checked(C.importSpki("EC", curve, exact(data)));
        else if (format === "pkcs8") handle = checked(C.importPkcs8("EC", curve, exact(data)));
        else if (format === "jwk") {
          if (data.kty !== "EC") {
            throw dom("DataError", `Elliptic curve "jwk" key import requires a JSON Web Key with Key Type parameter "kty" ("${data.kty}") equal to "EC".`);
          }
          for (const p of ["x", "y"]) {
            if (typeof data[p] !== "string") throw dom("DataError", `Invalid EC key in JSON Web Key; missing "${p}".`);
          }
          checkExt(data, name, extractable);
          const part = (p) => (data[p] === undefined ? null : exact(unb64url(data[p], "EC key")));
          handle = checked(C.importEcJwk(curve, part("x"), part("y"), part("d")));
        } else throw unknownFormat(format);
        return importedKey(this, handle, { curve }, extractable, usages);
      },
      export(format, s) {
        if (format === "jwk") {
          const jwk = Object.assign(jwkHead("EC", s), { crv: s.curve });
          for (const p of s.type === "private" ? ["x", "y", "d"] : ["x", "y"]) jwk[p] = b64url(hostBytes(C.ecPart(s.handle, p)));
          return jwk;
        }
        return exportAsymmetric(format, s, () => {
          if (s.type !== "public") throw dom("InvalidAccessError", "Raw export of elliptic curve keys is only allowed for public keys.");
          return fromHost(C.exportRawPublic(s.handle));
        });
      },
    }, ops);
  }
  const ECDSA_HASH_MISSING = "Missing \"hash\" in AlgorithmIdentifier. (ECDSA requires that the hash algorithm be specified at call time "
    + "rather than on the key. This differs from other WebCrypto algorithms for historical reasons.)";
  function ecdsaHash(a) {
    if (a.hash === undefined) throw new TypeError(ECDSA_HASH_MISSING);
    return hashName(a.hash);
  }
  const ECDSA = ecEntry("ECDSA", ["verify"], ["sign"], {
    sign: (a, s, data) => fromHost(checked(C.sign("ECDSA", ecdsaHash(a), 0, s.handle, exact(data)))),
    verify: (a, s, sig, data) => C.verify("ECDSA", ecdsaHash(a), 0, s.handle, exact(sig), exact(data)),
  });

  // ECDH and X25519 deriveBits: the shared secret, cut to `length` bits (null: all of it).
  function agree(algorithm, a, s, length, bits) {
    if (a.public === undefined) throw new TypeError(`Missing field "public" in "derivedKeyParams".`);
    const pub = keyState.get(a.public);
    if (pub === undefined) {
      throw new TypeError("Incorrect type for the 'public' field on 'DeriveKeyAlgorithm': the provided value is not of type 'CryptoKey'.");
    }
    if (pub.type !== "public") throw dom("InvalidAccessError", `The provided key has type "${pub.type}", not "public"`);
    if (pub.name !== s.name) throw dom("InvalidAccessError", `Private key for derivation is using "${s.name}" while public key is using "${pub.name}".`);
    if (pub.curve !== s.curve) {
      throw dom("InvalidAccessError", `Private key for derivation is using curve "${s.curve}" while public key is using "${pub.curve}".`);
    }
    const secret = hostBytes(checked(C.agree(algorithm, s.handle, pub.handle)));
    if (length === null || length === undefined) return secret.buffer;
    if (length > bits) throw dom("OperationError", `Derived key length (${length} bits) is too long (should be at most ${bits} bits).`);
    const out = secret.slice(0, Math.ceil(length / 8));
    if (length % 8 !== 0) out[out.length - 1] &= 0xff << (8 - (length % 8));
    return out.buffer;
  }
  const ECDH = ecEntry("ECDH", [], ["deriveKey", "deriveBits"], {
    deriveBits: (a, s, length) => agree("ECDH", a, s, length, CURVE_BITS[s.curve]),
  });

  // Ed25519 (and workerd's legacy NODE-ED25519) and X25519: 32-byte keys (RFC 8410 encodings).
  function okpEntry(name, curve, publicUsages, privateUsages, ops) {
    const legacy = name === "NODE-ED25519";
    return Object.assign({
      name, publicUsages, privateUsages,
      algorithm: () => (legacy ? { name, namedCurve: name } : { name }),
      checkCurve(a) {
        if (legacy && field(a, "namedCurve") !== name) {
          throw dom("NotSupportedError", `EDDSA curve "${a.namedCurve}" isn't supported.`);
        }
      },
      generate(a, extractable, usages) {
        this.checkCurve(a);
        usages = generateUsages(this, usages);
        return makePair(this, checked(C.generateOkp(curve)), { name }, extractable, usages, { curve });
      },
      import(format, data, a, extractable, usages) {
        this.checkCurve(a);
        let handle;
        if (format === "raw") {
          if (data.byteLength !== 32) throw dom("DataError", `${curve} raw keys must be exactly 32-bytes (provided ${data.byteLength}).`);
          handle = checked(C.importOkp(curve, false, exact(data)));
        } else if (format === "spki") handle = checked(C.importSpki(curve, null, exact(data)));
        else if (format === "pkcs8") handle = checked(C.importPkcs8(curve, null, exact(data)));
        else if (format === "jwk") {
          if (data.kty !== "OKP") {
            throw dom("DataError", `${curve} "jwk" key imports requires a JSON Web Key with Key Type parameter "kty" ("${data.kty}") equal to "OKP".`);
          }
          if (data.crv !== curve) throw dom("NotSupportedError", `Only ${curve} is supported but "${data.crv}" was requested.`);
          checkExt(data, name, extractable);
          if (typeof data.x !== "string") {
            throw dom("DataError", `Invalid ${curve} key in JSON WebKey; missing or invalid public key component ("x").`);
          }
          const x = unb64url(data.x, curve + " key");
          if (x.length !== 32) throw dom("DataError", `Invalid length ${x.length} for public key`);
          // As in workerd, a private JWK's "x" is not checked against "d".
          handle = checked(data.d === undefined
            ? C.importOkp(curve, false, exact(x))
            : C.importOkp(curve, true, exact(unb64url(data.d, curve + " key"))));
        } else throw unknownFormat(format);
        return importedKey(this, handle, { curve }, extractable, usages);
      },
      export(format, s) {
        if (format === "jwk") {
          const jwk = jwkHead("OKP", s, name === "Ed25519" ? "EdDSA" : undefined);
          jwk.crv = curve;
          jwk.x = b64url(hostBytes(C.exportRawPublic(C.publicOf(s.handle))));
          if (s.type === "private") jwk.d = b64url(hostBytes(C.okpPrivate(s.handle)));
          return jwk;
        }
        return exportAsymmetric(format, s, () => {
          if (s.type !== "public") throw dom("InvalidAccessError", `Raw export of ${name} keys is only allowed for public keys.`);
          return fromHost(C.exportRawPublic(s.handle));
        });
      },
    }, ops);
  }
  const edOps = {
    sign: (a, s, data) => fromHost(checked(C.sign("Ed25519", null, 0, s.handle, exact(data)))),
    verify: (a, s, sig, data) => C.verify("Ed25519", null, 0, s.handle, exact(sig), exact(data)),
  };
  const ED25519 = okpEntry("Ed25519", "Ed25519", ["verify"], ["sign"], edOps);
  const NODE_ED25519 = okpEntry("NODE-ED25519", "Ed25519", ["verify"], ["sign"], edOps);
  const X25519 = okpEntry("X25519", "X25519", [], ["deriveKey", "deriveBits"], {
    deriveBits: (a, s, length) => agree("X25519", a, s, length, 256),
  });

  const ALGORITHMS = [RSASSA, RSA_PSS, RSA_OAEP, ECDSA, ECDH, ED25519, NODE_ED25519, X25519,
    AES_CTR, AES_CBC, AES_GCM, AES_KW, HMAC, PBKDF2, HKDF];
  const NAMES = ALGORITHMS.map((e) => e.name);
  const entryFor = (name) => ALGORITHMS[NAMES.indexOf(canon(name, NAMES))];

  // ---- import and export (importKey, exportKey, and deriveKey/wrapKey/unwrapKey through them) -------

  const FORMATS = ["raw", "pkcs8", "spki", "jwk"];

  function importKey(format, keyData, algorithm, extractable, usages) {
    format = String(format);
    const a = normalize(algorithm);
    const entry = entryFor(a.name);
    if (entry === undefined || entry.import === undefined) throw dom("NotSupportedError", `Unrecognized key import algorithm "${a.name}" requested.`);
    if (!FORMATS.includes(format)) throw unknownFormat(format);
    let data;
    if (format === "jwk") {
      if (keyData === null || typeof keyData !== "object" || viewOf(keyData) !== null) {
        throw new TypeError("Import data provided for \"jwk\" import format must be a JsonWebKey.");
      }
      data = keyData;
    } else {
      data = viewOf(keyData);
      if (data === null) throw new TypeError("Import data provided for buffer-based import formats must be a buffer source.");
      data = data.slice();
    }
    return entry.import(format, data, a, Boolean(extractable), usages);
  }

  function exportKey(format, s) {
    format = String(format);
    if (!s.extractable) throw dom("InvalidAccessError", `Attempt to export non-extractable ${s.name} key.`);
    if (!FORMATS.includes(format)) throw unexportable(format);
    return s.entry.export(format, s);
  }

  // What web/crypto/crypto.js builds the public API from.
  const webCrypto = { CryptoKey, HASHES, UNKNOWN_DIGEST, bufferArg, canon, dom, entryFor, equalBytes, exact, exportKey, failedTo, fromHost, importKey, keyArg, keyFor, keyState, normalize, random, usagesArg, viewOf };
  expose("CryptoKey", CryptoKey);

  return { webCrypto, CryptoKey };
})
