// web/url/url.js: URL and URLSearchParams, per the WHATWG URL Standard (basic URL parser, setters,
// application/x-www-form-urlencoded). Pure JS; only non-ASCII domains go to Java (ops.url.toAscii).
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { expose } = imports;

  // ---- Character codes and tables -------------------------------------------------------------

  const EOF = -1;
  const SPACE = 0x20, HASH = 0x23, PERCENT = 0x25;
  const DOT = 0x2e, SLASH = 0x2f, COLON = 0x3a, QM = 0x3f, AT = 0x40, LBRACKET = 0x5b, BSLASH = 0x5c;
  const RBRACKET = 0x5d, PIPE = 0x7c;

  // Percent-encode sets as bits of one table over ASCII; every set also contains all non-ASCII.
  const C0_SET = 1, FRAGMENT_SET = 2, QUERY_SET = 4, SPECIAL_QUERY_SET = 8, PATH_SET = 16,
    USERINFO_SET = 32, COMPONENT_SET = 64, FORM_SET = 128;
  const ENCODE = new Uint8Array(128);
  const addToSets = (chars, mask) => {
    for (let i = 0; i < chars.length; i++) ENCODE[chars.charCodeAt(i)] |= mask;
  };
  for (let i = 0; i < 0x20; i++) ENCODE[i] = 0xff;   // C0 controls are in every set...
  ENCODE[0x7f] = 0xff;                               // ...and so is DEL (> U+007E)
  addToSets(' "<>`', FRAGMENT_SET);
  // Each set below is the previous one plus some code points (the spec defines them that way).
  addToSets(' "#<>', QUERY_SET | SPECIAL_QUERY_SET | PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET);
  addToSets("'", SPECIAL_QUERY_SET);
  addToSets("?^`{}", PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET);
  addToSets("/:;=@[\\]^|", USERINFO_SET | COMPONENT_SET | FORM_SET);
  addToSets("$%&+,", COMPONENT_SET | FORM_SET);
  addToSets("!'()~", FORM_SET);

  // Forbidden host / domain code points (ASCII only; non-ASCII is never forbidden here).
  const FORBIDDEN_HOST = 1, FORBIDDEN_DOMAIN = 2;
  const FORBIDDEN = new Uint8Array(128);
  for (const ch of "\0\t\n\r #/:<>?@[\\]^|") FORBIDDEN[ch.charCodeAt(0)] = FORBIDDEN_HOST | FORBIDDEN_DOMAIN;
  for (let i = 0; i < 0x20; i++) FORBIDDEN[i] |= FORBIDDEN_DOMAIN;
  FORBIDDEN[PERCENT] |= FORBIDDEN_DOMAIN;
  FORBIDDEN[0x7f] |= FORBIDDEN_DOMAIN;

  // Scheme code points after the first: ASCII alphanumerics, +, -, .
  const SCHEME_CHAR = new Uint8Array(128);
  for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.") SCHEME_CHAR[ch.charCodeAt(0)] = 1;

  const HEX = [];
  for (let b = 0; b < 256; b++) HEX.push("%" + (b < 16 ? "0" : "") + b.toString(16).toUpperCase());

  // Special schemes and their default ports (file has none). Null prototype: any scheme string is a safe key.
  const SPECIAL = { __proto__: null, ftp: 21, file: null, http: 80, https: 443, ws: 80, wss: 443 };
  const isSpecialScheme = (scheme) => SPECIAL[scheme] !== undefined;

  const isAlpha = (c) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
  const isDigit = (c) => c >= 0x30 && c <= 0x39;
  const hexValue = (c) =>
    c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;

  // ---- Strings, bytes and percent-encoding ------------------------------------------------------

  // Web IDL USVString: ToString (throws on symbols), then lone surrogates become U+FFFD.
  function usv(v) {
    const s = typeof v === "string" ? v : `${v}`;
    return s.isWellFormed() ? s : s.toWellFormed();
  }

  // UTF-8 percent-encodes every code point of s that is in the set `mask` (or non-ASCII).
  // Returns s itself when nothing needs encoding, which is the common case.
  function percentEncode(s, mask, spaceAsPlus) {
    const n = s.length;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || (ENCODE[c] & mask) !== 0) break;
    }
    if (i === n) return s;
    let out = "", run = 0;   // s.slice(run, i) is pending plain text
    for (; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if ((ENCODE[c] & mask) === 0) continue;
        if (run < i) out += s.slice(run, i);
        out += c === SPACE && spaceAsPlus ? "+" : HEX[c];
        run = i + 1;
        continue;
      }
      if (run < i) out += s.slice(run, i);
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else {
          c = 0xfffd;   // a lone surrogate encodes as U+FFFD, as the UTF-8 encoder does
        }
      }
      if (c < 0x800) {
        out += HEX[0xc0 | (c >> 6)] + HEX[0x80 | (c & 0x3f)];
      } else if (c < 0x10000) {
        out += HEX[0xe0 | (c >> 12)] + HEX[0x80 | ((c >> 6) & 0x3f)] + HEX[0x80 | (c & 0x3f)];
      } else {
        out += HEX[0xf0 | (c >> 18)] + HEX[0x80 | ((c >> 12) & 0x3f)] +
          HEX[0x80 | ((c >> 6) & 0x3f)] + HEX[0x80 | (c & 0x3f)];
      }
      run = i + 1;
    }
    if (run < n) out += s.slice(run);
    return out;
  }

  // Appends the UTF-8 bytes of the code point starting at s[i] to `bytes`; returns the next index.
  function pushUtf8(bytes, s, i) {
    let c = s.charCodeAt(i++);
    if (c < 0x80) {
      bytes.push(c);
      return i;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i < s.length ? s.charCodeAt(i) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    return i;
  }

  // WHATWG "UTF-8 decode without BOM": each maximal invalid subpart becomes one U+FFFD.
  function utf8Decode(bytes) {
    let out = "", cp = 0, needed = 0, seen = 0, lower = 0x80, upper = 0xbf;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (needed === 0) {
        if (b < 0x80) out += String.fromCharCode(b);
        else if (b >= 0xc2 && b <= 0xdf) { needed = 1; cp = b & 0x1f; }
        else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          else if (b === 0xed) upper = 0x9f;
          needed = 2; cp = b & 0x0f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          else if (b === 0xf4) upper = 0x8f;
          needed = 3; cp = b & 0x07;
        } else out += "\uFFFD";
        continue;
      }
      if (b < lower || b > upper) {
        // Not a continuation of this sequence: emit U+FFFD and look at this byte again.
        needed = seen = cp = 0; lower = 0x80; upper = 0xbf;
        out += "\uFFFD";
        i--;
        continue;
      }
      lower = 0x80; upper = 0xbf;
      cp = (cp << 6) | (b & 0x3f);
      if (++seen === needed) {
        out += String.fromCodePoint(cp);
        needed = seen = cp = 0;
      }
    }
    if (needed !== 0) out += "\uFFFD";
    return out;
  }

  // Percent-decodes s (as UTF-8 bytes) and decodes the bytes as UTF-8.
  function percentDecode(s) {
    if (s.indexOf("%") === -1) return s;
    const bytes = [];
    for (let i = 0, n = s.length; i < n;) {
      const c = s.charCodeAt(i);
      if (c === PERCENT && i + 2 < n) {
        const h = hexValue(s.charCodeAt(i + 1)), l = hexValue(s.charCodeAt(i + 2));
        if (h >= 0 && l >= 0) {
          bytes.push((h << 4) | l);
          i += 3;
          continue;
        }
      }
      i = pushUtf8(bytes, s, i);
    }
    return utf8Decode(bytes);
  }

  // ---- application/x-www-form-urlencoded --------------------------------------------------------

  function formDecode(s) {
    if (s.indexOf("+") !== -1) s = s.replaceAll("+", " ");
    return percentDecode(s);
  }

  // Returns the list of [name, value] pairs.
  function parseForm(s) {
    const list = [];
    const n = s.length;
    for (let start = 0; start < n;) {
      let amp = s.indexOf("&", start);
      if (amp === -1) amp = n;
      if (amp > start) {
        const eq = s.indexOf("=", start);
        if (eq === -1 || eq > amp) list.push([formDecode(s.slice(start, amp)), ""]);
        else list.push([formDecode(s.slice(start, eq)), formDecode(s.slice(eq + 1, amp))]);
      }
      start = amp + 1;
    }
    return list;
  }

  function serializeForm(list) {
    let out = "";
    for (let i = 0; i < list.length; i++) {
      if (i !== 0) out += "&";
      out += percentEncode(list[i][0], FORM_SET, true) + "=" + percentEncode(list[i][1], FORM_SET, true);
    }
    return out;
  }

  // ---- Hosts --------------------------------------------------------------------------------------

  function parseIPv4Number(s) {
    if (s === "") return -1;
    let radix = 10, i = 0;
    if (s.length >= 2 && s.charCodeAt(0) === 0x30) {
      const x = s.charCodeAt(1) | 0x20;
      if (x === 0x78) { radix = 16; i = 2; } else { radix = 8; i = 1; }
    }
    let value = 0;
    for (; i < s.length; i++) {
      const d = hexValue(s.charCodeAt(i));
      if (d < 0 || d >= radix) return -1;
      value = value * radix + d;   // may grow past 2^53; it only has to compare as too big
    }
    return value;
  }

  // "ends in a number": the last label (ignoring one trailing dot) is decimal digits or 0x-hex.
  function endsInNumber(s) {
    let end = s.length;
    if (s.charCodeAt(end - 1) === DOT) end--;
    const start = s.lastIndexOf(".", end - 1) + 1;
    if (start >= end) return false;
    let digits = true;
    for (let i = start; i < end; i++) {
      if (!isDigit(s.charCodeAt(i))) { digits = false; break; }
    }
    return digits || parseIPv4Number(s.slice(start, end)) >= 0;
  }

  // Returns the serialised IPv4 address, or null.
  function parseIPv4(s) {
    const parts = s.split(".");
    if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
    if (parts.length > 4) return null;
    const numbers = [];
    for (let i = 0; i < parts.length; i++) {
      const n = parseIPv4Number(parts[i]);
      if (n < 0) return null;
      numbers.push(n);
    }
    const last = numbers.length - 1;
    for (let i = 0; i < last; i++) if (numbers[i] > 255) return null;
    if (numbers[last] >= 256 ** (4 - last)) return null;
    let ipv4 = numbers[last];
    for (let i = 0; i < last; i++) ipv4 += numbers[i] * 256 ** (3 - i);
    return (ipv4 >>> 24) + "." + ((ipv4 >>> 16) & 255) + "." + ((ipv4 >>> 8) & 255) + "." + (ipv4 & 255);
  }

  // Parses s[start, end) as an IPv6 address; returns 8 pieces or null.
  function parseIPv6(s, start, end) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let piece = 0, compress = -1, p = start;
    if (p < end && s.charCodeAt(p) === COLON) {
      if (p + 1 >= end || s.charCodeAt(p + 1) !== COLON) return null;
      p += 2;
      compress = ++piece;
    }
    while (p < end) {
      if (piece === 8) return null;
      if (s.charCodeAt(p) === COLON) {
        if (compress !== -1) return null;
        p++;
        compress = ++piece;
        continue;
      }
      let value = 0, length = 0, h;
      while (length < 4 && p < end && (h = hexValue(s.charCodeAt(p))) >= 0) {
        value = value * 16 + h;
        p++;
        length++;
      }
      const c = p < end ? s.charCodeAt(p) : EOF;
      if (c === DOT) {
        // An embedded IPv4 address fills the last two pieces.
        if (length === 0) return null;
        p -= length;
        if (piece > 6) return null;
        let numbersSeen = 0;
        while (p < end) {
          let v4 = -1;
          if (numbersSeen > 0) {
            if (s.charCodeAt(p) === DOT && numbersSeen < 4) p++;
            else return null;
          }
          if (p >= end || !isDigit(s.charCodeAt(p))) return null;
          while (p < end && isDigit(s.charCodeAt(p))) {
            const n = s.charCodeAt(p) - 0x30;
            if (v4 === -1) v4 = n;
            else if (v4 === 0) return null;   // no leading zeros
            else v4 = v4 * 10 + n;
            if (v4 > 255) return null;
            p++;
          }
          address[piece] = address[piece] * 0x100 + v4;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) piece++;
        }
        if (numbersSeen !== 4) return null;
        break;
      } else if (c === COLON) {
        p++;
        if (p >= end) return null;
      } else if (c !== EOF) {
        return null;
      }
      address[piece++] = value;
    }
    if (compress !== -1) {
      let swaps = piece - compress;
      piece = 7;
      while (piece !== 0 && swaps > 0) {
        const t = address[piece];
        address[piece] = address[compress + swaps - 1];
        address[compress + swaps - 1] = t;
        piece--;
        swaps--;
      }
    } else if (piece !== 8) {
      return null;
    }
    return address;
  }

  function serializeIPv6(a) {
    // The first longest run of two or more zero pieces is written as "::".
    let best = -1, bestLength = 1;
    for (let i = 0; i < 8;) {
      if (a[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && a[j] === 0) j++;
      if (j - i > bestLength) { best = i; bestLength = j - i; }
      i = j;
    }
    let out = "";
    for (let i = 0; i < 8; i++) {
      if (i === best) {
        out += i === 0 ? "::" : ":";
        i += bestLength - 1;
        continue;
      }
      out += a[i].toString(16);
      if (i !== 7) out += ":";
    }
    return out;
  }

  // "domain to ASCII" (not strict). An ASCII domain is only lowercased: IDNA cannot fail it, even
  // with xn-- labels (whatwg/url#914). Anything else runs UTS #46 ToASCII in Java.
  function domainToAscii(domain) {
    let ascii = true, upper = false;
    for (let i = 0; i < domain.length; i++) {
      const c = domain.charCodeAt(i);
      if (c >= 0x80) { ascii = false; break; }
      if (c >= 0x41 && c <= 0x5a) upper = true;
    }
    let result;
    if (ascii) {
      result = upper ? domain.toLowerCase() : domain;
    } else {
      result = ops.url.toAscii(domain);
      if (result === null || result === "") return null;
    }
    for (let i = 0; i < result.length; i++) {
      const c = result.charCodeAt(i);
      if (c >= 0x80 || (FORBIDDEN[c] & FORBIDDEN_DOMAIN) !== 0) return null;
    }
    return result;
  }

  // The host parser; returns the serialised host (domain, IPv4, "[IPv6]", opaque or "") or null.
  function parseHost(input, isOpaque) {
    if (input.charCodeAt(0) === LBRACKET) {
      if (input.charCodeAt(input.length - 1) !== RBRACKET) return null;
      const address = parseIPv6(input, 1, input.length - 1);
      return address === null ? null : "[" + serializeIPv6(address) + "]";
    }
    if (isOpaque) {
      for (let i = 0; i < input.length; i++) {
        const c = input.charCodeAt(i);
        if (c < 0x80 && (FORBIDDEN[c] & FORBIDDEN_HOST) !== 0) return null;
      }
      return percentEncode(input, C0_SET, false);
    }
    const ascii = domainToAscii(percentDecode(input));
    if (ascii === null) return null;
    return endsInNumber(ascii) ? parseIPv4(ascii) : ascii;
  }

  // ---- The URL record and the basic URL parser ---------------------------------------------------

  // A URL record. `host` holds the serialised host; `opaquePath` is non-null for an opaque path
  // (then `path` is unused); `port` is a number or null.
  class UrlRecord {
    constructor() {
      this.scheme = "";
      this.username = "";
      this.password = "";
      this.host = null;
      this.port = null;
      this.path = [];
      this.opaquePath = null;
      this.query = null;
      this.fragment = null;
    }
  }

  const includesCredentials = (url) => url.username !== "" || url.password !== "";
  const cannotHaveCredentialsOrPort = (url) => url.host === null || url.host === "" || url.scheme === "file";

  function isWindowsDriveLetter(s, normalizedOnly) {
    if (s.length !== 2 || !isAlpha(s.charCodeAt(0))) return false;
    const c = s.charCodeAt(1);
    return c === COLON || (!normalizedOnly && c === PIPE);
  }

  function startsWithWindowsDriveLetter(s, i) {
    const rest = s.length - i;
    if (rest < 2 || !isAlpha(s.charCodeAt(i))) return false;
    const c = s.charCodeAt(i + 1);
    if (c !== COLON && c !== PIPE) return false;
    if (rest === 2) return true;
    const d = s.charCodeAt(i + 2);
    return d === SLASH || d === BSLASH || d === QM || d === HASH;
  }

  function shortenPath(url) {
    const path = url.path;
    if (url.scheme === "file" && path.length === 1 && isWindowsDriveLetter(path[0], true)) return;
    path.pop();
  }

  function isSingleDot(s) {
    return s === "." || (s.length === 3 && (s === "%2e" || s === "%2E"));
  }

  function isDoubleDot(s) {
    switch (s.length) {
      case 2: return s === "..";
      case 4: return s === ".%2e" || s === ".%2E" || s === "%2e." || s === "%2E.";
      case 6: return s === "%2e%2e" || s === "%2E%2E" || s === "%2e%2E" || s === "%2E%2e";
      default: return false;
    }
  }

  // Parser states (0 means "no state override").
  const SCHEME_START = 1, SCHEME = 2, NO_SCHEME = 3, SPECIAL_RELATIVE_OR_AUTHORITY = 4,
    PATH_OR_AUTHORITY = 5, RELATIVE = 6, RELATIVE_SLASH = 7, SPECIAL_AUTHORITY_SLASHES = 8,
    SPECIAL_AUTHORITY_IGNORE_SLASHES = 9, AUTHORITY = 10, HOST = 11, HOSTNAME = 12, PORT = 13,
    FILE = 14, FILE_SLASH = 15, FILE_HOST = 16, PATH_START = 17, PATH = 18, OPAQUE_PATH = 19,
    QUERY = 20, FRAGMENT = 21;

  const C0_OR_SPACE_EDGE = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
  const TAB_OR_NEWLINE = /[\t\n\r]/g;

  // The basic URL parser. Without `url` it parses a new URL and returns it, or null on failure.
  // With `url` and a state override (the setters) it modifies `url` in place.
  // States that consume runs of code points (authority, host, port, path, query, ...) scan ahead
  // with an inner loop and leave `pointer` on the code point that ends the run; the result is
  // the same as the spec's one-code-point-per-step machine.
  function parse(input, base, url, override) {
    if (url === null) {
      url = new UrlRecord();
      const first = input.charCodeAt(0), last = input.charCodeAt(input.length - 1);
      if (first <= SPACE || last <= SPACE) input = input.replace(C0_OR_SPACE_EDGE, "");
    }
    if (input.indexOf("\t") !== -1 || input.indexOf("\n") !== -1 || input.indexOf("\r") !== -1) {
      input = input.replace(TAB_OR_NEWLINE, "");
    }
    const len = input.length;
    let state = override || SCHEME_START;
    let special = isSpecialScheme(url.scheme);
    let buffer = "";
    let pointer = 0;
    for (;;) {
      let c = pointer < len ? input.charCodeAt(pointer) : EOF;
      switch (state) {
        case SCHEME_START:
          if (isAlpha(c)) {
            state = SCHEME;
            pointer--;   // the scheme state reads the whole scheme, first letter included
          } else if (!override) {
            state = NO_SCHEME;
            pointer--;
          } else {
            return null;
          }
          break;

        case SCHEME: {
          let end = pointer;
          while (end < len && (c = input.charCodeAt(end)) < 0x80 && SCHEME_CHAR[c] === 1) end++;
          buffer += input.slice(pointer, end).toLowerCase();
          pointer = end;
          c = end < len ? input.charCodeAt(end) : EOF;
          if (c === COLON) {
            if (override) {
              const bufferSpecial = isSpecialScheme(buffer);
              if (special !== bufferSpecial) return url;
              if ((includesCredentials(url) || url.port !== null) && buffer === "file") return url;
              if (url.scheme === "file" && url.host === "") return url;
            }
            url.scheme = buffer;
            special = isSpecialScheme(buffer);
            if (override) {
              if (special && url.port === SPECIAL[buffer]) url.port = null;
              return url;
            }
            buffer = "";
            if (url.scheme === "file") {
              state = FILE;
            } else if (special && base !== null && base.scheme === url.scheme) {
              state = SPECIAL_RELATIVE_OR_AUTHORITY;
            } else if (special) {
              state = SPECIAL_AUTHORITY_SLASHES;
            } else if (input.charCodeAt(pointer + 1) === SLASH) {
              state = PATH_OR_AUTHORITY;
              pointer++;
            } else {
              url.opaquePath = "";
              state = OPAQUE_PATH;
            }
          } else if (!override) {
            // Not a scheme after all: start over as a relative reference.
            buffer = "";
            state = NO_SCHEME;
            pointer = -1;
          } else {
            return null;
          }
          break;
        }

        case NO_SCHEME:
          if (base === null || (base.opaquePath !== null && c !== HASH)) return null;
          if (base.opaquePath !== null) {
            url.scheme = base.scheme;
            special = isSpecialScheme(url.scheme);
            url.opaquePath = base.opaquePath;
            url.query = base.query;
            url.fragment = "";
            state = FRAGMENT;
          } else {
            state = base.scheme !== "file" ? RELATIVE : FILE;
            pointer--;
          }
          break;

        case SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === SLASH && input.charCodeAt(pointer + 1) === SLASH) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
          } else {
            state = RELATIVE;
            pointer--;
          }
          break;

        case PATH_OR_AUTHORITY:
          if (c === SLASH) {
            state = AUTHORITY;
          } else {
            state = PATH;
            pointer--;
          }
          break;

        case RELATIVE:
          url.scheme = base.scheme;
          special = isSpecialScheme(url.scheme);
          if (c === SLASH || (special && c === BSLASH)) {
            state = RELATIVE_SLASH;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            url.path = base.path.slice();
            url.query = base.query;
            if (c === QM) {
              url.query = "";
              state = QUERY;
            } else if (c === HASH) {
              url.fragment = "";
              state = FRAGMENT;
            } else if (c !== EOF) {
              url.query = null;
              shortenPath(url);
              state = PATH;
              pointer--;
            }
          }
          break;

        case RELATIVE_SLASH:
          if (special && (c === SLASH || c === BSLASH)) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          } else if (c === SLASH) {
            state = AUTHORITY;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            state = PATH;
            pointer--;
          }
          break;

        case SPECIAL_AUTHORITY_SLASHES:
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          if (c === SLASH && input.charCodeAt(pointer + 1) === SLASH) pointer++;
          else pointer--;
          break;

        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== SLASH && c !== BSLASH) {
            state = AUTHORITY;
            pointer--;
          }
          break;

        case AUTHORITY: {
          // The authority ends at /, ?, # (or \ if special); userinfo is everything before its
          // last @ (earlier @s are percent-encoded), split at the first colon.
          let end = pointer, at = -1;
          for (; end < len; end++) {
            const d = input.charCodeAt(end);
            if (d === SLASH || d === QM || d === HASH || (special && d === BSLASH)) break;
            if (d === AT) at = end;
          }
          if (at !== -1) {
            const colon = input.indexOf(":", pointer);
            if (colon === -1 || colon > at) {
              url.username = percentEncode(input.slice(pointer, at), USERINFO_SET, false);
            } else {
              url.username = percentEncode(input.slice(pointer, colon), USERINFO_SET, false);
              url.password = percentEncode(input.slice(colon + 1, at), USERINFO_SET, false);
            }
            if (at + 1 === end) return null;   // credentials but no host
            pointer = at + 1;
          }
          state = HOST;
          pointer--;
          break;
        }

        case HOST:
        case HOSTNAME: {
          if (override && url.scheme === "file") {
            state = FILE_HOST;
            pointer--;
            break;
          }
          let end = pointer, insideBrackets = false;
          for (; end < len; end++) {
            const d = input.charCodeAt(end);
            if (d === COLON && !insideBrackets) break;
            if (d === SLASH || d === QM || d === HASH || (special && d === BSLASH)) break;
            if (d === LBRACKET) insideBrackets = true;
            else if (d === RBRACKET) insideBrackets = false;
          }
          buffer = input.slice(pointer, end);
          pointer = end;
          if (end < len && input.charCodeAt(end) === COLON) {
            if (buffer === "") return null;
            if (override === HOSTNAME) return null;
            const host = parseHost(buffer, !special);
            if (host === null) return null;
            url.host = host;
            buffer = "";
            state = PORT;
          } else {
            pointer--;
            if (special && buffer === "") return null;
            if (override && buffer === "" && (includesCredentials(url) || url.port !== null)) return null;
            const host = parseHost(buffer, !special);
            if (host === null) return null;
            url.host = host;
            buffer = "";
            state = PATH_START;
            if (override) return url;
          }
          break;
        }

        case PORT: {
          let end = pointer;
          while (end < len && isDigit(input.charCodeAt(end))) end++;
          buffer = input.slice(pointer, end);
          pointer = end;
          c = end < len ? input.charCodeAt(end) : EOF;
          if (c === EOF || c === SLASH || c === QM || c === HASH || (special && c === BSLASH) || override) {
            if (buffer !== "") {
              const port = Number(buffer);
              if (port > 65535) return null;
              url.port = special && port === SPECIAL[url.scheme] ? null : port;
              buffer = "";
              if (override) return url;
            }
            if (override) return null;
            state = PATH_START;
            pointer--;
          } else {
            return null;
          }
          break;
        }

        case FILE:
          url.scheme = "file";
          special = true;
          url.host = "";
          if (c === SLASH || c === BSLASH) {
            state = FILE_SLASH;
          } else if (base !== null && base.scheme === "file") {
            url.host = base.host;
            url.path = base.path.slice();
            url.query = base.query;
            if (c === QM) {
              url.query = "";
              state = QUERY;
            } else if (c === HASH) {
              url.fragment = "";
              state = FRAGMENT;
            } else if (c !== EOF) {
              url.query = null;
              if (!startsWithWindowsDriveLetter(input, pointer)) shortenPath(url);
              else url.path = [];
              state = PATH;
              pointer--;
            }
          } else {
            state = PATH;
            pointer--;
          }
          break;

        case FILE_SLASH:
          if (c === SLASH || c === BSLASH) {
            state = FILE_HOST;
          } else {
            if (base !== null && base.scheme === "file") {
              url.host = base.host;
              if (!startsWithWindowsDriveLetter(input, pointer) && base.path.length > 0 &&
                  isWindowsDriveLetter(base.path[0], true)) {
                url.path.push(base.path[0]);
              }
            }
            state = PATH;
            pointer--;
          }
          break;

        case FILE_HOST: {
          let end = pointer;
          for (; end < len; end++) {
            const d = input.charCodeAt(end);
            if (d === SLASH || d === BSLASH || d === QM || d === HASH) break;
          }
          buffer = input.slice(pointer, end);
          pointer = end - 1;
          if (!override && isWindowsDriveLetter(buffer, false)) {
            // "file://C:/x": C: is the first path segment, not a host. The path state takes
            // over the buffer as it is.
            state = PATH;
          } else if (buffer === "") {
            url.host = "";
            if (override) return url;
            state = PATH_START;
          } else {
            let host = parseHost(buffer, false);
            if (host === null) return null;
            if (host === "localhost") host = "";
            url.host = host;
            if (override) return url;
            buffer = "";
            state = PATH_START;
          }
          break;
        }

        case PATH_START:
          if (special) {
            state = PATH;
            if (c !== SLASH && c !== BSLASH) pointer--;
          } else if (!override && c === QM) {
            url.query = "";
            state = QUERY;
          } else if (!override && c === HASH) {
            url.fragment = "";
            state = FRAGMENT;
          } else if (c !== EOF) {
            state = PATH;
            if (c !== SLASH) pointer--;
          } else if (override && url.host === null) {
            url.path.push("");
          }
          break;

        case PATH: {
          // One segment per run; buffer is raw text (it can hold a drive letter from the file
          // host state) and is percent-encoded when the segment is appended. Dot checks on raw
          // text give the same answers, as neither . nor % is in the path set.
          let end = pointer;
          for (; end < len; end++) {
            const d = input.charCodeAt(end);
            if (d === SLASH || (special && d === BSLASH) || (!override && (d === QM || d === HASH))) break;
          }
          if (end > pointer) buffer += input.slice(pointer, end);
          pointer = end;
          c = end < len ? input.charCodeAt(end) : EOF;
          const slash = c === SLASH || (special && c === BSLASH);
          if (isDoubleDot(buffer)) {
            shortenPath(url);
            if (!slash) url.path.push("");
          } else if (isSingleDot(buffer)) {
            if (!slash) url.path.push("");
          } else {
            if (url.scheme === "file" && url.path.length === 0 && isWindowsDriveLetter(buffer, false)) {
              buffer = buffer[0] + ":";
            }
            url.path.push(percentEncode(buffer, PATH_SET, false));
          }
          buffer = "";
          if (c === QM) {
            url.query = "";
            state = QUERY;
          } else if (c === HASH) {
            url.fragment = "";
            state = FRAGMENT;
          }
          break;
        }

        case OPAQUE_PATH: {
          let end = pointer;
          for (; end < len; end++) {
            const d = input.charCodeAt(end);
            if (d === QM || d === HASH) break;
          }
          let part = percentEncode(input.slice(pointer, end), C0_SET, false);
          // A space right before ? or # is encoded, so the path never ends in a space that
          // removing the query or fragment would expose.
          if (end < len && part.charCodeAt(part.length - 1) === SPACE) part = part.slice(0, -1) + "%20";
          url.opaquePath += part;
          pointer = end;
          c = end < len ? input.charCodeAt(end) : EOF;
          if (c === QM) {
            url.query = "";
            state = QUERY;
          } else if (c === HASH) {
            url.fragment = "";
            state = FRAGMENT;
          }
          break;
        }

        case QUERY: {
          let end = len;
          if (!override) {
            end = input.indexOf("#", pointer);
            if (end === -1) end = len;
          }
          url.query += percentEncode(input.slice(pointer, end), special ? SPECIAL_QUERY_SET : QUERY_SET, false);
          pointer = end;
          if (end < len) {
            url.fragment = "";
            state = FRAGMENT;
          }
          break;
        }

        case FRAGMENT:
          url.fragment += percentEncode(input.slice(pointer), FRAGMENT_SET, false);
          pointer = len;
          break;
      }
      if (pointer >= len) break;
      pointer++;
    }
    return url;
  }

  // Fast path for the usual request URL: absolute, special scheme, lowercase host, no credentials,
  // nothing to percent-encode and no dot segments. In the interpreter a per-code-point JS loop
  // costs far more than one regex match (which runs in Java), so this shape skips the state
  // machine. For such input the full parser produces exactly this record. Returns undefined for
  // anything else.
  const SIMPLE_URL = /^(https?|wss?|ftp):\/\/([a-z0-9._-]+)(?::([0-9]{1,5}))?(\/[^\x00-\x20"#<>?\\^`{}\x7f-\uffff]*)?(?:\?([^\x00-\x20"#<>'\x7f-\uffff]*))?(?:#([^\x00-\x20"<>`\x7f-\uffff]*))?$/;
  const DOT_SEGMENT = /\/(?:\.|%2e)/i;
  const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

  function parseSimple(input) {
    const m = SIMPLE_URL.exec(input);
    if (m === null) return undefined;
    const scheme = m[1], host = m[2], port = m[3], path = m[4];
    if (path !== undefined && DOT_SEGMENT.test(path)) return undefined;
    // A last label starting with a digit may be an IPv4 address in another notation (0x7f.1,
    // 127.1, ...); only the canonical dotted quad is kept as it is.
    let end = host.length;
    if (host.charCodeAt(end - 1) === DOT) end--;
    if (isDigit(host.charCodeAt(host.lastIndexOf(".", end - 1) + 1)) && !CANONICAL_IPV4.test(host)) return undefined;
    const url = new UrlRecord();
    url.scheme = scheme;
    url.host = host;
    if (port !== undefined) {
      const n = Number(port);
      if (n > 65535) return undefined;
      if (n !== SPECIAL[scheme]) url.port = n;
    }
    url.path = path === undefined ? [""] : path.slice(1).split("/");
    if (m[5] !== undefined) url.query = m[5];
    if (m[6] !== undefined) url.fragment = m[6];
    return url;
  }

  function serializePath(url) {
    if (url.opaquePath !== null) return url.opaquePath;
    const path = url.path;
    let out = "";
    for (let i = 0; i < path.length; i++) out += "/" + path[i];
    return out;
  }

  function serializeUrl(url, excludeFragment) {
    let out = url.scheme + ":";
    if (url.host !== null) {
      out += "//";
      if (url.username !== "" || url.password !== "") {
        out += url.username;
        if (url.password !== "") out += ":" + url.password;
        out += "@";
      }
      out += url.host;
      if (url.port !== null) out += ":" + url.port;
    } else if (url.opaquePath === null && url.path.length > 1 && url.path[0] === "") {
      out += "/.";   // keeps "//" at the start of the path from reading as an authority
    }
    out += serializePath(url);
    if (url.query !== null) out += "?" + url.query;
    if (!excludeFragment && url.fragment !== null) out += "#" + url.fragment;
    return out;
  }

  function serializeOrigin(url) {
    switch (url.scheme) {
      case "ftp": case "http": case "https": case "ws": case "wss":
        return url.scheme + "://" + url.host + (url.port !== null ? ":" + url.port : "");
      case "blob": {
        const inner = parse(serializePath(url), null, null, 0);
        if (inner !== null && (inner.scheme === "http" || inner.scheme === "https")) return serializeOrigin(inner);
        return "null";
      }
      default:
        return "null";   // opaque origin (file: included; its origin is left to implementations)
    }
  }

  // ---- Web IDL helpers ------------------------------------------------------------------------

  function requireArgs(count, required, method, iface) {
    if (count < required) {
      throw new TypeError(`Failed to execute '${method}' on '${iface}': ${required} argument${required > 1 ? "s" : ""} required, but only ${count} present.`);
    }
  }

  // Web IDL attributes and operations are enumerable (class members are not), and interfaces
  // carry a Symbol.toStringTag.
  function idlShape(cls, tag) {
    for (const target of [cls.prototype, cls]) {
      for (const key of Reflect.ownKeys(target)) {
        if (typeof key !== "string" || key === "constructor" || key === "prototype" || key === "length" || key === "name") continue;
        const desc = Reflect.getOwnPropertyDescriptor(target, key);
        desc.enumerable = true;
        Reflect.defineProperty(target, key, desc);
      }
    }
    Reflect.defineProperty(cls.prototype, Symbol.toStringTag, { value: tag, configurable: true });
  }

  // Private links between the two classes, filled in by their static blocks.
  let setUrlQuery;        // (URL, string|null): URLSearchParams' update steps
  let newLinkedParams;    // (URL, query|null) => URLSearchParams bound to that URL
  let resetParams;        // (URLSearchParams, query|null): re-parse after the URL changed
  let paramsList;         // (URLSearchParams) => its live list of [name, value]

  const INTERNAL = Symbol("internal");   // lets URL.parse build a URL from a parsed record

  // ---- URL ----------------------------------------------------------------------------------------

  class URL {
    #url;                  // UrlRecord
    #searchParams = null;  // created on first access to .searchParams

    constructor(url, base = undefined) {
      if (url === INTERNAL) {
        this.#url = base;
        return;
      }
      requireArgs(arguments.length, 1, "constructor", "URL");
      const record = parseWithBase(url, base);
      if (record === null) throw new TypeError("Invalid URL string.");
      this.#url = record;
    }

    static canParse(url, base = undefined) {
      requireArgs(arguments.length, 1, "canParse", "URL");
      return parseWithBase(url, base) !== null;
    }

    static parse(url, base = undefined) {
      requireArgs(arguments.length, 1, "parse", "URL");
      const record = parseWithBase(url, base);
      return record === null ? null : new URL(INTERNAL, record);
    }

    static createObjectURL(object) {
      throw new Error("URL.createObjectURL() is not implemented");   // as in workerd
    }

    static revokeObjectURL(url) {
      throw new Error("URL.revokeObjectURL() is not implemented");   // as in workerd
    }

    get href() {
      return serializeUrl(this.#url, false);
    }

    set href(value) {
      const record = parseAbsolute(usv(value));
      if (record === null) {
        throw new TypeError("Failed to set the 'href' property on 'URL': Invalid URL string.");
      }
      this.#url = record;
      if (this.#searchParams !== null) resetParams(this.#searchParams, record.query);
    }

    get origin() {
      return serializeOrigin(this.#url);
    }

    get protocol() {
      return this.#url.scheme + ":";
    }

    set protocol(value) {
      parse(usv(value) + ":", null, this.#url, SCHEME_START);
    }

    get username() {
      return this.#url.username;
    }

    set username(value) {
      const url = this.#url;
      value = usv(value);
      if (cannotHaveCredentialsOrPort(url)) return;
      url.username = percentEncode(value, USERINFO_SET, false);
    }

    get password() {
      return this.#url.password;
    }

    set password(value) {
      const url = this.#url;
      value = usv(value);
      if (cannotHaveCredentialsOrPort(url)) return;
      url.password = percentEncode(value, USERINFO_SET, false);
    }

    get host() {
      const url = this.#url;
      if (url.host === null) return "";
      return url.port === null ? url.host : url.host + ":" + url.port;
    }

    set host(value) {
      const url = this.#url;
      value = usv(value);
      if (url.opaquePath !== null) return;
      parse(value, null, url, HOST);
    }

    get hostname() {
      const host = this.#url.host;
      return host === null ? "" : host;
    }

    set hostname(value) {
      const url = this.#url;
      value = usv(value);
      if (url.opaquePath !== null) return;
      parse(value, null, url, HOSTNAME);
    }

    get port() {
      const port = this.#url.port;
      return port === null ? "" : "" + port;
    }

    set port(value) {
      const url = this.#url;
      value = usv(value);
      if (cannotHaveCredentialsOrPort(url)) return;
      if (value === "") url.port = null;
      else parse(value, null, url, PORT);
    }

    get pathname() {
      return serializePath(this.#url);
    }

    set pathname(value) {
      const url = this.#url;
      value = usv(value);
      if (url.opaquePath !== null) return;
      url.path = [];
      parse(value, null, url, PATH_START);
    }

    get search() {
      const query = this.#url.query;
      return query === null || query === "" ? "" : "?" + query;
    }

    set search(value) {
      const url = this.#url;
      value = usv(value);
      if (value === "") {
        url.query = null;
        if (this.#searchParams !== null) resetParams(this.#searchParams, null);
        return;
      }
      const input = value.charCodeAt(0) === QM ? value.slice(1) : value;
      url.query = "";
      parse(input, null, url, QUERY);
      if (this.#searchParams !== null) resetParams(this.#searchParams, input);
    }

    get searchParams() {
      let params = this.#searchParams;
      if (params === null) params = this.#searchParams = newLinkedParams(this, this.#url.query);
      return params;
    }

    get hash() {
      const fragment = this.#url.fragment;
      return fragment === null || fragment === "" ? "" : "#" + fragment;
    }

    set hash(value) {
      const url = this.#url;
      value = usv(value);
      if (value === "") {
        url.fragment = null;
        return;
      }
      url.fragment = "";
      parse(value.charCodeAt(0) === HASH ? value.slice(1) : value, null, url, FRAGMENT);
    }

    toJSON() {
      return serializeUrl(this.#url, false);
    }

    toString() {
      return serializeUrl(this.#url, false);
    }

    static {
      setUrlQuery = (u, query) => { u.#url.query = query; };
    }
  }

  // The constructor's "API URL parser": a base that fails to parse fails the whole parse.
  function parseWithBase(url, base) {
    url = usv(url);
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = parseAbsolute(usv(base));
      if (baseRecord === null) return null;
    }
    if (baseRecord === null) return parseAbsolute(url);
    return parse(url, baseRecord, null, 0);
  }

  function parseAbsolute(input) {
    const simple = parseSimple(input);
    return simple !== undefined ? simple : parse(input, null, null, 0);
  }

  // ---- URLSearchParams ----------------------------------------------------------------------------

  const ENTRIES = 0, KEYS = 1, VALUES = 2;

  class URLSearchParams {
    #list = [];   // [name, value] pairs
    #url = null;  // the URL whose query this is, if any

    constructor(init = "") {
      if (init !== null && (typeof init === "object" || typeof init === "function")) {
        const iteratorMethod = init[Symbol.iterator];
        if (iteratorMethod !== undefined && iteratorMethod !== null) {
          // sequence<sequence<USVString>>
          if (typeof iteratorMethod !== "function") throw new TypeError("Invalid URL search params sequence.");
          const pairs = [];
          for (const pair of init) {
            if (pair === null || (typeof pair !== "object" && typeof pair !== "function") ||
                typeof pair[Symbol.iterator] !== "function") {
              throw new TypeError("Invalid URL search params sequence.");
            }
            pairs.push(Array.from(pair, usv));
          }
          for (const pair of pairs) {
            if (pair.length !== 2) throw new TypeError("Invalid URL search params sequence.");
            this.#list.push([pair[0], pair[1]]);
          }
        } else {
          // record<USVString, USVString>: own enumerable keys in order; a repeated key keeps
          // its first position and last value.
          const record = new Map();
          for (const key of Reflect.ownKeys(init)) {
            const desc = Reflect.getOwnPropertyDescriptor(init, key);
            if (desc !== undefined && desc.enumerable) record.set(usv(key), usv(init[key]));
          }
          for (const [name, value] of record) this.#list.push([name, value]);
        }
      } else {
        let s = usv(init);
        if (s.charCodeAt(0) === QM) s = s.slice(1);
        this.#list = parseForm(s);
      }
    }

    get size() {
      return this.#list.length;
    }

    append(name, value) {
      requireArgs(arguments.length, 2, "append", "URLSearchParams");
      this.#list.push([usv(name), usv(value)]);
      this.#update();
    }

    delete(name, value = undefined) {
      requireArgs(arguments.length, 1, "delete", "URLSearchParams");
      name = usv(name);
      if (value !== undefined) {
        value = usv(value);
        this.#list = this.#list.filter((p) => p[0] !== name || p[1] !== value);
      } else {
        this.#list = this.#list.filter((p) => p[0] !== name);
      }
      this.#update();
    }

    get(name) {
      requireArgs(arguments.length, 1, "get", "URLSearchParams");
      name = usv(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) if (list[i][0] === name) return list[i][1];
      return null;
    }

    getAll(name) {
      requireArgs(arguments.length, 1, "getAll", "URLSearchParams");
      name = usv(name);
      const out = [];
      const list = this.#list;
      for (let i = 0; i < list.length; i++) if (list[i][0] === name) out.push(list[i][1]);
      return out;
    }

    has(name, value = undefined) {
      requireArgs(arguments.length, 1, "has", "URLSearchParams");
      name = usv(name);
      if (value !== undefined) value = usv(value);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === name && (value === undefined || list[i][1] === value)) return true;
      }
      return false;
    }

    set(name, value) {
      requireArgs(arguments.length, 2, "set", "URLSearchParams");
      name = usv(name);
      value = usv(value);
      const list = this.#list;
      const first = list.findIndex((p) => p[0] === name);
      if (first === -1) {
        list.push([name, value]);
      } else {
        list[first] = [name, value];
        this.#list = list.filter((p, i) => i <= first || p[0] !== name);
      }
      this.#update();
    }

    sort() {
      // Array.prototype.sort is stable; < on strings compares UTF-16 code units, as required.
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#update();
    }

    entries() {
      return newIterator(this, ENTRIES);
    }

    forEach(callback, thisArg = undefined) {
      requireArgs(arguments.length, 1, "forEach", "URLSearchParams");
      if (typeof callback !== "function") {
        throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': parameter 1 is not of type 'Function'.");
      }
      // Live: re-read the list each step, as the iterator does.
      for (let i = 0; i < this.#list.length; i++) {
        const pair = this.#list[i];
        Reflect.apply(callback, thisArg, [pair[1], pair[0], this]);
      }
    }

    keys() {
      return newIterator(this, KEYS);
    }

    values() {
      return newIterator(this, VALUES);
    }

    toString() {
      return serializeForm(this.#list);
    }

    // The update steps: write the serialisation back to the URL's query.
    #update() {
      if (this.#url === null) return;
      const query = serializeForm(this.#list);
      setUrlQuery(this.#url, query === "" ? null : query);
    }

    static {
      newLinkedParams = (url, query) => {
        const params = new URLSearchParams();
        params.#url = url;
        if (query !== null) params.#list = parseForm(query);
        return params;
      };
      resetParams = (params, query) => { params.#list = query === null ? [] : parseForm(query); };
      paramsList = (params) => params.#list;
    }
  }

  // ---- URLSearchParams iterators (Web IDL default iterator objects) ------------------------------

  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

  class URLSearchParamsIterator {
    #params;
    #kind;
    #index = 0;

    constructor(params, kind) {
      this.#params = params;
      this.#kind = kind;
    }

    next() {
      const list = paramsList(this.#params);   // live, like the spec's index over the current list
      const index = this.#index;
      if (index >= list.length) return { value: undefined, done: true };
      this.#index = index + 1;
      const pair = list[index];
      const kind = this.#kind;
      return { value: kind === ENTRIES ? [pair[0], pair[1]] : kind === KEYS ? pair[0] : pair[1], done: false };
    }
  }

  const newIterator = (params, kind) => new URLSearchParamsIterator(params, kind);
  Object.setPrototypeOf(URLSearchParamsIterator.prototype, IteratorPrototype);
  delete URLSearchParamsIterator.prototype.constructor;   // not a constructible interface
  Reflect.defineProperty(URLSearchParamsIterator.prototype, "next", { enumerable: true });
  Reflect.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag, {
    value: "URLSearchParams Iterator", configurable: true,
  });

  idlShape(URL, "URL");
  idlShape(URLSearchParams, "URLSearchParams");
  Reflect.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries, writable: true, configurable: true,
  });

  expose("URL", URL);
  expose("URLSearchParams", URLSearchParams);
  // For other runtime files: href of a parsed URL (or null), and the form-urlencoded codec
  // (Request/Response bodies).
  const parseUrlHref = (input, base) => {
    const record = parseWithBase(input, base);
    return record === null ? null : serializeUrl(record, false);
  };
  const parseFormUrlencoded = (s) => parseForm(usv(s));
  const serializeFormUrlencoded = serializeForm;
  // For web/url/url-pattern.js: URLPattern canonicalizes pattern text by running this parser on dummy
  // URL records with a state override, as the URL Pattern standard does.
  const urlParser = Object.freeze({
    UrlRecord, parse, parseWithBase, serializePath, usv, isSpecialScheme,
    defaultPort: (scheme) => SPECIAL[scheme],
    encodeUserinfo: (s) => percentEncode(s, USERINFO_SET, false),
    HOSTNAME, PORT, PATH_START, OPAQUE_PATH, QUERY, FRAGMENT,
  });

  return { URL, URLSearchParams, parseUrlHref, parseFormUrlencoded, serializeFormUrlencoded, urlParser };
})
