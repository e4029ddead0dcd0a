// web/encoding/text-decoder.js: TextDecoder over GraalJS's own (web/encoding/encoding.js). GraalJS decodes UTF-8 only;
// workerd takes every Encoding Standard label. UTF-8 stays on the native path, UTF-16 and
// windows-1252 ("latin1", "ascii", ...) are decoded here, the other legacy encodings by the JDK's
// charsets (ops.text).
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { idl, expose } = imports;
  const Native = globalThis.TextDecoder; // GraalJS's (js.text-encoding), before this file replaces the global
  const FAILED = "Failed to decode input.";
  const BOM = [0xef, 0xbb, 0xbf];
  const LABELS = new Map();
  const label = (name, list) => { for (const l of list.split(" ")) LABELS.set(l, name); };
  label("utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8");
  label("utf-16le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le");
  label("utf-16be", "unicodefffe utf-16be");
  label("windows-1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 " +
    "iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252");
  // The legacy encodings ops.text decodes, with their labels.
  const LEGACY = {
    "ibm866": "866 cp866 csibm866 ibm866",
    "iso-8859-2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2",
    "iso-8859-3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3",
    "iso-8859-4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4",
    "iso-8859-5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988",
    "iso-8859-6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e " +
      "iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    "iso-8859-7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 " +
      "iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso-8859-8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 " +
      "iso_8859-8 iso_8859-8:1988 visual",
    "iso-8859-8-i": "csiso88598i iso-8859-8-i logical",
    "iso-8859-10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso-8859-13": "iso-8859-13 iso8859-13 iso885913",
    "iso-8859-14": "iso-8859-14 iso8859-14 iso885914",
    "iso-8859-15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso-8859-16": "iso-8859-16",
    "koi8-r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8-u": "koi8-ru koi8-u",
    "macintosh": "csmacintosh mac macintosh x-mac-roman",
    "windows-874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "windows-1250": "cp1250 windows-1250 x-cp1250",
    "windows-1251": "cp1251 windows-1251 x-cp1251",
    "windows-1253": "cp1253 windows-1253 x-cp1253",
    "windows-1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 " +
      "latin5 windows-1254 x-cp1254",
    "windows-1255": "cp1255 windows-1255 x-cp1255",
    "windows-1256": "cp1256 windows-1256 x-cp1256",
    "windows-1257": "cp1257 windows-1257 x-cp1257",
    "windows-1258": "cp1258 windows-1258 x-cp1258",
    "x-mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gbk": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk",
    "gb18030": "gb18030",
    "big5": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc-jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso-2022-jp": "csiso2022jp iso-2022-jp",
    "shift_jis": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "euc-kr": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949",
  };
  for (const [name, labels] of Object.entries(LEGACY)) label(name, labels);
  // windows-1252 bytes 0x80-0x9F; every other byte is its own code point.
  const CP1252 = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
    0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d,
    0x17e, 0x178];

  function bytesOf(input) {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError("Failed to execute 'decode' on 'TextDecoder': parameter 1 is not of type 'ArrayBuffer or ArrayBufferView'.");
  }

  class TextDecoder {
    #encoding; #fatal; #ignoreBOM;
    #native = null;   // the GraalJS decoder for UTF-8 (BOM handled here)
    #host = null;     // a legacy encoding's decoder in Java
    #held = null;     // UTF-8: an unfinished sequence at the end of the last streamed chunk
    #pending = [];    // UTF-16: bytes of an unfinished code unit or surrogate pair between stream calls
    #bomSeen = false;

    constructor(label = "utf-8", options = undefined) {
      const key = String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").toLowerCase();
      const encoding = LABELS.get(key);
      if (encoding === undefined) throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${label}') is invalid.`);
      this.#encoding = encoding;
      this.#fatal = !!options?.fatal;
      this.#ignoreBOM = !!options?.ignoreBOM;
      if (encoding === "utf-8") this.#native = new Native("utf-8", { fatal: this.#fatal, ignoreBOM: true });
      if (Object.hasOwn(LEGACY, encoding)) {
        this.#host = ops.text.open(encoding, this.#fatal);
        if (this.#host === null) throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${label}') is invalid.`);
      }
    }

    get encoding() { return this.#encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }

    decode(input = undefined, options = undefined) {
      const stream = !!options?.stream;
      if (this.#native !== null) {
        try {
          return this.#utf8(bytesOf(input), stream);
        } catch (e) {
          if (e instanceof TypeError && this.#fatal) throw new TypeError(FAILED); // workerd's wording
          throw e;
        }
      }
      const bytes = bytesOf(input);
      if (this.#host !== null) {
        const s = this.#host.decode(bytes.buffer, bytes.byteOffset, bytes.byteLength, stream);
        if (s === null) throw new TypeError(FAILED);
        return s;
      }
      if (this.#encoding === "windows-1252") {
        let s = "";
        for (let i = 0; i < bytes.length; i += 8192) {
          const part = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80] : b));
          s += String.fromCharCode.apply(null, part);
        }
        return s;
      }
      return this.#utf16(bytes, stream);
    }

    // GraalJS's decoder does not carry a split sequence across stream calls, so each call decodes only
    // up to the last lead byte whose sequence is unfinished and keeps the rest for the next call.
    #utf8(bytes, stream) {
      if (this.#held !== null) {
        const all = new Uint8Array(this.#held.length + bytes.length);
        all.set(this.#held);
        all.set(bytes, this.#held.length);
        bytes = all;
        this.#held = null;
      }
      if (!this.#bomSeen && !this.#ignoreBOM) {
        // Too few bytes yet to tell whether a BOM starts the stream: wait for more.
        if (stream && bytes.length < 3 && BOM.slice(0, bytes.length).every((b, i) => bytes[i] === b)) {
          this.#held = bytes.slice();
          return "";
        }
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      }
      this.#bomSeen = true;
      let end = bytes.length;
      if (stream) {
        for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
          const b = bytes[i];
          if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
          const need = b >= 0xf5 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 1; // 1: not a lead byte
          if (i + need > bytes.length) end = i;
          break;
        }
        if (end < bytes.length) this.#held = bytes.slice(end);
      } else {
        this.#bomSeen = false; // the next call starts a new stream
      }
      return this.#native.decode(bytes.subarray(0, end));
    }

    #utf16(bytes, stream) {
      const all = this.#pending.length ? Uint8Array.from([...this.#pending, ...bytes]) : bytes;
      const le = this.#encoding === "utf-16le";
      let end = all.length - (all.length % 2);
      const units = [];
      for (let i = 0; i < end; i += 2) units.push(le ? all[i] | (all[i + 1] << 8) : (all[i] << 8) | all[i + 1]);
      // While streaming, a trailing lead surrogate waits for its pair.
      if (stream && units.length && units[units.length - 1] >= 0xd800 && units[units.length - 1] <= 0xdbff) { units.pop(); end -= 2; }
      this.#pending = stream ? Array.from(all.subarray(end)) : [];
      let out = "";
      for (let i = 0; i < units.length; i++) {
        const u = units[i];
        if (!this.#bomSeen) {
          this.#bomSeen = true;
          if (u === 0xfeff && !this.#ignoreBOM) continue;
        }
        if (u >= 0xd800 && u <= 0xdbff && i + 1 < units.length && units[i + 1] >= 0xdc00 && units[i + 1] <= 0xdfff) {
          out += String.fromCharCode(u, units[++i]);
        } else {
          out += String.fromCharCode(u); // workerd lets a lone surrogate through rather than U+FFFD
        }
      }
      if (!stream && end < all.length) out += this.#bad(); // an odd byte at the end
      if (!stream) this.#bomSeen = false;
      return out;
    }

    #bad() {
      if (this.#fatal) throw new TypeError(FAILED);
      return "\ufffd";
    }
  }

  // Re-added in workerd's order (Object.keys shows it), enumerable as Web IDL members are.
  for (const key of ["decode", "encoding", "fatal", "ignoreBOM"]) {
    const desc = Object.getOwnPropertyDescriptor(TextDecoder.prototype, key);
    desc.enumerable = true;
    delete TextDecoder.prototype[key];
    Object.defineProperty(TextDecoder.prototype, key, desc);
  }
  idl(TextDecoder);
  expose("TextDecoder", TextDecoder);

  return { TextDecoder };
})
