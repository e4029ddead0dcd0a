// web/html/html-rewriter.js: HTMLRewriter, streaming as workerd's (lol-html) does. Java tokenizes each
// body chunk as it arrives (ops.html, keeping every token's source text); here selectors are
// matched, handlers called (a returned promise pauses the stream) and the output written: tokens
// nobody changed go out exactly as they came in.
// imports: runtime/internal, web/streams/streams, web/fetch/body, web/fetch/response
// imports: web/html/html-selectors
(function (ops, $, imports) {
  "use strict";
  const { Response, ReadableStream, idl, toBytes, fromHost, htmlSelector, lengthChanged, expose } = imports;
  const fail = (message) => new TypeError("Parser error: " + message);
  const STALE = "This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.";
  const Decoder = globalThis.TextDecoder; // taken before user code could replace it (legacy charsets)
  const escapeText = (s) => s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
  // Inserted content (the arguments of before/after/... on token state `s`): markup as given with
  // {html: true}, else text with &, < and > escaped. A Response or ReadableStream is read to its end
  // first: the piece is filled in later and `s.waits` holds the stream back until it is.
  function content(s, args, method, cls) {
    if (args.length === 0) {
      throw new TypeError(`Failed to execute '${method}' on '${cls}': parameter 1 is not of type 'string or JsReadableStream or Response'.`);
    }
    const [value, options] = args;
    const html = options != null && !!options.html;
    const isResponse = value instanceof Response;
    if (isResponse || value instanceof ReadableStream) {
      const piece = { text: "" };
      const body = isResponse ? value.body : value;
      const read = body === null ? Promise.resolve("") : new Response(body).text();
      (s.waits || (s.waits = [])).push(read.then((t) => { piece.text = html ? t : escapeText(t); }));
      return piece;
    }
    return html ? String(value) : escapeText(String(value));
  }
  const str = (piece) => (piece === null ? "" : typeof piece === "string" ? piece : piece.text);
  const join = (pieces) => {
    let out = "";
    for (const p of pieces) out += str(p);
    return out;
  };

  // ---- the objects handlers receive: each wraps a state that dies when its handler is done ----
  // As in workerd, methods sit on the prototype and the readable fields are accessors on each
  // instance (Object.keys lists them, in workerd's order).

  const STATES = new WeakMap(); // token object -> its state, out of user code's reach
  function stateOf(obj) {
    const s = STATES.get(obj);
    if (s === undefined) throw new TypeError("Illegal invocation");
    if (!s.valid) throw new TypeError(STALE);
    return s;
  }

  // A new `cls` over state `s`, with `fields` ([name, get, set?] in order) as instance accessors.
  function token(cls, s, fields) {
    const obj = new cls(kToken);
    for (const [name, get, set] of fields) Object.defineProperty(obj, name, { get, set, enumerable: true, configurable: true });
    STATES.set(obj, s);
    return obj;
  }
  const kToken = Symbol("token");
  // Token classes cannot be made by user code (none is global, but prototypes are reachable).
  const guard = (key) => { if (key !== kToken) throw new TypeError("Illegal constructor"); };

  // A token's mutable output: what goes before and after it, and whether its own text stays.
  const pieces = (extra) => Object.assign({ valid: true, before: [], after: [], removed: false, replacement: null }, extra);

  // before/after/replace/remove, shared by text chunks, comments and end tags.
  function insertions(cls, { replace = true } = {}) {
    const methods = {
      before(text, options) { const s = stateOf(this); s.before.push(content(s, arguments, "before", cls.name)); return this; },
      after(text, options) { const s = stateOf(this); s.after.unshift(content(s, arguments, "after", cls.name)); return this; },
    };
    if (replace) {
      methods.replace = function replace(text, options) {
        const s = stateOf(this);
        s.replacement = content(s, arguments, "replace", cls.name);
        s.removed = true;
        return this;
      };
    }
    methods.remove = function remove() { stateOf(this).removed = true; return this; };
    for (const [name, fn] of Object.entries(methods)) {
      Object.defineProperty(cls.prototype, name, { value: fn, writable: true, configurable: true, enumerable: true });
    }
  }
  function getter(key) {
    return function () { return stateOf(this)[key]; };
  }
  const removedField = ["removed", getter("removed")];

  class Text { constructor(key) { guard(key); } }
  insertions(Text);
  const TEXT_FIELDS = [removedField, ["lastInTextNode", getter("last")], ["text", getter("text")]];

  class Comment { constructor(key) { guard(key); } }
  insertions(Comment);
  const COMMENT_FIELDS = [removedField, ["text", getter("text"), function (value) {
    const s = stateOf(this);
    value = String(value);
    if (value.includes("-->")) throw fail("Comment text shouldn't contain a comment-closing sequence.");
    s.text = value;
    s.raw = "<!--" + value + "-->";
  }]];

  class Doctype { constructor(key) { guard(key); } }
  const DOCTYPE_FIELDS = [["systemId", getter("systemId")], ["publicId", getter("publicId")], ["name", getter("name")]];

  class DocumentEnd {
    constructor(key) { guard(key); }
    append(text, options) { const s = stateOf(this); s.after.push(content(s, arguments, "append", "DocumentEnd")); return this; }
  }

  class EndTag { constructor(key) { guard(key); } }
  insertions(EndTag, { replace: false });
  const END_TAG_FIELDS = [["name", function () { return stateOf(this).name.toLowerCase(); }, function (value) {
    const s = stateOf(this);
    s.name = checkTagName(value);
    s.renamed = true;
  }]];

  function checkTagName(value) {
    value = String(value);
    if (value === "") throw fail("Tag name can't be empty.");
    const bad = /[ \t\n\r\f\/>]/.exec(value);
    if (bad) throw fail(`\`${bad[0]}\` character is forbidden in the tag name`);
    return value;
  }

  const ELEMENT_FIELDS = [
    ["namespaceURI", getter("ns")],
    removedField,
    ["attributes", function () { return new AttributesIterator(kToken, stateOf(this).attrs.map((a) => [clean(a.name), clean(a.value)])); }],
    ["tagName", getter("name"), function (value) {
      const s = stateOf(this);
      s.rawName = checkTagName(value);
      s.name = s.rawName.toLowerCase();
      s.renamed = true;
      s.modified = true;
    }],
  ];

  // element.attributes: [name, value] pairs, a snapshot taken when asked.
  class AttributesIterator {
    #pairs;
    #at = 0;
    constructor(key, pairs) {
      guard(key);
      this.#pairs = pairs;
    }
    next() {
      const pairs = this.#pairs;
      return this.#at < pairs.length ? { value: pairs[this.#at++], done: false } : { value: undefined, done: true };
    }
    [Symbol.iterator]() { return this; }
  }

  class Element {
    constructor(key) { guard(key); }
    getAttribute(name) {
      const s = stateOf(this);
      if (arguments.length < 1) throw new TypeError("Failed to execute 'getAttribute' on 'Element': parameter 1 is not of type 'string'.");
      const a = findAttr(s, name);
      return a === undefined ? null : clean(a.value);
    }
    hasAttribute(name) {
      const s = stateOf(this);
      if (arguments.length < 1) throw new TypeError("Failed to execute 'hasAttribute' on 'Element': parameter 1 is not of type 'string'.");
      return findAttr(s, name) !== undefined;
    }
    setAttribute(name, value) {
      const s = stateOf(this);
      if (value === undefined) throw new TypeError("Failed to execute 'setAttribute' on 'Element': parameter 2 is not of type 'string'.");
      name = String(name);
      if (name === "") throw fail("Attribute name can't be empty.");
      const bad = /[ \t\n\r\f\/>=]/.exec(name);
      if (bad) throw fail(`\`${bad[0]}\` character is forbidden in the attribute name`);
      value = String(value);
      const a = findAttr(s, name);
      if (a === undefined) {
        const lname = name.toLowerCase();
        s.attrs.push({ raw: null, rawName: lname, name: lname, value });
      } else {
        if (a.raw !== null) a.source = a.raw;
        a.value = value;
        a.raw = null;
      }
      s.modified = true;
      return this;
    }
    removeAttribute(name) {
      const s = stateOf(this);
      const lname = String(name).toLowerCase();
      const at = s.attrs.findIndex((a) => a.name === lname);
      if (at >= 0) { s.attrs.splice(at, 1); s.modified = true; }
      return this;
    }

    before(text, options) { const s = stateOf(this); s.before.push(content(s, arguments, "before", "Element")); return this; }
    after(text, options) { const s = stateOf(this); s.after.unshift(content(s, arguments, "after", "Element")); return this; }
    // Content goes in only where an end tag will come: void and self-closing foreign elements take none.
    prepend(text, options) {
      const s = stateOf(this);
      const piece = content(s, arguments, "prepend", "Element");
      if (s.canHaveContent) s.prepend.unshift(piece);
      return this;
    }
    append(text, options) {
      const s = stateOf(this);
      const piece = content(s, arguments, "append", "Element");
      if (s.canHaveContent) s.append.push(piece);
      return this;
    }
    setInnerContent(text, options) {
      const s = stateOf(this);
      const piece = content(s, arguments, "setInnerContent", "Element");
      if (s.canHaveContent) {
        s.prepend = [piece];
        s.append = [];
        s.hideContent = true;
      }
      return this;
    }
    replace(text, options) {
      const s = stateOf(this);
      s.replacement = content(s, arguments, "replace", "Element");
      s.removed = true;
      s.hideContent = true;
      return this;
    }
    remove() {
      const s = stateOf(this);
      s.removed = true;
      s.replacement = "";
      s.hideContent = true;
      return this;
    }
    removeAndKeepContent() {
      const s = stateOf(this);
      s.removed = true;
      return this;
    }
    // One end-tag handler per element: a later call replaces the earlier one, as in workerd.
    onEndTag(handler) {
      const s = stateOf(this);
      if (typeof handler !== "function") throw new TypeError("Failed to execute 'onEndTag' on 'Element': parameter 1 is not of type 'function'.");
      if (!s.canHaveContent) throw fail("No end tag.");
      s.endHandlers = [[handler, undefined]];
    }
  }

  function findAttr(s, name) {
    const lname = String(name).toLowerCase();
    return s.attrs.find((a) => a.name === lname);
  }

  for (const cls of [Element, AttributesIterator, EndTag, Text, Comment, Doctype, DocumentEnd]) idl(cls);

  // A start tag written out again after a change: attributes nobody touched keep their source text.
  function startTagText(s) {
    let out = "<" + s.rawName;
    for (const a of s.attrs) out += " " + (a.raw ?? `${a.rawName ?? writtenName(a)}="${a.value.replace(/"/g, "&quot;")}"`);
    return out + (s.selfClosing ? " />" : ">");
  }

  // A changed attribute keeps its name as the source wrote it (`Mod="2"`).
  function writtenName(a) {
    const written = a.source.slice(0, a.name.length);
    return written.toLowerCase() === a.name ? written : a.name;
  }

  // ---- calling handlers: synchronously while they are, pausing on the first promise ----

  // Calls each [fn, thisArg] with `token`; undefined if all returned at once, else a promise for the rest.
  function callAll(calls, token) {
    for (let i = 0; i < calls.length; i++) {
      const r = calls[i][0].call(calls[i][1], token);
      if (r !== null && (typeof r === "object" || typeof r === "function") && typeof r.then === "function") {
        return (async () => {
          await r;
          for (let j = i + 1; j < calls.length; j++) await calls[j][0].call(calls[j][1], token);
        })();
      }
    }
    return undefined;
  }

  // Runs `then` after the calls, at once or when their promise settles; returns that promise if any.
  function afterCalls(calls, token, state, then) {
    // The token dies with its handlers; content it was given from streams is read before it is written.
    const done = () => {
      state.valid = false;
      if (state.waits === undefined) return then();
      return Promise.all(state.waits).then(then);
    };
    let p;
    try {
      p = calls.length === 0 ? undefined : callAll(calls, token);
    } catch (e) {
      state.valid = false;
      throw e;
    }
    if (p === undefined) return done();
    return p.then(done, (e) => { state.valid = false; throw e; });
  }

  // ---- one transformed body ----

  // Fields of the tokenizer's packed output (ops/html/TokenWriter): "len:text" each, "~" for null.
  class Fields {
    constructor(s) { this.s = s; this.at = 0; }
    get more() { return this.at < this.s.length; }
    next() {
      const s = this.s;
      if (s.charCodeAt(this.at) === 126) { this.at++; return null; }
      const colon = s.indexOf(":", this.at);
      const len = Number(s.slice(this.at, colon));
      this.at = colon + 1 + len;
      return s.slice(colon + 1, this.at);
    }
  }

  class Rewrite {
    constructor(elementRegs, documentHandlers, reader, codec) {
      this.regs = elementRegs;
      this.doc = documentHandlers;
      this.reader = reader;
      const wants = (kind) => documentHandlers[kind].length > 0 || elementRegs.some((r) => r.handlers[kind] !== undefined);
      this.tokenizer = ops.html.tokenizer(elementRegs.length > 0, wants("text"), wants("comments"));
      [this.decode, this.decodeEnd, this.encode] = codec;
      this.out = "";
      this.controller = null;
      this.frames = [];      // open elements, outermost first
      this.infos = [];       // their selector views, same order
      this.root = { children: 0, types: null }; // sibling counts of top-level elements
      this.hidden = 0;       // open elements whose content is not written (removed, replaced, new inner content)
      this.active = elementRegs.map(() => 0); // per registration: open elements it matched
    }

    write(s) { if (this.hidden === 0) this.out += s; }

    flush() {
      if (this.out === "") return false;
      this.controller.enqueue(this.encode(this.out));
      this.out = "";
      return true;
    }

    // One pull: reads source chunks until some output is ready or the body ends.
    async pull(controller) {
      this.controller = controller;
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) {
          await this.tokens(this.tokenizer.feed(this.decodeEnd()) + this.tokenizer.end());
          await this.documentEnd();
          this.flush();
          controller.close();
          return;
        }
        const bytes = toBytes(value);
        await this.tokens(this.tokenizer.feed(this.decode(bytes)));
        if (this.flush()) return;
      }
    }

    async tokens(packed) {
      const f = new Fields(packed);
      while (f.more) {
        const p = this.token(f);
        if (p !== undefined) {
          this.flush(); // what is ready goes out while a handler waits
          await p;
        }
      }
    }

    // Handles one token; returns a promise when a handler made it wait.
    token(f) {
      switch (f.next()) {
        case "T": return this.text(f.next(), false);
        case "L": return this.text("", true);
        case "S": return this.startTag(f);
        case "E": return this.endTag(f.next(), f.next(), f.next(), Number(f.next()));
        case "C": return this.comment(f.next(), f.next());
        case "D": return this.doctype(f.next(), f.next(), f.next(), f.next());
        default: this.write(f.next()); return undefined; // markup that only passes through
      }
    }

    // Handlers of kind `kind` in scope: those of selectors matching an open element, then the document's.
    scoped(kind) {
      const calls = [];
      for (let i = 0; i < this.regs.length; i++) {
        const h = this.regs[i].handlers;
        if (this.active[i] > 0 && h[kind]) calls.push([h[kind], h.target]);
      }
      if (this.doc[kind]) for (const h of this.doc[kind]) calls.push(h);
      return calls;
    }

    text(text, last) {
      const calls = this.scoped("text");
      if (calls.length === 0) { this.write(text); return undefined; }
      const s = pieces({ text: clean(text), last });
      return afterCalls(calls, token(Text, s, TEXT_FIELDS), s, () => this.writeToken(s, s.text));
    }

    writeToken(s, raw) {
      this.write(join(s.before) + (s.removed ? str(s.replacement) : raw) + join(s.after));
    }

    comment(raw, text) {
      const calls = this.scoped("comments");
      if (calls.length === 0) { this.write(raw); return undefined; }
      const s = pieces({ text: clean(text), raw });
      return afterCalls(calls, token(Comment, s, COMMENT_FIELDS), s, () => this.writeToken(s, s.raw));
    }

    doctype(raw, name, publicId, systemId) {
      const calls = this.doc.doctype || [];
      const s = { valid: true, name: clean(name), publicId: clean(publicId), systemId: clean(systemId) };
      return afterCalls(calls, token(Doctype, s, DOCTYPE_FIELDS), s, () => this.write(raw));
    }

    startTag(f) {
      const raw = f.next(), rawName = f.next(), name = f.next(), pops = Number(f.next()), ns = f.next();
      const selfClosing = f.next() === "1", canHaveContent = f.next() === "1";
      const attrs = [];
      for (let n = Number(f.next()); n > 0; n--) attrs.push({ raw: f.next(), name: f.next(), value: f.next() });
      for (let k = 0; k < pops; k++) this.close(false);
      const parent = this.frames.length ? this.frames[this.frames.length - 1] : this.root;
      const types = parent.types || (parent.types = new Map());
      const typeIndex = (types.get(name) || 0) + 1;
      types.set(name, typeIndex);
      const info = { name, attrs, index: ++parent.children, typeIndex };
      let matched = null;
      const calls = [];
      for (let i = 0; i < this.regs.length; i++) {
        const reg = this.regs[i];
        if (!reg.match(info, this.infos, this.infos.length)) continue;
        (matched || (matched = [])).push(i);
        if (reg.handlers.element) calls.push([reg.handlers.element, reg.handlers.target]);
      }
      if (calls.length === 0) { // the common case: nobody looks, the tag goes out as it came
        this.write(raw);
        if (canHaveContent) this.open(info, matched, null);
        return undefined;
      }
      const s = {
        valid: true, raw, rawName, name, ns, attrs, selfClosing, canHaveContent, modified: false, renamed: false,
        before: [], after: [], prepend: [], append: [], removed: false, replacement: null, hideContent: false,
        endHandlers: [],
      };
      return afterCalls(calls, token(Element, s, ELEMENT_FIELDS), s, () => {
        this.writeStart(s);
        if (canHaveContent) this.open(info, matched, s);
      });
    }

    // Pushes an element that has content; `s` is its handlers' state, or null when none ran.
    open(info, matched, s) {
      const hides = s !== null && s.hideContent;
      this.frames.push({ s, matched, hides, children: 0, types: null });
      this.infos.push(info);
      if (matched !== null) for (const i of matched) this.active[i]++;
      if (hides) this.hidden++;
    }

    // The start tag's place: what goes before it, the tag (or its replacement) and, for an element
    // with content, what was prepended; a void element's "after" follows at once.
    writeStart(s) {
      let out = join(s.before);
      if (s.removed) out += str(s.replacement);
      else out += s.modified ? startTagText(s) : s.raw;
      out += join(s.canHaveContent ? s.prepend : s.after);
      this.write(out);
    }

    // Closes the innermost open element; `end` is its end tag token, or false when implied. What
    // was appended stays even when the element was removed or replaced (as in workerd).
    close(end) {
      const frame = this.frames.pop();
      this.infos.pop();
      if (frame.matched !== null) for (const i of frame.matched) this.active[i]--;
      if (frame.hides) this.hidden--;
      const s = frame.s;
      if (s === null) { if (end) this.write(end.raw); return undefined; }
      this.write(join(s.append));
      if (!end) { this.write(join(s.after)); return undefined; }
      const t = pieces({ name: s.renamed ? s.rawName : end.rawName, renamed: s.renamed });
      const finish = () => {
        const tag = s.removed || t.removed ? "" : t.renamed ? `</${t.name}>` : end.raw;
        this.write(join(t.before) + tag + join(t.after) + join(s.after));
      };
      if (s.endHandlers.length === 0) { finish(); return undefined; }
      return afterCalls(s.endHandlers, token(EndTag, t, END_TAG_FIELDS), t, finish);
    }

    endTag(raw, rawName, name, pops) {
      if (pops === 0) { this.write(raw); return undefined; } // closes nothing that is open
      for (let k = 1; k < pops; k++) this.close(false);
      return this.close({ raw, rawName });
    }

    documentEnd() {
      const calls = this.doc.end || [];
      const s = pieces({});
      return afterCalls(calls, token(DocumentEnd, s, []), s, () => this.write(join(s.after)));
    }
  }

  // The charset label of a content-type, or null.
  function charsetOf(contentType) {
    const m = contentType === null ? null : /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
    return m === null ? null : m[1];
  }

  // How the document's bytes become text and the output text bytes, by the content-type charset:
  // [decode(bytes), decode() at the end, encode(text)]. UTF-8 (the default) keeps invalid bytes
  // (ops/html/Utf8Escaped); a legacy charset is decoded by TextDecoder and encoded back in Java.
  function codecs(label) {
    let decoder = null;
    if (label !== null) {
      try { decoder = new Decoder(label, { ignoreBOM: true }); } catch { /* unknown label */ }
      if (decoder === null) throw fail("Unknown character encoding has been provided.");
      if (/^(utf-16|iso-2022-jp|replacement)/.test(decoder.encoding)) throw fail("Expected ASCII-compatible encoding.");
    }
    if (decoder !== null && decoder.encoding !== "utf-8") {
      const encoder = ops.html.encoder(decoder.encoding);
      if (encoder !== null) {
        return [(b) => decoder.decode(b, { stream: true }), () => decoder.decode(), (t) => fromHost(encoder.encode(t))];
      }
    }
    const utf8 = ops.html.utf8();
    return [(b) => utf8.decode(b.buffer, b.byteOffset, b.byteLength, true), () => utf8.flush(), (t) => fromHost(utf8.encode(t))];
  }

  // What handlers see of text that held invalid UTF-8: U+FFFD for each kept byte (see codecs).
  const KEPT_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
  const KEPT_BYTES = new RegExp(KEPT_BYTE.source, "g");
  const clean = (s) => (s !== null && KEPT_BYTE.test(s) ? s.replace(KEPT_BYTES, "\ufffd") : s);

  // The handler functions of a handlers object, checked as workerd checks them.
  function handlerFunctions(obj, kinds, dict) {
    const out = { target: obj };
    if (obj === null || obj === undefined) return out;
    for (const kind of kinds) {
      const fn = obj[kind];
      if (fn === undefined || fn === null) continue;
      if (typeof fn !== "function") {
        throw new TypeError(`Incorrect type for the '${kind}' field on '${dict}': the provided value is not of type 'function'.`);
      }
      out[kind] = fn;
    }
    return out;
  }

  class HTMLRewriter {
    #elements = [];
    #document = { doctype: [], comments: [], text: [], end: [] };

    on(selector, handlers) {
      if (selector === undefined) throw new TypeError("Failed to execute 'on' on 'HTMLRewriter': parameter 1 is not of type 'string'.");
      if (handlers !== undefined && handlers !== null && typeof handlers !== "object" && typeof handlers !== "function") {
        throw new TypeError("Failed to execute 'on' on 'HTMLRewriter': parameter 2 is not of type 'ElementContentHandlers'.");
      }
      const fns = handlerFunctions(handlers, ["element", "comments", "text"], "ElementContentHandlers");
      this.#elements.push({ match: htmlSelector(String(selector)), handlers: fns });
      return this;
    }

    onDocument(handlers) {
      if (handlers !== undefined && handlers !== null && typeof handlers !== "object" && typeof handlers !== "function") {
        throw new TypeError("Failed to execute 'onDocument' on 'HTMLRewriter': parameter 1 is not of type 'DocumentContentHandlers'.");
      }
      const fns = handlerFunctions(handlers, ["doctype", "comments", "text", "end"], "DocumentContentHandlers");
      for (const kind of ["doctype", "comments", "text", "end"]) if (fns[kind]) this.#document[kind].push([fns[kind], handlers]);
      return this;
    }

    transform(response) {
      if (!(response instanceof Response)) {
        throw new TypeError("Failed to execute 'transform' on 'HTMLRewriter': parameter 1 is not of type 'Response'.");
      }
      const init = { status: response.status, statusText: response.statusText, headers: response.headers };
      const source = response.body;
      if (source === null) return new Response(null, init);
      if (response.bodyUsed || source.locked) throw new TypeError("The ReadableStream has been locked to a reader.");
      // A snapshot: handlers added after transform() do not apply to this body.
      const doc = {};
      for (const [k, v] of Object.entries(this.#document)) doc[k] = v.slice();
      const codec = codecs(charsetOf(response.headers.get("content-type")));
      const reader = source.getReader();
      const rewrite = new Rewrite(this.#elements.slice(), doc, reader, codec);
      const body = new ReadableStream({
        pull: (controller) => rewrite.pull(controller).catch((e) => {
          reader.cancel(e).catch(() => {});
          throw e;
        }),
        cancel: (reason) => reader.cancel(reason),
      }, { highWaterMark: 0 });
      lengthChanged.add(body);
      return new Response(body, init);
    }
  }
  idl(HTMLRewriter);
  expose("HTMLRewriter", HTMLRewriter);
})
