// web/url/url-pattern.js: URLPattern (WHATWG URL Pattern): each component's pattern string is compiled
// once to a RegExp (flag v); matching parses the URL with web/url/url.js and runs those RegExps.
// imports: runtime/internal, web/url/url
(function (ops, $, imports) {
  "use strict";
  const { urlParser, idl, expose } = imports;

  const P = urlParser;   // the URL parser's pieces (web/url/url.js)
  const usv = P.usv;

  // Our RegExps run through the builtin exec captured here, so a page patching RegExp.prototype
  // cannot change how patterns match.
  const regExpExec = RegExp.prototype.exec;
  const ReflectApply = Reflect.apply;
  const execRegExp = (re, s) => ReflectApply(regExpExec, re, [s]);

  const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
  const SPECIAL_SCHEMES = ["ftp", "file", "http", "https", "ws", "wss"];

  const fail = (message) => {
    throw new TypeError(message);
  };

  // ---- Tokenizer ---------------------------------------------------------------------------------

  const OPEN = 1, CLOSE = 2, REGEXP = 3, NAME = 4, CHAR = 5, ESCAPED_CHAR = 6, OTHER_MODIFIER = 7,
    ASTERISK = 8, END = 9, INVALID_CHAR = 10;

  const ID_START = /^[$_\p{ID_Start}]$/u;
  const ID_PART = /^[$\u200C\u200D\p{ID_Continue}]$/u;
  const isNameCodePoint = (cp, first) => cp !== undefined && execRegExp(first ? ID_START : ID_PART, cp) !== null;
  const isAscii = (cp) => cp.codePointAt(0) <= 0x7f;

  // Splits a pattern (as a list of code points) into tokens. Token indices count code points. In
  // lenient mode (the constructor string parser) bad syntax becomes invalid-char tokens; in strict
  // mode (pattern strings) it is a TypeError.
  function tokenize(cps, lenient) {
    const n = cps.length;
    const tokens = [];
    let index = 0, next = 0, cp;
    const advance = () => { cp = cps[next++]; };
    const seek = (i) => { next = i; advance(); };
    const add = (type, nextPos, valuePos, valueLength) => {
      tokens.push({ type, index, value: cps.slice(valuePos, valuePos + valueLength).join("") });
      index = nextPos;
    };
    const addSpan = (type, nextPos, valuePos) => add(type, nextPos, valuePos, nextPos - valuePos);
    const error = (nextPos, valuePos, what) => {
      if (!lenient) fail(`Invalid pattern: ${what} at index ${valuePos}.`);
      addSpan(INVALID_CHAR, nextPos, valuePos);
    };

    while (index < n) {
      seek(index);
      if (cp === "*") {
        addSpan(ASTERISK, next, index);
      } else if (cp === "+" || cp === "?") {
        addSpan(OTHER_MODIFIER, next, index);
      } else if (cp === "\\") {
        if (index === n - 1) {
          error(next, index, "trailing backslash");
          continue;
        }
        const escaped = next;
        advance();
        addSpan(ESCAPED_CHAR, next, escaped);
      } else if (cp === "{") {
        addSpan(OPEN, next, index);
      } else if (cp === "}") {
        addSpan(CLOSE, next, index);
      } else if (cp === ":") {
        const start = next;
        let pos = start;
        while (pos < n) {
          seek(pos);
          if (!isNameCodePoint(cp, pos === start)) break;
          pos = next;
        }
        if (pos <= start) error(start, index, "missing group name");
        else addSpan(NAME, pos, start);
      } else if (cp === "(") {
        tokenizeRegexp();
      } else {
        addSpan(CHAR, next, index);
      }
    }
    addSpan(END, index, index);
    return tokens;

    // "(...)": ASCII only, nested groups must be non-capturing "(?".
    function tokenizeRegexp() {
      const start = next;
      let depth = 1, pos = start;
      while (pos < n) {
        seek(pos);
        if (!isAscii(cp)) return error(start, index, "non-ASCII character in a regexp group");
        if (pos === start && cp === "?") return error(start, index, "regexp group starting with '?'");
        if (cp === "\\") {
          if (pos === n - 1) return error(start, index, "trailing backslash in a regexp group");
          advance();
          if (!isAscii(cp)) return error(start, index, "non-ASCII character in a regexp group");
          pos = next;
          continue;
        }
        if (cp === ")") {
          if (--depth === 0) {
            pos = next;
            break;
          }
        } else if (cp === "(") {
          depth++;
          if (pos === n - 1) return error(start, index, "unterminated regexp group");
          const after = next;
          advance();
          if (cp !== "?") return error(start, index, "capturing group inside a regexp group");
          next = after;
        }
        pos = next;
      }
      if (depth !== 0) return error(start, index, "unterminated regexp group");
      const length = pos - start - 1;
      if (length === 0) return error(start, index, "empty regexp group");
      add(REGEXP, pos, start, length);
    }
  }

  // ---- Pattern string parser ---------------------------------------------------------------------

  // Part types. A part's modifier is kept as its pattern text: "", "?", "*" or "+".
  const FIXED = 1, REGEXP_PART = 2, SEGMENT_WILDCARD = 3, FULL_WILDCARD = 4;
  const FULL_WILDCARD_REGEXP = ".*";

  // Options: the segment delimiter and the automatic prefix of a component, and ignoreCase.
  const DEFAULT_OPTIONS = { delimiter: "", prefix: "", ignoreCase: false };
  const HOSTNAME_OPTIONS = { delimiter: ".", prefix: "", ignoreCase: false };
  const PATHNAME_OPTIONS = { delimiter: "/", prefix: "/", ignoreCase: false };

  // Backslash-escapes the characters of `special` (a plain loop: no RegExp a page could patch).
  function escapeChars(s, special) {
    let out = "";
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      out += special.includes(c) ? "\\" + c : c;
    }
    return out;
  }
  const escapeRegexpString = (s) => escapeChars(s, ".+*?^${}()[]|/\\");
  const escapePatternString = (s) => escapeChars(s, "+*?:{}()\\");
  const segmentWildcardRegexp = (options) => "[^" + escapeRegexpString(options.delimiter) + "]+?";
  const isAsciiDigit = (c) => c >= "0" && c <= "9";
  const firstCodePoint = (s) => (s === "" ? undefined : String.fromCodePoint(s.codePointAt(0)));

  // Parses a pattern string into parts; `encode` canonicalizes each piece of fixed text.
  function parsePatternString(input, options, encode) {
    const tokens = tokenize(Array.from(input), false);
    const segmentWildcard = segmentWildcardRegexp(options);
    const parts = [];
    let pending = "";   // fixed text collected until a group or the end
    let i = 0;
    let nextNumericName = 0;

    const tryConsume = (type) => (tokens[i].type === type ? tokens[i++] : null);
    const tryConsumeModifier = () => tryConsume(OTHER_MODIFIER) || tryConsume(ASTERISK);
    const tryConsumeRegexpOrWildcard = (nameToken) => {
      const token = tryConsume(REGEXP);
      return token === null && nameToken === null ? tryConsume(ASTERISK) : token;
    };
    const consumeRequired = (type) => {
      const token = tryConsume(type);
      if (token === null) fail(`Invalid pattern: unexpected '${tokens[i].value}' at index ${tokens[i].index}.`);
      return token;
    };
    const consumeText = () => {
      let text = "";
      for (let t; (t = tryConsume(CHAR) || tryConsume(ESCAPED_CHAR)) !== null;) text += t.value;
      return text;
    };
    const flushPending = () => {
      if (pending === "") return;
      const value = encode(pending);
      pending = "";
      parts.push({ type: FIXED, value, modifier: "", name: "", prefix: "", suffix: "" });
    };

    const addPart = (prefix, nameToken, regexpToken, suffix, modifierToken) => {
      const modifier = modifierToken === null ? "" : modifierToken.value;
      if (nameToken === null && regexpToken === null && modifier === "") {
        pending += prefix;   // "{foo}": plain text
        return;
      }
      flushPending();
      if (nameToken === null && regexpToken === null) {   // "{foo}?": text with a modifier
        if (prefix === "") return;
        parts.push({ type: FIXED, value: encode(prefix), modifier, name: "", prefix: "", suffix: "" });
        return;
      }
      let value;
      if (regexpToken === null) value = segmentWildcard;
      else if (regexpToken.type === ASTERISK) value = FULL_WILDCARD_REGEXP;
      else value = regexpToken.value;
      let type = REGEXP_PART;
      if (value === segmentWildcard) {
        type = SEGMENT_WILDCARD;
        value = "";
      } else if (value === FULL_WILDCARD_REGEXP) {
        type = FULL_WILDCARD;
        value = "";
      }
      let name;
      if (nameToken !== null) name = nameToken.value;
      else name = String(nextNumericName++);
      for (const part of parts) if (part.name === name) fail(`Invalid pattern: duplicate group name '${name}'.`);
      parts.push({ type, value, modifier, name, prefix: encode(prefix), suffix: encode(suffix) });
    };

    while (i < tokens.length) {
      const charToken = tryConsume(CHAR);
      let nameToken = tryConsume(NAME);
      let regexpToken = tryConsumeRegexpOrWildcard(nameToken);
      if (nameToken !== null || regexpToken !== null) {
        let prefix = charToken !== null ? charToken.value : "";
        if (prefix !== "" && prefix !== options.prefix) {
          pending += prefix;
          prefix = "";
        }
        flushPending();
        addPart(prefix, nameToken, regexpToken, "", tryConsumeModifier());
        continue;
      }
      const fixedToken = charToken !== null ? charToken : tryConsume(ESCAPED_CHAR);
      if (fixedToken !== null) {
        pending += fixedToken.value;
        continue;
      }
      if (tryConsume(OPEN) !== null) {
        const prefix = consumeText();
        nameToken = tryConsume(NAME);
        regexpToken = tryConsumeRegexpOrWildcard(nameToken);
        const suffix = consumeText();
        consumeRequired(CLOSE);
        addPart(prefix, nameToken, regexpToken, suffix, tryConsumeModifier());
        continue;
      }
      flushPending();
      consumeRequired(END);
    }
    return parts;
  }

  // ---- Parts to a regular expression and back to a normalized pattern string ----------------------

  function generateRegexp(parts, options) {
    let out = "^";
    const names = [];
    for (const part of parts) {
      if (part.type === FIXED) {
        out += part.modifier === "" ? escapeRegexpString(part.value)
          : "(?:" + escapeRegexpString(part.value) + ")" + part.modifier;
        continue;
      }
      names.push(part.name);
      let value = part.value;
      if (part.type === SEGMENT_WILDCARD) value = segmentWildcardRegexp(options);
      else if (part.type === FULL_WILDCARD) value = FULL_WILDCARD_REGEXP;
      const repeats = part.modifier === "*" || part.modifier === "+";
      if (part.prefix === "" && part.suffix === "") {
        out += repeats ? "((?:" + value + ")" + part.modifier + ")" : "(" + value + ")" + part.modifier;
        continue;
      }
      const prefix = escapeRegexpString(part.prefix), suffix = escapeRegexpString(part.suffix);
      if (!repeats) {
        out += "(?:" + prefix + "(" + value + ")" + suffix + ")" + part.modifier;
        continue;
      }
      // The prefix is left out before the first repetition and the suffix after the last.
      out += "(?:" + prefix + "((?:" + value + ")(?:" + suffix + prefix + "(?:" + value + "))*)" + suffix + ")";
      if (part.modifier === "*") out += "?";
    }
    return [out + "$", names];
  }

  function generatePatternString(parts, options) {
    let out = "";
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index];
      const previous = index > 0 ? parts[index - 1] : null;
      const next = index < parts.length - 1 ? parts[index + 1] : null;
      if (part.type === FIXED) {
        out += part.modifier === "" ? escapePatternString(part.value)
          : "{" + escapePatternString(part.value) + "}" + part.modifier;
        continue;
      }
      const customName = !isAsciiDigit(part.name[0]);
      let needsGrouping = part.suffix !== "" || (part.prefix !== "" && part.prefix !== options.prefix);
      if (!needsGrouping && customName && part.type === SEGMENT_WILDCARD && part.modifier === "" &&
          next !== null && next.prefix === "" && next.suffix === "") {
        // ":foo" followed by text that could continue the name, or by an unnamed group.
        needsGrouping = next.type === FIXED ? isNameCodePoint(firstCodePoint(next.value), false)
          : isAsciiDigit(next.name[0]);
      }
      if (!needsGrouping && part.prefix === "" && previous !== null && previous.type === FIXED &&
          options.prefix !== "" && previous.value.endsWith(options.prefix)) {
        needsGrouping = true;
      }
      if (needsGrouping) out += "{";
      out += escapePatternString(part.prefix);
      if (customName) out += ":" + part.name;
      if (part.type === REGEXP_PART) {
        out += "(" + part.value + ")";
      } else if (part.type === SEGMENT_WILDCARD && !customName) {
        out += "(" + segmentWildcardRegexp(options) + ")";
      } else if (part.type === FULL_WILDCARD) {
        if (!customName && (previous === null || previous.type === FIXED || previous.modifier !== "" ||
            needsGrouping || part.prefix !== "")) {
          out += "*";
        } else {
          out += "(" + FULL_WILDCARD_REGEXP + ")";
        }
      }
      if (part.type === SEGMENT_WILDCARD && customName && part.suffix !== "" &&
          isNameCodePoint(firstCodePoint(part.suffix), false)) {
        out += "\\";
      }
      out += escapePatternString(part.suffix);
      if (needsGrouping) out += "}";
      out += part.modifier;
    }
    return out;
  }

  // A compiled component: its normalized pattern string, RegExp and group names, plus two shortcuts
  // for matching without the RegExp: `matchesAll` marks the lone "*" (which every canonical value
  // matches: those never hold line terminators), `literal` the text a pattern of plain text (or "")
  // matches (null otherwise, and under ignoreCase, whose Unicode case folding the RegExp does).
  function compileComponent(input, encode, options) {
    const parts = parsePatternString(input, options, encode);
    const [source, names] = generateRegexp(parts, options);
    let regexp;
    try {
      regexp = new RegExp(source, options.ignoreCase ? "vi" : "v");
    } catch (e) {
      fail(`Invalid pattern: ${e.message}`);
    }
    const pattern = generatePatternString(parts, options);
    return {
      pattern, regexp, names,
      hasRegExpGroups: parts.some((part) => part.type === REGEXP_PART),
      matchesAll: parts.length === 1 && parts[0].type === FULL_WILDCARD && parts[0].modifier === "" &&
        parts[0].prefix === "" && parts[0].suffix === "",
      literal: options.ignoreCase ? null
        : parts.length === 0 ? ""
        : parts.length === 1 && parts[0].type === FIXED && parts[0].modifier === "" ? parts[0].value
        : null,
    };
  }

  function componentMatches(component, value) {
    if (component.matchesAll) return true;
    if (component.literal !== null) return value === component.literal;
    return execRegExp(component.regexp, value) !== null;
  }

  // As RegExpBuiltinExec would answer: null, or the whole match followed by the captures.
  function execComponent(component, value) {
    if (component.matchesAll) return [value, value];
    if (component.literal !== null) return value === component.literal ? [value] : null;
    return execRegExp(component.regexp, value);
  }

  const protocolMatchesSpecialScheme = (component) =>
    SPECIAL_SCHEMES.some((scheme) => execRegExp(component.regexp, scheme) !== null);

  // ---- Canonicalization: each runs the URL parser on a dummy URL record ---------------------------

  function canonicalizeProtocol(value) {
    if (value === "") return value;
    const url = P.parse(value + "://dummy.test", null, null, 0);
    if (url === null) fail(`Invalid protocol '${value}'.`);
    return url.scheme;
  }

  const canonicalizeUserinfo = (value) => (value === "" ? value : P.encodeUserinfo(value));

  // Hosts are parsed as for a special scheme (domain to ASCII), as the WPT data and workerd expect.
  function canonicalizeHostname(value) {
    if (value === "") return value;
    const url = new P.UrlRecord();
    url.scheme = "https";
    if (P.parse(value, null, url, P.HOSTNAME) === null) fail(`Invalid hostname '${value}'.`);
    return url.host === null ? "" : url.host;
  }

  const IPV6_HOSTNAME_CHARS = /^[0-9A-Fa-f[\]:]*$/;
  function canonicalizeIPv6Hostname(value) {
    if (execRegExp(IPV6_HOSTNAME_CHARS, value) === null) fail(`Invalid IPv6 hostname '${value}'.`);
    return value.toLowerCase();
  }

  function canonicalizePort(value, protocol) {
    if (value === "") return value;
    const url = new P.UrlRecord();
    if (protocol !== undefined) url.scheme = protocol;
    if (P.parse(value, null, url, P.PORT) === null) fail(`Invalid port '${value}'.`);
    return url.port === null ? "" : String(url.port);
  }

  function canonicalizePathname(value) {
    if (value === "") return value;
    // The "/-" keeps the parser from adding a slash or folding a leading dot segment.
    const leadingSlash = value[0] === "/";
    const url = new P.UrlRecord();
    if (P.parse(leadingSlash ? value : "/-" + value, null, url, P.PATH_START) === null) fail(`Invalid pathname '${value}'.`);
    const path = P.serializePath(url);
    return leadingSlash ? path : path.slice(2);
  }

  function canonicalizeOpaquePathname(value) {
    if (value === "") return value;
    const url = new P.UrlRecord();
    url.opaquePath = "";
    if (P.parse(value, null, url, P.OPAQUE_PATH) === null) fail(`Invalid pathname '${value}'.`);
    return P.serializePath(url);
  }

  // Search and hash: parsed in the query or fragment state of a URL whose field starts empty.
  function canonicalizeQueryOrFragment(value, field, state) {
    if (value === "") return value;
    const url = new P.UrlRecord();
    url[field] = "";
    if (P.parse(value, null, url, state) === null) fail(`Invalid ${field} '${value}'.`);
    return url[field];
  }
  const canonicalizeSearch = (value) => canonicalizeQueryOrFragment(value, "query", P.QUERY);
  const canonicalizeHash = (value) => canonicalizeQueryOrFragment(value, "fragment", P.FRAGMENT);

  const isSpecialOrEmpty = (protocol) => protocol === "" || P.isSpecialScheme(protocol);

  // ---- URLPatternInit processing -----------------------------------------------------------------

  const hostnameIsIPv6 = (s) => s.length >= 2 && (s[0] === "[" || ((s[0] === "{" || s[0] === "\\") && s[1] === "["));

  function isAbsolutePathname(input, isPattern) {
    if (input === "") return false;
    if (input[0] === "/") return true;
    if (!isPattern || input.length < 2) return false;
    return (input[0] === "\\" || input[0] === "{") && input[1] === "/";
  }

  // "process a URLPatternInit": for a pattern, fills components from the base URL (escaped) and
  // keeps the given ones as pattern text; for a URL ("url" type), canonicalizes every component.
  function processInit(init, isPattern) {
    const result = isPattern ? {}
      : { protocol: "", username: "", password: "", hostname: "", port: "", pathname: "", search: "", hash: "" };
    const fromBase = isPattern ? escapePatternString : (s) => s;
    let baseURL = null;
    if (init.baseURL !== undefined) {
      baseURL = P.parseWithBase(init.baseURL, undefined);
      if (baseURL === null) fail(`Invalid base URL '${init.baseURL}'.`);
      // A component is inherited only when init sets nothing at least as specific.
      const has = (names) => names.some((name) => init[name] !== undefined);
      if (init.protocol === undefined) result.protocol = fromBase(baseURL.scheme);
      if (!isPattern && !has(["protocol", "hostname", "port", "username"])) result.username = baseURL.username;
      if (!isPattern && !has(["protocol", "hostname", "port", "username", "password"])) result.password = baseURL.password;
      if (!has(["protocol", "hostname"])) result.hostname = fromBase(baseURL.host === null ? "" : baseURL.host);
      if (!has(["protocol", "hostname", "port"])) result.port = baseURL.port === null ? "" : String(baseURL.port);
      if (!has(["protocol", "hostname", "port", "pathname"])) result.pathname = fromBase(P.serializePath(baseURL));
      if (!has(["protocol", "hostname", "port", "pathname", "search"])) {
        result.search = fromBase(baseURL.query === null ? "" : baseURL.query);
      }
      if (!has(["protocol", "hostname", "port", "pathname", "search", "hash"])) {
        result.hash = fromBase(baseURL.fragment === null ? "" : baseURL.fragment);
      }
    }
    if (init.protocol !== undefined) {
      const protocol = init.protocol.endsWith(":") ? init.protocol.slice(0, -1) : init.protocol;
      result.protocol = isPattern ? protocol : canonicalizeProtocol(protocol);
    }
    if (init.username !== undefined) result.username = isPattern ? init.username : canonicalizeUserinfo(init.username);
    if (init.password !== undefined) result.password = isPattern ? init.password : canonicalizeUserinfo(init.password);
    if (init.hostname !== undefined) result.hostname = isPattern ? init.hostname : canonicalizeHostname(init.hostname);
    if (init.port !== undefined) result.port = isPattern ? init.port : canonicalizePort(init.port, result.protocol);
    if (init.pathname !== undefined) {
      let pathname = init.pathname;
      if (baseURL !== null && baseURL.opaquePath === null && !isAbsolutePathname(pathname, isPattern)) {
        // Relative: resolved against the base URL's path up to its last slash.
        const basePath = fromBase(P.serializePath(baseURL));
        const slash = basePath.lastIndexOf("/");
        if (slash !== -1) pathname = basePath.slice(0, slash + 1) + pathname;
      }
      if (!isPattern) {
        pathname = isSpecialOrEmpty(result.protocol) ? canonicalizePathname(pathname) : canonicalizeOpaquePathname(pathname);
      }
      result.pathname = pathname;
    }
    if (init.search !== undefined) {
      const search = init.search.startsWith("?") ? init.search.slice(1) : init.search;
      result.search = isPattern ? search : canonicalizeSearch(search);
    }
    if (init.hash !== undefined) {
      const hash = init.hash.startsWith("#") ? init.hash.slice(1) : init.hash;
      result.hash = isPattern ? hash : canonicalizeHash(hash);
    }
    return result;
  }

  // ---- Constructor string parser -----------------------------------------------------------------

  // States, ranked in URL order; a state's name is the init member it fills.
  const RANK = { init: 0, protocol: 1, authority: 2, username: 3, password: 4, hostname: 5, port: 6,
    pathname: 7, search: 8, hash: 9, done: 10 };

  // Splits "https://example.com/:id" into init members, leaving each piece as pattern text.
  function parseConstructorString(input) {
    const cps = Array.from(input);
    const tokens = tokenize(cps, true);
    const result = {};
    let state = "init", componentStart = 0, index = 0, increment = 1;
    let groupDepth = 0, ipv6Depth = 0, protocolIsSpecial = false;

    const safeToken = (i) => tokens[i < tokens.length ? i : tokens.length - 1];
    const isPatternChar = (i, value) => {
      const token = safeToken(i);
      return token.value === value && (token.type === CHAR || token.type === ESCAPED_CHAR || token.type === INVALID_CHAR);
    };
    const componentString = () =>
      cps.slice(safeToken(componentStart).index, tokens[index].index).join("");
    const rewind = () => {
      index = componentStart;
      increment = 0;
    };
    const rewindAndSetState = (newState) => {
      rewind();
      state = newState;
    };
    const changeState = (newState, skip) => {
      const from = RANK[state], to = RANK[newState];
      if (state !== "init" && state !== "authority" && state !== "done") result[state] = componentString();
      if (state !== "init" && newState !== "done") {
        // Skipped components between the old and new state get their empty (or "/") defaults.
        if (from <= RANK.password && to >= RANK.port && result.hostname === undefined) result.hostname = "";
        if (from <= RANK.port && to >= RANK.search && result.pathname === undefined) {
          result.pathname = protocolIsSpecial ? "/" : "";
        }
        if (from <= RANK.pathname && to === RANK.hash && result.search === undefined) result.search = "";
      }
      state = newState;
      index += skip;
      componentStart = index;
      increment = 0;
    };
    const isSearchPrefix = () => {
      if (isPatternChar(index, "?")) return true;
      if (tokens[index].value !== "?") return false;
      if (index === 0) return true;
      // An unescaped "?" right after a group is that group's modifier.
      const previous = safeToken(index - 1).type;
      return previous !== NAME && previous !== REGEXP && previous !== CLOSE && previous !== ASTERISK;
    };
    const isHashPrefix = () => isPatternChar(index, "#");
    const isPathnameStart = () => isPatternChar(index, "/");

    while (index < tokens.length) {
      increment = 1;
      const token = tokens[index];
      if (token.type === END) {
        if (state === "init") {
          // No protocol: a relative pattern, starting with a pathname, a search or a hash.
          rewind();
          if (isHashPrefix()) changeState("hash", 1);
          else if (isSearchPrefix()) changeState("search", 1);
          else changeState("pathname", 0);
          index += increment;
          continue;
        }
        if (state === "authority") {   // no "@": there are no credentials
          rewindAndSetState("hostname");
          index += increment;
          continue;
        }
        changeState("done", 0);
        break;
      }
      if (token.type === OPEN) {   // component boundaries inside "{...}" do not count
        groupDepth++;
        index += increment;
        continue;
      }
      if (groupDepth > 0) {
        if (token.type === CLOSE) {
          groupDepth--;
        } else {
          index += increment;
          continue;
        }
      }
      switch (state) {
        case "init":
          if (isPatternChar(index, ":")) rewindAndSetState("protocol");
          break;
        case "protocol":
          if (isPatternChar(index, ":")) {
            const protocol = compileComponent(componentString(), canonicalizeProtocol, DEFAULT_OPTIONS);
            protocolIsSpecial = protocolMatchesSpecialScheme(protocol);
            if (isPatternChar(index + 1, "/") && isPatternChar(index + 2, "/")) changeState("authority", 3);
            else changeState(protocolIsSpecial ? "authority" : "pathname", 1);
          }
          break;
        case "authority":
          if (isPatternChar(index, "@")) rewindAndSetState("username");
          else if (isPathnameStart() || isSearchPrefix() || isHashPrefix()) rewindAndSetState("hostname");
          break;
        case "username":
          if (isPatternChar(index, ":")) changeState("password", 1);
          else if (isPatternChar(index, "@")) changeState("hostname", 1);
          break;
        case "password":
          if (isPatternChar(index, "@")) changeState("hostname", 1);
          break;
        case "hostname":
          if (isPatternChar(index, "[")) ipv6Depth++;
          else if (isPatternChar(index, "]")) ipv6Depth--;
          else if (isPatternChar(index, ":") && ipv6Depth === 0) changeState("port", 1);
          else if (isPathnameStart()) changeState("pathname", 0);
          else if (isSearchPrefix()) changeState("search", 1);
          else if (isHashPrefix()) changeState("hash", 1);
          break;
        case "port":
          if (isPathnameStart()) changeState("pathname", 0);
          else if (isSearchPrefix()) changeState("search", 1);
          else if (isHashPrefix()) changeState("hash", 1);
          break;
        case "pathname":
          if (isSearchPrefix()) changeState("search", 1);
          else if (isHashPrefix()) changeState("hash", 1);
          break;
        case "search":
          if (isHashPrefix()) changeState("hash", 1);
          break;
      }
      index += increment;
    }
    // A hostname without a port means the default port; "*" has to be written out.
    if (result.hostname !== undefined && result.port === undefined) result.port = "";
    return result;
  }

  // ---- Creating and matching ---------------------------------------------------------------------

  // Compiles the eight components of a pattern.
  function createPattern(input, baseURL, ignoreCase) {
    let init;
    if (typeof input === "string") {
      init = parseConstructorString(input);
      if (baseURL === null && init.protocol === undefined) {
        fail("Relative constructor string must have a base URL passed as the second argument.");
      }
      if (baseURL !== null) init.baseURL = baseURL;
    } else {
      if (baseURL !== null) fail("A base URL cannot be passed with a URLPatternInit dictionary.");
      init = input;
    }
    const processed = processInit(init, true);
    for (const name of COMPONENTS) if (processed[name] === undefined) processed[name] = "*";
    const defaultPort = P.defaultPort(processed.protocol);
    if (defaultPort != null && processed.port === String(defaultPort)) processed.port = "";

    const withCase = (options) => (ignoreCase ? { ...options, ignoreCase: true } : options);
    const protocol = compileComponent(processed.protocol, canonicalizeProtocol, DEFAULT_OPTIONS);
    const pathname = protocolMatchesSpecialScheme(protocol)
      ? compileComponent(processed.pathname, canonicalizePathname, withCase(PATHNAME_OPTIONS))
      : compileComponent(processed.pathname, canonicalizeOpaquePathname, withCase(DEFAULT_OPTIONS));
    return [
      protocol,
      compileComponent(processed.username, canonicalizeUserinfo, DEFAULT_OPTIONS),
      compileComponent(processed.password, canonicalizeUserinfo, DEFAULT_OPTIONS),
      compileComponent(processed.hostname,
        hostnameIsIPv6(processed.hostname) ? canonicalizeIPv6Hostname : canonicalizeHostname, HOSTNAME_OPTIONS),
      compileComponent(processed.port, canonicalizePort, DEFAULT_OPTIONS),
      pathname,
      compileComponent(processed.search, canonicalizeSearch, withCase(DEFAULT_OPTIONS)),
      compileComponent(processed.hash, canonicalizeHash, withCase(DEFAULT_OPTIONS)),
    ];
  }

  // workerd (through ada) resolves a relative URL string given without a base URL against an empty
  // URL: no scheme, an empty host, an empty path. So test("/users/1") can match a pathname pattern,
  // where the standard would answer no match.
  const RELATIVE_INPUT_BASE = new P.UrlRecord();
  RELATIVE_INPUT_BASE.host = "";

  // The eight component values of a match input, in COMPONENTS order, or null when the input is
  // not a URL (which matches nothing).
  function inputValues(input, baseURL) {
    if (typeof input !== "string") {
      if (baseURL !== undefined) fail("A base URL cannot be passed with a URLPatternInit dictionary.");
      let init;
      try {
        init = processInit(input, false);
      } catch {
        return null;
      }
      return [init.protocol, init.username, init.password, init.hostname, init.port, init.pathname, init.search, init.hash];
    }
    let url = P.parseWithBase(input, baseURL);
    if (url === null && baseURL === undefined) url = P.parse(input, RELATIVE_INPUT_BASE, null, 0);
    if (url === null) return null;
    return [
      url.scheme, url.username, url.password, url.host === null ? "" : url.host,
      url.port === null ? "" : String(url.port), P.serializePath(url),
      url.query === null ? "" : url.query, url.fragment === null ? "" : url.fragment,
    ];
  }

  // ---- Web IDL conversions -----------------------------------------------------------------------

  const INIT_MEMBERS = ["baseURL", "hash", "hostname", "password", "pathname", "port", "protocol", "search", "username"];
  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";

  // URLPatternInit: members read in IDL (lexicographic) order; absent ones stay undefined.
  function toInit(value) {
    const init = {};
    if (value === undefined || value === null) return init;
    for (const name of INIT_MEMBERS) {
      const member = value[name];
      if (member !== undefined) init[name] = usv(member);
    }
    return init;
  }

  // (USVString or URLPatternInit): undefined, null and objects are dictionaries.
  const toPatternInput = (value) => (value === undefined || value === null || isObject(value) ? toInit(value) : usv(value));

  function toIgnoreCase(options) {
    if (options === undefined || options === null) return false;
    if (!isObject(options)) fail("Failed to construct 'URLPattern': constructor parameter 3 is not of type 'URLPatternOptions'.");
    return Boolean(options.ignoreCase);
  }

  // The dictionary handed back in a result's `inputs`: the members that were present, in the order
  // workerd lists them.
  const RESULT_INIT_MEMBERS = [...COMPONENTS, "baseURL"];
  function initCopy(init) {
    const copy = {};
    for (const name of RESULT_INIT_MEMBERS) if (init[name] !== undefined) copy[name] = init[name];
    return copy;
  }

  // workerd reports every construction or matching failure with one message per method.
  function rethrowAs(message, fn) {
    try {
      return fn();
    } catch {
      throw new TypeError(message);
    }
  }
  const ILLEGAL_INVOCATION = "Illegal invocation: function called with incorrect `this` reference. " +
    "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.";

  // test() and exec() arguments, converted, with the component values they give (or null).
  function convertMatchArguments(input, baseURL, method) {
    input = toPatternInput(input);
    if (baseURL !== undefined) baseURL = usv(baseURL);
    return [input, baseURL, rethrowAs(`Failed to ${method} URLPattern`, () => inputValues(input, baseURL))];
  }

  // ---- URLPattern --------------------------------------------------------------------------------

  class URLPattern {
    #components;   // eight compiled components, in COMPONENTS order

    constructor(input = undefined, baseURL = undefined, options = undefined) {
      // Overloads: (input, baseURL, options) and (input, options).
      let base = null, ignoreCase;
      input = toPatternInput(input);
      if (arguments.length >= 3 || (baseURL !== undefined && baseURL !== null && !isObject(baseURL))) {
        if (baseURL !== undefined) base = usv(baseURL);
        ignoreCase = toIgnoreCase(options);
      } else {
        ignoreCase = toIgnoreCase(baseURL);
      }
      this.#components = rethrowAs("Failed to construct URLPattern", () => createPattern(input, base, ignoreCase));
    }

    static #componentsOf(pattern) {
      if (!isObject(pattern) || !(#components in pattern)) throw new TypeError(ILLEGAL_INVOCATION);
      return pattern.#components;
    }

    get protocol() { return URLPattern.#componentsOf(this)[0].pattern; }
    get username() { return URLPattern.#componentsOf(this)[1].pattern; }
    get password() { return URLPattern.#componentsOf(this)[2].pattern; }
    get hostname() { return URLPattern.#componentsOf(this)[3].pattern; }
    get port() { return URLPattern.#componentsOf(this)[4].pattern; }
    get pathname() { return URLPattern.#componentsOf(this)[5].pattern; }
    get search() { return URLPattern.#componentsOf(this)[6].pattern; }
    get hash() { return URLPattern.#componentsOf(this)[7].pattern; }

    get hasRegExpGroups() {
      return URLPattern.#componentsOf(this).some((component) => component.hasRegExpGroups);
    }

    test(input = undefined, baseURL = undefined) {
      const components = URLPattern.#componentsOf(this);
      const [, , values] = convertMatchArguments(input, baseURL, "test");
      if (values === null) return false;
      for (let i = 0; i < 8; i++) if (!componentMatches(components[i], values[i])) return false;
      return true;
    }

    exec(input = undefined, baseURL = undefined) {
      const components = URLPattern.#componentsOf(this);
      let values;
      [input, baseURL, values] = convertMatchArguments(input, baseURL, "exec");
      if (values === null) return null;
      const matches = [];
      for (let i = 0; i < 8; i++) {
        const match = execComponent(components[i], values[i]);
        if (match === null) return null;
        matches.push(match);
      }
      const result = { inputs: typeof input === "string" ? (baseURL === undefined ? [input] : [input, baseURL]) : [initCopy(input)] };
      for (let i = 0; i < 8; i++) {
        const names = components[i].names, match = matches[i];
        const groups = {};
        // One entry per pattern group (a named capture inside a regexp group is not one, but it
        // does shift the captures after it, as in workerd). workerd's order comes from a C++ hash
        // map; last group first matches it for one or two names (not always for more).
        for (let g = names.length - 1; g >= 0; g--) groups[names[g]] = match[g + 1];
        result[COMPONENTS[i]] = { input: values[i], groups };
      }
      return result;
    }
  }

  // Web IDL shape: prototype members enumerable, a toStringTag; `constructor` listed last, as in
  // workerd.
  const proto = URLPattern.prototype;
  for (const key of Object.getOwnPropertyNames(proto)) Object.defineProperty(proto, key, { enumerable: key !== "constructor" });
  const constructorProperty = Object.getOwnPropertyDescriptor(proto, "constructor");
  delete proto.constructor;
  Object.defineProperty(proto, "constructor", constructorProperty);
  idl(URLPattern, "URLPattern");

  expose("URLPattern", URLPattern);

  return { URLPattern };
})
