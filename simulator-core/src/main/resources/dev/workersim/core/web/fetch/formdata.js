// web/fetch/formdata.js: FormData, plus the body hooks that serialise it as multipart/form-data and parse
// multipart/form-data or application/x-www-form-urlencoded bodies back into one (request.formData()).
// imports: runtime/internal, web/encoding/encoding, web/url/url, web/fetch/body, web/blob/blob
(function (ops, $, imports) {
  "use strict";
  const {
    utf8, utf8Decoder, Blob, File, fileFromBytes, blobBytes, idl, BodyState, parseFormUrlencoded,
    expose
  } = imports;
  const enc = (s) => utf8.encode(s);
  const dec = (b) => utf8Decoder.decode(b);

  // An entry's value: a string, or a File. workerd names a plain Blob's File after the entry (not
  // "blob" as the XHR spec says) and ignores a filename given with a string.
  function entryValue(name, value, filename, argc, method) {
    if (argc < 2) throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'File or Blob or string'.`);
    if (value instanceof Blob) {
      if (value instanceof File && filename === undefined) return value;
      const fileName = filename !== undefined ? String(filename) : value instanceof File ? value.name : name;
      const lastModified = value instanceof File ? value.lastModified : undefined;
      return fileFromBytes(blobBytes(value), fileName, value.type, lastModified);
    }
    return String(value);
  }
  function required(argc, method) {
    if (argc < 1) throw new TypeError(`Failed to execute '${method}' on 'FormData': 1 argument required, but only 0 present.`);
  }

  class FormData {
    #list = []; // [[name, string | File], ...] in order

    // There is no HTMLFormElement in Workers; workerd ignores an argument.
    constructor() {}

    append(name, value, filename = undefined) {
      required(arguments.length, "append");
      name = String(name);
      this.#list.push([name, entryValue(name, value, filename, arguments.length, "append")]);
    }
    delete(name) {
      required(arguments.length, "delete");
      name = String(name);
      this.#list = this.#list.filter((e) => e[0] !== name);
    }
    get(name) {
      required(arguments.length, "get");
      name = String(name);
      const e = this.#list.find((x) => x[0] === name);
      return e === undefined ? null : e[1];
    }
    getAll(name) {
      required(arguments.length, "getAll");
      name = String(name);
      return this.#list.filter((e) => e[0] === name).map((e) => e[1]);
    }
    has(name) {
      required(arguments.length, "has");
      name = String(name);
      return this.#list.some((e) => e[0] === name);
    }
    set(name, value, filename = undefined) {
      required(arguments.length, "set");
      name = String(name);
      const entry = [name, entryValue(name, value, filename, arguments.length, "set")];
      const i = this.#list.findIndex((e) => e[0] === name);
      if (i < 0) { this.#list.push(entry); return; }
      this.#list[i] = entry;
      this.#list = this.#list.filter((e, j) => j <= i || e[0] !== name);
    }
    // Iterators read the live list by index, as Web IDL's iterable<> does.
    *entries() { for (let i = 0; i < this.#list.length; i++) yield [this.#list[i][0], this.#list[i][1]]; }
    *keys() { for (let i = 0; i < this.#list.length; i++) yield this.#list[i][0]; }
    *values() { for (let i = 0; i < this.#list.length; i++) yield this.#list[i][1]; }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== "function") throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not a function.");
      for (let i = 0; i < this.#list.length; i++) callback.call(thisArg, this.#list[i][1], this.#list[i][0], this);
    }

    static _list(fd) { return fd.#list; }
  }
  Object.defineProperty(FormData.prototype, Symbol.iterator, { value: FormData.prototype.entries, writable: true, configurable: true });
  const listOf = FormData._list;
  delete FormData._list;
  for (const key of Object.getOwnPropertyNames(FormData.prototype)) {
    if (key === "constructor") continue;
    const desc = Object.getOwnPropertyDescriptor(FormData.prototype, key);
    desc.enumerable = true;
    Object.defineProperty(FormData.prototype, key, desc);
  }
  idl(FormData, "FormData");

  // ---- multipart/form-data out ----------------------------------------------------------------

  // Names and filenames go inside quotes: escape what would end the quoted string or the header line.
  const escapeName = (s) => s.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");

  // workerd's shape: 32 random hex digits.
  function newBoundary() {
    let s = "";
    for (let i = 0; i < 32; i++) s += "0123456789abcdef"[Math.floor(Math.random() * 16)];
    return s;
  }

  function serializeMultipart(list, boundary) {
    const parts = [];
    for (const [name, value] of list) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
      if (typeof value === "string") {
        parts.push(enc(head + "\r\n\r\n" + value + "\r\n"));
      } else {
        head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || "application/octet-stream"}\r\n\r\n`;
        parts.push(enc(head), blobBytes(value), enc("\r\n"));
      }
    }
    parts.push(enc(`--${boundary}--`));
    let total = 0;
    for (const p of parts) total += p.byteLength;
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) { out.set(p, off); off += p.byteLength; }
    return out;
  }

  // ---- parsing bodies ----------------------------------------------------------------------------

  // "type/subtype; a=b; c="d"" -> { essence, params }
  function parseMime(value) {
    const semi = value.indexOf(";");
    const essence = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
    const params = new Map();
    if (semi >= 0) {
      const re = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
      let m;
      while ((m = re.exec(value.slice(semi))) !== null) {
        let v = m[2].trim();
        if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, "$1");
        const k = m[1].toLowerCase();
        if (!params.has(k)) params.set(k, v);
      }
    }
    return { essence, params };
  }

  function indexOfBytes(hay, needle, from) {
    const first = needle[0];
    const last = hay.length - needle.length;
    outer: for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
      for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  // workerd's messages.
  const NO_NEXT_BOUNDARY = "No subsequent boundary string after multipart message.";
  const NO_NAME = "Content-Disposition header in FormData part is missing a name.";

  function parseMultipart(bytes, boundary) {
    const fd = new FormData();
    const list = listOf(fd);
    const delim = enc("--" + boundary);
    const crlfDelim = enc("\r\n--" + boundary);
    let pos = indexOfBytes(bytes, delim, 0);
    if (pos < 0) throw new TypeError("No initial boundary string (or you have a truncated message).");
    pos += delim.length;
    for (;;) {
      // After a delimiter: "--" ends the body, otherwise the rest of the line (transport padding) is skipped.
      if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) break;
      const lineEnd = indexOfBytes(bytes, CRLF, pos);
      if (lineEnd < 0) throw new TypeError(NO_NEXT_BOUNDARY);
      let headers = "", bodyStart = lineEnd + 4;
      if (bytes[lineEnd + 2] !== 13 || bytes[lineEnd + 3] !== 10) { // the part has header lines
        const headEnd = indexOfBytes(bytes, CRLFCRLF, lineEnd + 2);
        if (headEnd < 0) throw new TypeError(NO_NEXT_BOUNDARY);
        headers = dec(bytes.subarray(lineEnd + 2, headEnd));
        bodyStart = headEnd + 4;
      }
      const next = indexOfBytes(bytes, crlfDelim, bodyStart);
      if (next < 0) throw new TypeError(NO_NEXT_BOUNDARY);
      const body = bytes.subarray(bodyStart, next);
      addPart(list, headers, body);
      pos = next + crlfDelim.length;
    }
    return fd;
  }
  const CRLF = new Uint8Array([13, 10]);
  const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);

  function addPart(list, headerText, body) {
    let name = null, filename = null, type = "";
    for (const line of headerText.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === "content-disposition") {
        const { essence, params } = parseMime(value);
        if (essence !== "form-data") {
          throw new TypeError(`Content-Disposition header for FormData part must have the value "form-data", possibly followed by parameters. Got: "${essence}"`);
        }
        if (params.has("name")) name = params.get("name");
        if (params.has("filename")) filename = params.get("filename");
      } else if (key === "content-type") {
        type = value;
      }
    }
    if (name === null) throw new TypeError(NO_NAME);
    if (filename === null) list.push([name, dec(body)]);
    else list.push([name, fileFromBytes(body.slice(), filename, type)]);
  }

  // Body hooks for web/fetch/body.js.
  const prevExtract = $.extractOtherBody;
  $.extractOtherBody = function extractOtherBody(init) {
    if (init instanceof FormData) {
      const boundary = newBoundary();
      const bytes = serializeMultipart(listOf(init), boundary);
      return [new BodyState(bytes, bytes.byteLength), "multipart/form-data; boundary=" + boundary];
    }
    return prevExtract ? prevExtract(init) : null;
  };
  // body.js hands the body as bytes (or as the string it was made from).
  $.bodyFormData = function bodyFormData(body, contentType) {
    const { essence, params } = parseMime(contentType ?? "");
    if (essence === "multipart/form-data") {
      const boundary = params.get("boundary");
      if (!boundary) throw new TypeError("No boundary string in Content-Type header. The multipart/form-data MIME type requires a boundary parameter, e.g. 'Content-Type: multipart/form-data; boundary=\"abcd\"'. See RFC 7578, section 4.");
      return parseMultipart(typeof body === "string" ? enc(body) : body, boundary);
    }
    if (essence === "application/x-www-form-urlencoded") {
      const fd = new FormData();
      const list = listOf(fd);
      for (const pair of parseFormUrlencoded(typeof body === "string" ? body : dec(body))) list.push(pair);
      return fd;
    }
    throw new TypeError("Unrecognized Content-Type header value. FormData can only parse the following MIME types: multipart/form-data, application/x-www-form-urlencoded");
  };

  expose("FormData", FormData);

  return { FormData };
})
