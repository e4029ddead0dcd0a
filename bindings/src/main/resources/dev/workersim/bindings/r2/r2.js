// bindings/r2/r2.js: R2Bucket, the class of every R2 binding in env, and what it returns (HeadResult,
// GetResult, R2MultipartUpload), shaped as wrangler dev shows them (recorded: r2/r2-probe). Argument
// checks raise workerd's TypeErrors and RangeErrors here; errors of the R2 service come back from
// Java as "<message> (<code>)" and become Errors named after the operation ("put: ... (10020)").
// imports: runtime/internal, web/encoding/encoding, web/streams/streams, web/fetch/headers, web/fetch/body
// imports: web/blob/blob
(function (ops, $, imports) {
  "use strict";
  const {
    ReadableByteStreamController, utf8, idl, Headers, ReadableStream, hasKnownLength,
    streamExpectedLength, Blob, toBytes, blobBytes, fromHost, utf8Decoder, bodyStream, bodyUsed,
    consumeBody, parseJson, blobFromBytes, guardIo, BodyState
  } = imports;
  const MAX_KEY_BYTES = 1024;
  const MAX_METADATA_BYTES = 8192; // wrangler dev takes 3 KB of custom metadata and refuses 9 KB
  const MAX_LIST = 1000;
  const TOKEN = Symbol("r2 internal");
  const BAD_BODY = (op, cls) => new TypeError(`Failed to execute '${op}' on '${cls}': parameter 2 is not of type ` +
    "'JsReadableStream or ArrayBuffer or ArrayBufferView or string or Blob'.");
  const notString = (op, n) => new TypeError(`Failed to execute '${op}' on 'R2Bucket': parameter ${n} is not of type 'string'.`);
  const serviceError = (op, message) => new Error(`${op}: ${message}`);
  const byteType = () => (ReadableByteStreamController ? "bytes" : undefined);

  // httpMetadata fields in the order R2 lists them, and the header each is written to.
  const HTTP_FIELDS = [["contentType", "content-type"], ["contentLanguage", "content-language"],
    ["contentDisposition", "content-disposition"], ["contentEncoding", "content-encoding"],
    ["cacheControl", "cache-control"], ["cacheExpiry", "expires"]];
  // Checksum options: name, label in messages, digest length in bytes.
  const CHECKSUMS = [["md5", "MD5", 16], ["sha1", "SHA-1", 20], ["sha256", "SHA-256", 32], ["sha384", "SHA-384", 48],
    ["sha512", "SHA-512", 64]];

  function utf8Length(s) {
    return utf8.encode(s).byteLength;
  }

  // Declares a class as workerd lists its prototype: methods first, then constructor; and its tag.
  function idlLike(cls, tag) {
    const ctor = Object.getOwnPropertyDescriptor(cls.prototype, "constructor");
    delete cls.prototype.constructor;
    Object.defineProperty(cls.prototype, "constructor", ctor);
    return idl(cls, tag);
  }

  const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  function fromHex(hex) {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out.buffer;
  }

  function checkKey(op, key) {
    if (utf8Length(key) > MAX_KEY_BYTES) throw serviceError(op, "The specified object name is not valid. (10020)");
  }

  function hostCall(op, start) {
    return new Promise((resolve, reject) => start(resolve, (m) => reject(serviceError(op, m))));
  }

  // ---- options ----

  const etagList = (header) => header.split(",").map((s) => s.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1")).filter((s) => s !== "");

  // onlyIf, from an R2Conditional or Headers, as the host takes it (dates in ms).
  function readConditional(c, where) {
    if (c === undefined || c === null) return null;
    if (typeof c !== "object") {
      throw new TypeError(`Incorrect type for the 'onlyIf' field on '${where}': the provided value is not of type 'Conditional or Headers'.`);
    }
    if (c instanceof Headers) {
      const out = { secondsGranularity: true };
      const ifMatch = c.get("if-match"), ifNoneMatch = c.get("if-none-match");
      const since = c.get("if-modified-since"), unmodified = c.get("if-unmodified-since");
      if (ifMatch !== null) out.etagMatches = etagList(ifMatch);
      if (ifNoneMatch !== null) out.etagDoesNotMatch = etagList(ifNoneMatch);
      if (since !== null && !Number.isNaN(Date.parse(since))) out.uploadedAfter = Date.parse(since);
      if (unmodified !== null && !Number.isNaN(Date.parse(unmodified))) out.uploadedBefore = Date.parse(unmodified);
      return out;
    }
    const out = { secondsGranularity: Boolean(c.secondsGranularity) };
    for (const field of ["etagMatches", "etagDoesNotMatch"]) {
      const v = c[field];
      if (v === undefined) continue;
      if (typeof v !== "string") {
        throw new TypeError(`Incorrect type for the '${field}' field on 'Conditional': the provided value is not of type 'string'.`);
      }
      if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) throw new TypeError(`Conditional ETag should not be wrapped in quotes (${v}).`);
      out[field] = [v];
    }
    for (const field of ["uploadedBefore", "uploadedAfter"]) {
      const v = c[field];
      if (v === undefined) continue;
      if (!(v instanceof Date)) {
        throw new TypeError(`Incorrect type for the '${field}' field on 'Conditional': the provided value is not of type 'date'.`);
      }
      out[field] = v.getTime();
    }
    return out;
  }

  // range, from an R2Range or the Range header of Headers (a header R2 cannot serve means the whole object).
  function readRange(r) {
    if (r === undefined || r === null) return null;
    if (typeof r !== "object") {
      throw new TypeError("Incorrect type for the 'range' field on 'GetOptions': the provided value is not of type 'Range or Headers'.");
    }
    if (r instanceof Headers) {
      const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(r.get("range") ?? "");
      if (m === null || (m[1] === "" && m[2] === "")) return null;
      if (m[1] === "") return { suffix: Number(m[2]), lenient: true };
      const offset = Number(m[1]);
      if (m[2] === "") return { offset, lenient: true };
      const last = Number(m[2]);
      return last < offset ? null : { offset, length: last - offset + 1, lenient: true };
    }
    const num = (v) => (v === undefined ? undefined : Number(v));
    const offset = num(r.offset), length = num(r.length), suffix = num(r.suffix);
    if (suffix !== undefined) {
      if (offset !== undefined) throw new TypeError("Suffix is incompatible with offset.");
      if (length !== undefined) throw new TypeError("Suffix is incompatible with length.");
      if (suffix < 0) throw new RangeError(`Invalid suffix. Suffix (${suffix}) must be greater than or equal to 0.`);
      return { suffix };
    }
    if (offset !== undefined && offset < 0) {
      throw new RangeError(`Invalid range. Starting offset (${offset}) must be greater than or equal to 0.`);
    }
    if (length !== undefined && length < 0) throw new RangeError(`Invalid range. Length (${length}) must be greater than or equal to 0.`);
    return { offset: offset ?? null, length: length ?? null };
  }

  // httpMetadata as stored: the fields present, cacheExpiry in ms.
  function readHttpMetadata(m, where) {
    const out = {};
    if (m === undefined || m === null) return out;
    if (m instanceof Headers) {
      for (const [field, header] of HTTP_FIELDS) {
        const v = m.get(header);
        if (v === null) continue;
        if (field !== "cacheExpiry") out[field] = v;
        else if (!Number.isNaN(Date.parse(v))) out[field] = Date.parse(v);
      }
      return out;
    }
    if (typeof m !== "object") {
      throw new TypeError(`Incorrect type for the 'httpMetadata' field on '${where}': the provided value is not of type 'HttpMetadata or Headers'.`);
    }
    for (const [field] of HTTP_FIELDS) {
      const v = m[field];
      if (v === undefined) continue;
      if (field !== "cacheExpiry") out[field] = String(v);
      else if (v instanceof Date) out[field] = v.getTime();
      else if (typeof v === "number") out[field] = v; // workerd takes a number as the Date's ms (recorded)
      else throw new TypeError(`Incorrect type for the 'cacheExpiry' field on 'HttpMetadata': the provided value is not of type 'date'.`);
    }
    return out;
  }

  function readCustomMetadata(op, m, where) {
    const out = {};
    if (m === undefined || m === null) return out;
    if (typeof m !== "object") {
      throw new TypeError(`Incorrect type for the 'customMetadata' field on '${where}': the provided value is not of type 'object'.`);
    }
    let bytes = 0;
    for (const k of Object.keys(m)) {
      out[k] = String(m[k]);
      bytes += utf8Length(k) + utf8Length(out[k]);
    }
    if (bytes > MAX_METADATA_BYTES) throw serviceError(op, "Your metadata headers exceed the maximum allowed metadata size. (10012)");
    return out;
  }

  // The one checksum a put may name: { name, hex } or null.
  function readChecksum(o) {
    let found = null;
    for (const [name, label, size] of CHECKSUMS) {
      const v = o[name];
      if (v === undefined) continue;
      if (found !== null) throw new TypeError("You cannot specify multiple hashing algorithms.");
      let hex;
      if (typeof v === "string") {
        if (v.length !== size * 2) throw new TypeError(`${label} is ${size * 2} hex characters, not ${v.length}`);
        hex = v.toLowerCase();
      } else if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
        const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        if (bytes.byteLength !== size) throw new TypeError(`${label} is ${size} bytes, not ${bytes.byteLength}`);
        hex = toHex(bytes);
      } else {
        throw new TypeError(`Incorrect type for the '${name}' field on 'PutOptions': the provided value is not of type 'ArrayBuffer or ArrayBufferView or string'.`);
      }
      found = { name, hex };
    }
    return found;
  }

  // ---- bodies ----

  const UNKNOWN_LENGTH = "Provided readable stream must have a known length (request/response body or readable half of FixedLengthStream)";
  // A stream value must say its length up front: a body of known length, or a FixedLengthStream's readable side.
  function checkLength(v) {
    if (ReadableStream && v instanceof ReadableStream && !hasKnownLength(v) && streamExpectedLength(v) === undefined) {
      throw new TypeError(UNKNOWN_LENGTH);
    }
  }

  const isBody = (v) => typeof v === "string" || v instanceof ArrayBuffer || ArrayBuffer.isView(v) ||
    (Blob && v instanceof Blob) || (ReadableStream && v instanceof ReadableStream);

  function writeBytes(o, id, bytes) {
    if (bytes.byteLength > 0) o.write(id, bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  // Writes a value into a new staged body on the host, a stream chunk by chunk; resolves to its id.
  async function stageBody(o, value, checksum) {
    const reader = ReadableStream && value instanceof ReadableStream ? value.getReader() : null;
    const id = o.stage(checksum);
    try {
      if (reader !== null) {
        for (;;) {
          const { done, value: chunk } = await reader.read();
          if (done) break;
          writeBytes(o, id, toBytes(chunk));
        }
      } else if (typeof value === "string") writeBytes(o, id, utf8.encode(value));
      else if (value instanceof ArrayBuffer) writeBytes(o, id, new Uint8Array(value));
      else if (ArrayBuffer.isView(value)) writeBytes(o, id, new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      else if (value !== null) writeBytes(o, id, blobBytes(value));
    } catch (e) {
      o.discard(id);
      throw e;
    }
    return id;
  }

  // A large body, read from the host a chunk per pull.
  function hostFileStream(o, readerId) {
    return new ReadableStream({
      type: byteType(),
      pull(controller) {
        return new Promise((resolve) => o.readChunk(readerId).then((chunk) => {
          if (chunk === null || chunk === undefined) controller.close();
          else controller.enqueue(fromHost(chunk));
          resolve();
        }, (m) => {
          controller.error(new Error(m));
          resolve();
        }));
      },
      cancel() { o.cancelRead(readerId); },
    }, { highWaterMark: 0 });
  }

  // ---- results ----

  class R2Checksums {
    constructor(token, hexes) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      for (let i = CHECKSUMS.length - 1; i >= 0; i--) {
        const name = CHECKSUMS[i][0];
        this[name] = hexes[name] === undefined ? undefined : fromHex(hexes[name]);
      }
    }

    toJSON() {
      const out = {};
      for (const [name] of CHECKSUMS) {
        if (this[name] instanceof ArrayBuffer) out[name] = toHex(new Uint8Array(this[name]));
      }
      return out;
    }
  }
  idlLike(R2Checksums, "R2Checksums");

  function httpMetadataObject(stored) {
    const out = {};
    for (const [field] of HTTP_FIELDS) {
      if (stored[field] !== undefined) out[field] = field === "cacheExpiry" ? new Date(stored[field]) : stored[field];
    }
    return out;
  }

  // R2Object: what head/put/list/complete return. Own properties in the order wrangler dev lists them.
  class HeadResult {
    #http;

    constructor(token, d) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      this.#http = d.httpMetadata;
      this.ssecKeyMd5 = undefined;
      this.storageClass = ""; // wrangler dev reports "" whatever the put asked for (recorded)
      this.range = d.range;
      this.customMetadata = { ...d.customMetadata };
      this.httpMetadata = httpMetadataObject(d.httpMetadata);
      this.uploaded = new Date(d.uploaded);
      this.checksums = new R2Checksums(TOKEN, d.checksums);
      this.httpEtag = `"${d.etag}"`;
      this.etag = d.etag;
      this.size = d.size;
      this.version = d.version;
      this.key = d.key;
    }

    writeHttpMetadata(headers) {
      if (!(#http in this)) throw new TypeError("Illegal invocation");
      if (!(headers instanceof Headers)) {
        throw new TypeError("Failed to execute 'writeHttpMetadata' on 'HeadResult': parameter 1 is not of type 'Headers'.");
      }
      for (const [field, header] of HTTP_FIELDS) {
        const v = this.#http[field];
        if (v !== undefined) headers.set(header, field === "cacheExpiry" ? new Date(v).toUTCString() : v);
      }
    }
  }
  idlLike(HeadResult, "HeadResult");

  const bodies = new WeakMap();
  const bodyOf = (o) => {
    const state = bodies.get(o);
    if (state === undefined) throw new TypeError("Illegal invocation");
    return state;
  };
  const asText = (r) => (typeof r === "string" ? r : utf8Decoder.decode(r));

  // R2ObjectBody: a HeadResult with the body of (the range of) the object.
  class GetResult extends HeadResult {
    constructor(token, d, state) {
      super(token, d);
      bodies.set(this, state);
    }

    get body() { return bodyStream(bodyOf(this)); }
    get bodyUsed() { return bodyUsed(bodyOf(this)); }
    async arrayBuffer() {
      const b = await consumeBody(bodyOf(this));
      return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.slice().buffer;
    }
    async bytes() { return consumeBody(bodyOf(this)); }
    async text() { return asText(await consumeBody(bodyOf(this))); }
    async json() { return parseJson(asText(await consumeBody(bodyOf(this)))); }
    async blob() {
      const b = await consumeBody(bodyOf(this));
      return blobFromBytes(b, this.httpMetadata.contentType ?? "");
    }
  }
  for (const name of ["body", "bodyUsed", "arrayBuffer", "bytes", "text", "json", "blob"]) {
    Object.defineProperty(GetResult.prototype, name, { ...Object.getOwnPropertyDescriptor(GetResult.prototype, name), enumerable: true });
  }
  idlLike(GetResult, "GetResult");

  // ---- multipart ----

  class R2MultipartUpload {
    #ops;

    constructor(token, o, key, uploadId) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      this.#ops = o;
      this.uploadId = uploadId;
      this.key = key;
    }

    async uploadPart(partNumber, value) {
      const o = this.#ops;
      if (!isBody(value)) throw BAD_BODY("uploadPart", "R2MultipartUpload");
      checkLength(value);
      const n = Math.trunc(Number(partNumber));
      if (!(n >= 1 && n <= 10000)) {
        throw new TypeError(`Part number must be between 1 and 10000 (inclusive). Actual value was: ${partNumber}`);
      }
      const id = await stageBody(o, value, null);
      const etag = await hostCall("uploadPart", (ok, fail) => o.uploadPart(this.uploadId, this.key, n, id).then(ok, fail));
      return { partNumber: n, etag };
    }

    async abort() {
      const o = this.#ops;
      await hostCall("abortMultipartUpload", (ok, fail) => o.abort(this.uploadId, this.key).then(() => ok(undefined), fail));
    }

    async complete(uploadedParts) {
      const o = this.#ops;
      if (!Array.isArray(uploadedParts)) {
        throw new TypeError("Failed to execute 'complete' on 'R2MultipartUpload': parameter 1 is not of type 'Array'.");
      }
      const parts = uploadedParts.map((p) => ({ partNumber: Math.trunc(Number(p?.partNumber)), etag: String(p?.etag) }));
      const json = await hostCall("completeMultipartUpload", (ok, fail) => o.complete(this.uploadId, this.key, JSON.stringify(parts)).then(ok, fail));
      return new HeadResult(TOKEN, JSON.parse(json));
    }
  }
  idlLike(R2MultipartUpload, "R2MultipartUpload");
  guardIo(R2MultipartUpload, ["uploadPart", "abort", "complete"]);

  // ---- the bucket ----

  const INCLUDES = new Set(["httpMetadata", "customMetadata"]);

  class R2Bucket {
    #ops;

    constructor(token, o) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      this.#ops = o;
    }

    async head(key) {
      if (arguments.length === 0 || key === undefined) throw notString("head", 1);
      key = String(key);
      checkKey("head", key);
      const json = await hostCall("head", (ok, fail) => this.#ops.head(key).then(ok, fail));
      return json === null ? null : new HeadResult(TOKEN, JSON.parse(json));
    }

    async get(key, options) {
      if (arguments.length === 0 || key === undefined) throw notString("get", 1);
      key = String(key);
      const o = options ?? {};
      const onlyIf = readConditional(o.onlyIf, "GetOptions");
      const range = readRange(o.range);
      checkKey("get", key);
      const [json, bytes, readerId] = await hostCall("get", (ok, fail) => this.#ops.get(key,
        onlyIf === null ? null : JSON.stringify(onlyIf), range === null ? null : JSON.stringify(range))
        .then((j, b, r) => ok([j, b, r]), fail));
      if (json === null) return null;
      const d = JSON.parse(json);
      if (!d.hasBody) return new HeadResult(TOKEN, d);
      const source = readerId >= 0 ? hostFileStream(this.#ops, readerId) : fromHost(bytes);
      return new GetResult(TOKEN, d, new BodyState(source, d.range.length));
    }

    async put(key, value, options) {
      if (arguments.length === 0 || key === undefined) throw notString("put", 1);
      key = String(key);
      if (value !== null && !isBody(value)) throw BAD_BODY("put", "R2Bucket");
      checkLength(value);
      const o = options ?? {};
      const onlyIf = readConditional(o.onlyIf, "PutOptions");
      const httpMetadata = readHttpMetadata(o.httpMetadata, "PutOptions");
      const customMetadata = readCustomMetadata("put", o.customMetadata, "PutOptions");
      const checksum = readChecksum(o);
      checkKey("put", key);
      const id = await stageBody(this.#ops, value, checksum === null ? null : checksum.name);
      const json = await hostCall("put", (ok, fail) => this.#ops.put(key, id,
        JSON.stringify({ httpMetadata, customMetadata, onlyIf, checksum })).then(ok, fail));
      return json === null ? null : new HeadResult(TOKEN, JSON.parse(json));
    }

    async createMultipartUpload(key, options) {
      if (arguments.length === 0 || key === undefined) throw notString("createMultipartUpload", 1);
      key = String(key);
      const o = options ?? {};
      const httpMetadata = readHttpMetadata(o.httpMetadata, "MultipartOptions");
      const customMetadata = readCustomMetadata("createMultipartUpload", o.customMetadata, "MultipartOptions");
      checkKey("createMultipartUpload", key);
      const uploadId = await hostCall("createMultipartUpload", (ok, fail) =>
        this.#ops.createUpload(key, JSON.stringify(httpMetadata), JSON.stringify(customMetadata)).then(ok, fail));
      return new R2MultipartUpload(TOKEN, this.#ops, key, uploadId);
    }

    resumeMultipartUpload(key, uploadId) {
      if (arguments.length === 0 || key === undefined) throw notString("resumeMultipartUpload", 1);
      if (arguments.length < 2 || uploadId === undefined) throw notString("resumeMultipartUpload", 2);
      return new R2MultipartUpload(TOKEN, this.#ops, String(key), String(uploadId));
    }

    async delete(keys) {
      if (arguments.length === 0 || keys === undefined) {
        throw new TypeError("Failed to execute 'delete' on 'R2Bucket': parameter 1 is not of type 'string or Array'.");
      }
      const list = Array.isArray(keys) ? keys.map(String) : [String(keys)];
      for (const k of list) checkKey("delete", k);
      await hostCall("delete", (ok, fail) => this.#ops.delete(JSON.stringify(list)).then(() => ok(undefined), fail));
    }

    async list(options) {
      const o = options ?? {};
      let limit = MAX_LIST;
      if (o.limit !== undefined) {
        const n = Math.trunc(Number(o.limit));
        if (n === 0 || n > MAX_LIST || Number.isNaN(n)) {
          throw serviceError("list", `MaxKeys params must be positive integer <= ${MAX_LIST}. (10022)`);
        }
        if (n > 0) limit = n;
      }
      const include = new Set();
      for (const v of o.include ?? []) {
        if (!INCLUDES.has(v)) throw new RangeError(`Unsupported include value ${v}`);
        include.add(v);
      }
      const str = (v) => (v === undefined || v === null ? null : String(v));
      const request = { prefix: str(o.prefix) ?? "", limit, cursor: str(o.cursor), startAfter: str(o.startAfter),
        delimiter: str(o.delimiter) };
      const page = JSON.parse(await hostCall("list", (ok, fail) => this.#ops.list(JSON.stringify(request)).then(ok, fail)));
      // From r2_list_honor_include (2022-08-04) metadata is listed only when asked for.
      const honor = Boolean($.compat.r2_list_honor_include);
      const objects = page.objects.map((d) => {
        if (honor && !include.has("httpMetadata")) d.httpMetadata = {};
        if (honor && !include.has("customMetadata")) d.customMetadata = {};
        return new HeadResult(TOKEN, d);
      });
      const out = { objects, truncated: page.truncated };
      if (page.truncated) out.cursor = page.cursor;
      out.delimitedPrefixes = page.delimitedPrefixes;
      return out;
    }
  }
  idlLike(R2Bucket, "R2Bucket");
  guardIo(R2Bucket, ["head", "get", "put", "createMultipartUpload", "delete", "list"]);

  return { r2: (o) => new R2Bucket(TOKEN, o) };
})
