// bindings/kv/kv.js: KvNamespace, the class of every KV binding in env. It validates arguments and
// raises errors as workerd does: TypeErrors for what workerd checks itself, and
// "KV <OP> failed: <status> <message>" Errors for what the KV service answers with an HTTP error.
// imports: runtime/internal, web/streams/streams, web/fetch/body
(function (ops, $, imports) {
  "use strict";
  const { fromHost, parseJson, bodyStream, BodyState, ReadableStream, consumeBody, idl, guardIo } = imports;
  const MAX_KEY_BYTES = 512;
  const MAX_METADATA_BYTES = 1024;
  const MAX_BULK_KEYS = 100;
  const MAX_LIST_KEYS = 1000;
  const MAX_BULK_CHARS = 25 * 1024 * 1024;
  const MIN_TTL = 60;
  const MIN_CACHE_TTL = 30;
  const TYPES = new Set(["text", "json", "arrayBuffer", "stream"]);
  const BAD_TYPE = 'Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".';
  const BAD_VALUE = "KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.";

  const failed = (op, status, message) => new Error(`KV ${op} failed: ${status} ${message}`);
  const hostError = (message) => new Error(message);

  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  // The checks workerd makes before it sends anything: TypeErrors.
  function checkKeyName(key) {
    if (key === "") throw new TypeError("Key name cannot be empty.");
    if (key === "." || key === "..") throw new TypeError(`"${key}" is not allowed as a key name.`);
  }

  // The KV service's own key check (status 414).
  function checkKeyLength(op, key) {
    const n = utf8Length(key);
    if (n > MAX_KEY_BYTES) throw failed(op, 414, `UTF-8 encoded length of ${n} exceeds key length limit of ${MAX_KEY_BYTES}.`);
  }

  // workerd converts numeric options to integers: NaN and junk become 0.
  const toInt = (v) => { const n = Math.trunc(Number(v)); return Number.isFinite(n) ? n : 0; };

  // get's second argument: a type string, or { type, cacheTtl }.
  function readOptions(arg) {
    if (arg === undefined || arg === null) return { type: "text", cacheTtl: undefined };
    if (typeof arg === "string") return { type: arg, cacheTtl: undefined };
    if (typeof arg === "object") return { type: arg.type ?? "text", cacheTtl: arg.cacheTtl };
    return { type: String(arg), cacheTtl: undefined };
  }

  function checkCacheTtl(op, cacheTtl) {
    if (cacheTtl === undefined) return;
    const n = Number(cacheTtl);
    if (Number.isNaN(n) || n < MIN_CACHE_TTL) {
      throw failed(op, 400, `Invalid cache_ttl of ${cacheTtl}. Cache TTL must be at least ${MIN_CACHE_TTL}.`);
    }
  }

  function hostRead(o, key, asText) {
    return new Promise((resolve, reject) => o.get(key, asText).then((value, meta) => resolve([value, meta]), (m) => reject(hostError(m))));
  }

  function bytesOf(hostBuffer) {
    return fromHost(hostBuffer);
  }

  function shapeValue(value, type) {
    if (value === null) return null;
    switch (type) {
      case "json": return parseJson(value);
      case "arrayBuffer": return bytesOf(value).buffer;
      case "stream": {
        const bytes = bytesOf(value);
        return bodyStream(new BodyState(bytes, bytes.byteLength));
      }
      default: return value;
    }
  }

  class KvNamespace {
    #ops;

    constructor(o) {
      this.#ops = o;
    }

    get(key, options) {
      return this.#read(arguments.length, key, options, false);
    }

    getWithMetadata(key, options) {
      return this.#read(arguments.length, key, options, true);
    }

    async #read(argc, key, options, withMetadata) {
      if (argc === 0) throw new TypeError("Failed to execute 'get' on 'KvNamespace': parameter 1 is not of type 'string or Array'.");
      const { type, cacheTtl } = readOptions(options);
      if (Array.isArray(key)) return this.#readMany(key, type, cacheTtl, withMetadata);
      key = String(key);
      checkKeyName(key);
      if (!TYPES.has(type)) throw new TypeError(BAD_TYPE);
      checkKeyLength("GET", key);
      checkCacheTtl("GET", cacheTtl);
      const asText = type === "text" || type === "json";
      const [value, meta] = await hostRead(this.#ops, key, asText);
      const shaped = shapeValue(value, type);
      if (!withMetadata) return shaped;
      return { value: shaped, metadata: meta === null ? null : JSON.parse(meta), cacheStatus: null };
    }

    async #readMany(keys, type, cacheTtl, withMetadata) {
      const op = "GET_BULK";
      if (type !== "text" && type !== "json") throw failed(op, 400, `"${type}" is not a valid type. Use "json" or "text"`);
      const names = [...new Set(keys.map(String))];
      if (names.length > MAX_BULK_KEYS) throw failed(op, 400, `You can request a maximum of ${MAX_BULK_KEYS} keys`);
      if (names.length < 1) throw failed(op, 400, "You must request a minimum of 1 key");
      for (const k of names) {
        if (k === "") throw failed(op, 400, "Key names must not be empty");
        if (k === "." || k === "..") throw failed(op, 400, `Illegal key name "${k}". Please use a different name.`);
        checkKeyLength(op, k);
        checkCacheTtl(op, cacheTtl);
      }
      const json = await new Promise((resolve, reject) => this.#ops.getMany(names).then(resolve, (m) => reject(hostError(m))));
      const rows = JSON.parse(json);
      const out = new Map();
      let chars = 0;
      for (let i = 0; i < names.length; i++) {
        const row = rows[i];
        if (row === null) { out.set(names[i], null); continue; }
        chars += row[0].length;
        let value = row[0];
        if (type === "json") {
          try { value = JSON.parse(value); } catch { throw failed(op, 400, "At least one of the requested keys corresponds to a non-json value"); }
        }
        out.set(names[i], withMetadata ? { value, metadata: row[1] === null ? null : JSON.parse(row[1]) } : value);
      }
      if (chars > MAX_BULK_CHARS) throw failed(op, 413, "Total size of request exceeds the limit of 25MB");
      return out;
    }

    async put(key, value, options) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'put' on 'KvNamespace': parameter 2 is not of type 'string or Object'.");
      key = String(key);
      checkKeyName(key);
      const o = options ?? {};
      let metadata = null;
      if (o.metadata !== undefined) {
        try {
          metadata = JSON.stringify(o.metadata);
        } catch (e) {
          if (typeof o.metadata === "bigint" || /BigInt/i.test(String(e?.message))) throw new TypeError("Do not know how to serialize a BigInt");
          throw e;
        }
        if (metadata === undefined) metadata = null;
      }
      // The value: strings as they are, bytes copied, streams read to the end.
      let text = null, bytes = null;
      if (typeof value === "string") text = value;
      else if (value instanceof ArrayBuffer) bytes = new Uint8Array(value);
      else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      else if (ReadableStream && value instanceof ReadableStream) {
        const read = await consumeBody(new BodyState(value, -1));
        if (typeof read === "string") text = read; else bytes = read;
      } else if (value !== null && (typeof value === "object" || typeof value === "function")) throw new TypeError(BAD_VALUE);
      else text = String(value);

      checkKeyLength("PUT", key);
      const nowSeconds = Math.floor(this.#ops.now() / 1000);
      let expiration = -1;
      if (o.expirationTtl !== undefined && o.expirationTtl !== null) {
        const ttl = toInt(o.expirationTtl);
        if (ttl <= 0) throw failed("PUT", 400, `Invalid expiration_ttl of ${ttl}. Please specify integer greater than 0.`);
        if (ttl < MIN_TTL) throw failed("PUT", 400, `Invalid expiration_ttl of ${ttl}. Expiration TTL must be at least ${MIN_TTL}.`);
        expiration = nowSeconds + ttl;
      } else if (o.expiration !== undefined && o.expiration !== null) {
        const at = toInt(o.expiration);
        if (at <= nowSeconds) {
          throw failed("PUT", 400, `Invalid expiration of ${at}. Please specify integer greater than the current number of seconds since the UNIX epoch.`);
        }
        if (at < nowSeconds + MIN_TTL) {
          throw failed("PUT", 400, `Invalid expiration of ${at}. Expiration times must be at least ${MIN_TTL} seconds in the future.`);
        }
        expiration = at;
      }
      if (metadata !== null) {
        const n = utf8Length(metadata);
        if (n > MAX_METADATA_BYTES) throw failed("PUT", 413, `Metadata length of ${n} exceeds limit of ${MAX_METADATA_BYTES}.`);
      }
      const expiresAtMillis = expiration < 0 ? -1 : expiration * 1000;
      await new Promise((resolve, reject) => {
        const fail = (m) => reject(hostError(m));
        if (text !== null) this.#ops.putText(key, text, expiresAtMillis, metadata).then(() => resolve(undefined), fail);
        else this.#ops.putBytes(key, bytes.buffer, bytes.byteOffset, bytes.byteLength, expiresAtMillis, metadata).then(() => resolve(undefined), fail);
      });
    }

    async delete(key) {
      if (arguments.length === 0) throw new TypeError("Failed to execute 'delete' on 'KvNamespace': parameter 1 is not of type 'string'.");
      key = String(key);
      checkKeyName(key);
      checkKeyLength("DELETE", key);
      await new Promise((resolve, reject) => this.#ops.delete(key).then(() => resolve(undefined), (m) => reject(hostError(m))));
    }

    async list(options) {
      const o = options ?? {};
      // workerd leaves out a limit that is not a positive integer, so the service's default applies.
      let limit = o.limit === undefined || o.limit === null ? 0 : toInt(o.limit);
      if (limit <= 0) limit = MAX_LIST_KEYS;
      else if (limit > MAX_LIST_KEYS) throw failed("GET", 400, `Invalid key_count_limit of ${limit}. Please specify an integer less than ${MAX_LIST_KEYS}.`);
      const prefix = o.prefix === undefined || o.prefix === null ? "" : String(o.prefix);
      checkKeyLength("GET", prefix);
      const cursor = o.cursor === undefined || o.cursor === null ? null : String(o.cursor);
      const json = await new Promise((resolve, reject) => this.#ops.list(prefix, limit, cursor).then(resolve, (m) => reject(hostError(m))));
      const result = JSON.parse(json);
      result.cacheStatus = null;
      return result;
    }
  }
  idl(KvNamespace, "KvNamespace");
  guardIo(KvNamespace, ["get", "getWithMetadata", "put", "delete", "list"]);

  return { kv: (o) => new KvNamespace(o) };
})
