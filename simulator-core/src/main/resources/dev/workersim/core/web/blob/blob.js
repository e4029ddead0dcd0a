// web/blob/blob.js: Blob and File (File API), and the body hooks that let a Request or Response be built
// from a Blob and read back as one. A Blob's bytes never change, so slices and bodies share them.
// imports: runtime/internal, web/encoding/encoding, web/streams/streams, web/fetch/body
(function (ops, $, imports) {
  "use strict";
  const { utf8, utf8Decoder, ReadableStream, ReadableByteStreamController, idl, BodyState, expose } = imports;
  const kInternal = Symbol("internal");
  const STREAM_CHUNK = 64 * 1024;

  // The File API's type rule: printable ASCII only (else ""), lower-cased.
  function normalizeType(type) {
    if (type === undefined) return "";
    const t = String(type);
    return /^[\x20-\x7e]*$/.test(t) ? t.toLowerCase() : "";
  }

  function partBytes(part) {
    if (part instanceof Blob) return bytesOf(part);
    if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
    if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
    const str = String(part);
    return /[\ud800-\udfff]/.test(str) ? wtf8(str) : utf8.encode(str);
  }

  // workerd keeps a lone surrogate in a Blob part as its three-byte (WTF-8) form instead of U+FFFD.
  function wtf8(str) {
    const out = [];
    for (const ch of str) { // iterates code points; a lone surrogate comes alone
      const cp = ch.codePointAt(0);
      if (cp < 0xd800 || cp > 0xdfff) { for (const b of utf8.encode(ch)) out.push(b); continue; }
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    }
    return new Uint8Array(out);
  }

  function concat(chunks) {
    if (chunks.length === 1) return chunks[0];
    let total = 0;
    for (const c of chunks) total += c.byteLength;
    const out = new Uint8Array(total);
    let off = 0;
    for (const c of chunks) { out.set(c, off); off += c.byteLength; }
    return out;
  }

  // Relative start/end as Blob.slice and Array.prototype.slice take them.
  function clampIndex(value, size, fallback) {
    if (value === undefined) return fallback;
    const n = Math.trunc(Number(value)) || 0;
    return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
  }

  class Blob {
    #bytes;
    #type;

    constructor(blobParts = undefined, options = undefined) {
      if (blobParts === kInternal) { this.#bytes = options.bytes; this.#type = options.type; return; }
      if (options !== undefined && options !== null && typeof options !== "object" && typeof options !== "function") {
        throw new TypeError("Failed to construct 'Blob': The provided value is not of type 'BlobPropertyBag'.");
      }
      const endings = options?.endings;
      if (endings !== undefined && endings !== "transparent" && endings !== "native") {
        throw new TypeError(`Failed to construct 'Blob': The provided value '${endings}' is not a valid enum value of type EndingType.`);
      }
      const chunks = [];
      if (blobParts !== undefined && blobParts !== null) {
        if (typeof blobParts !== "object" || typeof blobParts[Symbol.iterator] !== "function") {
          throw new TypeError("Failed to construct 'Blob': constructor parameter 1 is not of type 'Array'.");
        }
        for (const part of blobParts) chunks.push(partBytes(part));
      }
      this.#bytes = chunks.length === 0 ? new Uint8Array(0) : concat(chunks);
      this.#type = normalizeType(options?.type);
    }

    static _bytes(b) { return b.#bytes; }
    static _make(bytes, type) { return new Blob(kInternal, { bytes, type }); }

    get size() { return this.#bytes.byteLength; }
    get type() { return this.#type; }

    slice(start = undefined, end = undefined, contentType = undefined) {
      const size = this.#bytes.byteLength;
      const from = clampIndex(start, size, 0);
      const to = clampIndex(end, size, size);
      const bytes = this.#bytes.subarray(from, Math.max(from, to));
      return new Blob(kInternal, { bytes, type: normalizeType(contentType) });
    }

    async arrayBuffer() { return this.#bytes.slice().buffer; }
    async bytes() { return this.#bytes.slice(); }
    async text() { return utf8Decoder.decode(this.#bytes); }

    stream() {
      const bytes = this.#bytes;
      let offset = 0;
      return new ReadableStream({
        type: ReadableByteStreamController ? "bytes" : undefined,
        pull(controller) {
          if (offset >= bytes.byteLength) { controller.close(); return; }
          const end = Math.min(offset + STREAM_CHUNK, bytes.byteLength);
          controller.enqueue(bytes.slice(offset, end)); // a copy: the reader may transfer or write it
          offset = end;
          if (offset >= bytes.byteLength) controller.close();
        },
      });
    }
  }

  class File extends Blob {
    #name;
    #lastModified;

    constructor(fileBits, fileName, options = undefined) {
      if (arguments.length < 2) throw new TypeError("Failed to construct 'File': constructor parameter 2 is not of type 'string'.");
      super(fileBits, options);
      this.#name = String(fileName);
      const lm = options?.lastModified;
      this.#lastModified = lm === undefined ? Date.now() : Math.trunc(Number(lm)) || 0;
    }

    get name() { return this.#name; }
    get lastModified() { return this.#lastModified; }
  }

  const bytesOf = Blob._bytes;
  const makeBlob = Blob._make;
  delete Blob._bytes;
  delete Blob._make;

  // Web IDL shape: members enumerable on the prototype, a toStringTag.
  for (const cls of [Blob, File]) {
    for (const key of Object.getOwnPropertyNames(cls.prototype)) {
      if (key === "constructor") continue;
      const desc = Object.getOwnPropertyDescriptor(cls.prototype, key);
      desc.enumerable = true;
      Object.defineProperty(cls.prototype, key, desc);
    }
    idl(cls);
  }

  // The Blob's bytes as they are (callers must not write to them).
  const blobBytes = bytesOf;
  // A Blob over bytes the caller hands over (no copy).
  const blobFromBytes = (bytes, type) => makeBlob(bytes, normalizeType(type));
  // A File over bytes the caller hands over: a Blob part is taken by reference, so nothing is copied.
  const fileFromBytes = (bytes, name, type, lastModified) =>
    new File([makeBlob(bytes, "")], name, { type, lastModified });

  // Body hooks for web/fetch/body.js: a Blob body is its bytes (copied, since the body may hand its
  // buffer to user code) with the Blob's type as Content-Type; blob() wraps the bytes read.
  const prevExtract = $.extractOtherBody;
  $.extractOtherBody = function extractOtherBody(init) {
    if (init instanceof Blob) {
      const bytes = bytesOf(init).slice();
      return [new BodyState(bytes, bytes.byteLength), init.type === "" ? null : init.type];
    }
    return prevExtract ? prevExtract(init) : null;
  };
  // The Content-Type is normalised as workerd does it: lower-cased, no space after ";".
  // A body's blob().type: the Content-Type's MIME type as the fetch spec extracts and serialises it
  // (blob_standard_mime_type, 2024-06-03; recorded), else the header as it was, lower-cased.
  $.bodyBlob = (bytes, contentType) => makeBlob(bytes, $.compat.blob_standard_mime_type
    ? extractMimeType(contentType ?? "") : normalizeType((contentType ?? "").replace(/\s*;\s*/g, ";")));

  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const QUOTED_OK = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;
  // WHATWG MIME Sniffing "parse a MIME type" then "serialize", minimal: "" when it does not parse.
  function extractMimeType(text) {
    const input = text.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
    const slash = input.indexOf("/");
    if (slash <= 0) return "";
    const type = input.slice(0, slash);
    const semi = input.indexOf(";", slash);
    const subtype = (semi < 0 ? input.slice(slash + 1) : input.slice(slash + 1, semi)).replace(/[\t\n\r ]+$/, "");
    if (!TOKEN.test(type) || !subtype || !TOKEN.test(subtype)) return "";
    let out = type.toLowerCase() + "/" + subtype.toLowerCase();
    const seen = new Set();
    let i = semi < 0 ? input.length : semi + 1;
    while (i < input.length) {
      while (i < input.length && /[\t\n\r ]/.test(input[i])) i++;
      let name = "";
      while (i < input.length && input[i] !== ";" && input[i] !== "=") name += input[i++];
      name = name.toLowerCase();
      if (i >= input.length || input[i] === ";") { i++; continue; }
      i++; // "="
      let value = "";
      if (input[i] === "\"") {
        i++;
        while (i < input.length && input[i] !== "\"") {
          if (input[i] === "\\" && i + 1 < input.length) i++;
          value += input[i++];
        }
        while (i < input.length && input[i] !== ";") i++;
      } else {
        while (i < input.length && input[i] !== ";") value += input[i++];
        value = value.replace(/[\t\n\r ]+$/, "");
        if (!value) { i++; continue; }
      }
      i++;
      if (name && TOKEN.test(name) && QUOTED_OK.test(value) && !seen.has(name)) {
        seen.add(name);
        out += ";" + name + "=" + (value !== "" && TOKEN.test(value) ? value : "\"" + value.replace(/(["\\])/g, "\\$1") + "\"");
      }
    }
    return out;
  }

  expose("Blob", Blob);
  expose("File", File);

  return { blobBytes, blobFromBytes, fileFromBytes, Blob, File };
})
