// web/html-rewriter.js: HTMLRewriter, streaming as workerd's (lol-html) does. Java tokenizes each
// body chunk as it arrives (ops.html, keeping every token's source text); here selectors are
// matched, handlers called (a returned promise pauses the stream) and the output written: tokens
// nobody changed go out exactly as they came in.
(function (ops, $) {
  "use strict";
  const fail = (message) => new TypeError("Parser error: " + message);
  const STALE = "This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.";
  const Decoder = globalThis.TextDecoder; // taken before user code could replace it
  const escapeText = (s) => s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
  // Inserted content: markup as given with {html: true}, else text with &, < and > escaped.
  const content = (value, options) => (options != null && options.html ? String(value) : escapeText(String(value)));

  // ---- the objects handlers receive: each wraps a state that dies when its handler is done ----

  function live(s) {
    if (!s.valid) throw new TypeError(STALE);
    return s;
  }

  // before/after/replace/remove, shared by text chunks, comments and end tags.
  function insertions(cls, { replace = true } = {}) {
    const methods = {
      before(text, options) { stateOf(this).before.push(content(text, options)); return this; },
      after(text, options) { stateOf(this).after.unshift(content(text, options)); return this; },
      remove() { stateOf(this).removed = true; return this; },
    };
    if (replace) {
      methods.replace = function replace(text, options) {
        const s = stateOf(this);
        s.removed = true;
        s.replacement = content(text, options);
        return this;
      };
    }
    for (const [name, fn] of Object.entries(methods)) {
      Object.defineProperty(cls.prototype, name, { value: fn, writable: true, configurable: true, enumerable: true });
    }
  }

  // A token's mutable output: what goes before and after it, and whether its own text stays.
  const pieces = (extra) => Object.assign({ valid: true, before: [], after: [], removed: false, replacement: null }, extra);

  // Each handed-out token's state, out of user code's reach.
  const STATES = new WeakMap();
  function slot(obj, s) {
    STATES.set(obj, s);
    return obj;
  }
  const stateOf = (obj) => {
    const s = STATES.get(obj);
    if (s === undefined) throw new TypeError("Illegal invocation");
    return live(s);
  };

  class Text {
    get text() { return stateOf(this).text; }
    get lastInTextNode() { return stateOf(this).last; }
    get removed() { return stateOf(this).removed; }
  }
  insertions(Text);

  class Comment {
    get text() { return stateOf(this).text; }
    set text(value) {
      const s = stateOf(this);
      value = String(value);
      if (value.includes("-->")) throw fail("Comment text shouldn't contain a comment-closing sequence.");
      s.text = value;
      s.raw = "<!--" + value + "-->";
    }
    get removed() { return stateOf(this).removed; }
  }
  insertions(Comment);

  class Doctype {
    get name() { return stateOf(this).name; }
    get publicId() { return stateOf(this).publicId; }
    get systemId() { return stateOf(this).systemId; }
  }

  class DocumentEnd {
    append(text, options) { stateOf(this).after.push(content(text, options)); return this; }
  }

  class EndTag {
    get name() { return stateOf(this).name.toLowerCase(); }
    set name(value) {
      const s = stateOf(this);
      s.name = checkTagName(value);
      s.renamed = true;
    }
  }
  insertions(EndTag, { replace: false });

  function checkTagName(value) {
    value = String(value);
    if (value === "") throw fail("Tag name can't be empty.");
    const bad = /[ \t\n\r\f\/>]/.exec(value);
    if (bad) throw fail(`\`${bad[0]}\` character is forbidden in the tag name`);
    return value;
  }

  class Element {
    get tagName() { return stateOf(this).name; }
    set tagName(value) {
      const s = stateOf(this);
      s.rawName = checkTagName(value);
      s.name = s.rawName.toLowerCase();
      s.renamed = true;
      s.modified = true;
    }
    get attributes() {
      return stateOf(this).attrs.map((a) => [a.name, a.value])[Symbol.iterator]();
    }
    get namespaceURI() { return stateOf(this).ns; }
    get removed() { return stateOf(this).removed; }

    getAttribute(name) {
      const s = stateOf(this);
      if (arguments.length < 1) throw new TypeError("Failed to execute 'getAttribute' on 'Element': parameter 1 is not of type 'string'.");
      const a = findAttr(s, name);
      return a === undefined ? null : a.value;
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
      const bad = /[ \t\n\r\f\/>="'<]/.exec(name);
      if (bad) throw fail(`\`${bad[0]}\` character is forbidden in the attribute name`);
      value = String(value);
      const a = findAttr(s, name);
      if (a === undefined) s.attrs.push({ raw: null, rawName: name, name: name.toLowerCase(), value });
      else { a.value = value; a.raw = null; }
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

    before(text, options) { stateOf(this).before.push(content(text, options)); return this; }
    after(text, options) { stateOf(this).after.unshift(content(text, options)); return this; }
    prepend(text, options) {
      const s = stateOf(this);
      if (s.canHaveContent) s.prepend.unshift(content(text, options));
      return this;
    }
    append(text, options) {
      const s = stateOf(this);
      if (s.canHaveContent) s.append.push(content(text, options));
      return this;
    }
    setInnerContent(text, options) {
      const s = stateOf(this);
      if (s.canHaveContent) { s.inner = content(text, options); s.prepend = []; s.append = []; }
      return this;
    }
    replace(text, options) {
      const s = stateOf(this);
      s.removed = true;
      s.replacement = content(text, options);
      return this;
    }
    remove() {
      const s = stateOf(this);
      s.removed = true;
      s.replacement = "";
      return this;
    }
    removeAndKeepContent() {
      const s = stateOf(this);
      s.removed = true;
      s.keepContent = true;
      return this;
    }
    onEndTag(handler) {
      const s = stateOf(this);
      if (typeof handler !== "function") throw new TypeError("Failed to execute 'onEndTag' on 'Element': parameter 1 is not of type 'function'.");
      if (!s.canHaveContent) throw fail("No end tag.");
      s.endHandlers.push([handler, undefined]);
    }
  }

  function findAttr(s, name) {
    const lname = String(name).toLowerCase();
    return s.attrs.find((a) => a.name === lname);
  }

  for (const cls of [Element, EndTag, Text, Comment, Doctype, DocumentEnd]) $.idl(cls);

  // A start tag written out again after a change: attributes nobody touched keep their source text.
  function startTagText(s) {
    let out = "<" + s.rawName;
    for (const a of s.attrs) out += " " + (a.raw ?? `${a.rawName}="${a.value.replace(/"/g, "&quot;")}"`);
    return out + (s.selfClosing ? " />" : ">");
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
    const done = () => { state.valid = false; then(); };
    const p = calls.length === 0 ? undefined : callAll(calls, token);
    if (p === undefined) { done(); return undefined; }
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
    constructor(elementRegs, documentHandlers, reader) {
      this.regs = elementRegs;
      this.doc = documentHandlers;
      this.reader = reader;
      this.tokenizer = ops.html.tokenizer();
      this.decoder = new Decoder("utf-8", { ignoreBOM: true });
      this.out = "";
      this.controller = null;
      this.frames = [];      // open elements, outermost first
      this.infos = [];       // their selector views, same order
      this.root = { children: 0, types: new Map() };
      this.hidden = 0;       // open elements whose content is not written (removed, replaced, new inner content)
      this.active = elementRegs.map(() => 0); // per registration: open elements it matched
      this.done = false;
    }

    write(s) { if (this.hidden === 0) this.out += s; }

    flush() {
      if (this.out === "") return false;
      this.controller.enqueue($.utf8.encode(this.out));
      this.out = "";
      return true;
    }

    // One pull: reads source chunks until some output is ready or the body ends.
    async pull(controller) {
      this.controller = controller;
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) {
          await this.tokens(this.tokenizer.feed(this.decoder.decode()) + this.tokenizer.end());
          await this.documentEnd();
          this.flush();
          controller.close();
          return;
        }
        const bytes = $.toBytes(value);
        await this.tokens(this.tokenizer.feed(this.decoder.decode(bytes, { stream: true })));
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
      const s = pieces({ text, last });
      return afterCalls(calls, slot(new Text(), s), s, () => this.writeToken(s, text));
    }

    writeToken(s, raw) {
      this.write(s.before.join("") + (s.removed ? s.replacement ?? "" : raw) + s.after.join(""));
    }

    comment(raw, text) {
      const calls = this.scoped("comments");
      if (calls.length === 0) { this.write(raw); return undefined; }
      const s = pieces({ text, raw });
      return afterCalls(calls, slot(new Comment(), s), s, () => this.writeToken(s, s.raw));
    }

    doctype(raw, name, publicId, systemId) {
      const calls = this.doc.doctype || [];
      const s = { valid: true, name, publicId, systemId };
      return afterCalls(calls, slot(new Doctype(), s), s, () => this.write(raw));
    }

    startTag(f) {
      const raw = f.next(), rawName = f.next(), name = f.next(), pops = Number(f.next()), ns = f.next();
      const selfClosing = f.next() === "1", canHaveContent = f.next() === "1";
      const attrs = [];
      for (let n = Number(f.next()); n > 0; n--) {
        const araw = f.next(), aname = f.next(), value = f.next();
        const written = araw.slice(0, aname.length);
        attrs.push({ raw: araw, rawName: written.toLowerCase() === aname ? written : aname, name: aname, value });
      }
      for (let k = 0; k < pops; k++) this.close(false);
      const parent = this.frames.length ? this.frames[this.frames.length - 1].counts : this.root;
      const typeIndex = (parent.types.get(name) || 0) + 1;
      parent.types.set(name, typeIndex);
      const info = { name, attrs, index: ++parent.children, typeIndex };
      const matched = [];
      const calls = [];
      for (let i = 0; i < this.regs.length; i++) {
        const reg = this.regs[i];
        if (!reg.match(info, this.infos, this.infos.length)) continue;
        matched.push(i);
        if (reg.handlers.element) calls.push([reg.handlers.element, reg.handlers.target]);
      }
      const s = {
        valid: true, raw, rawName, name, ns, attrs, selfClosing, canHaveContent, modified: false, renamed: false,
        before: [], after: [], prepend: [], append: [], inner: null, removed: false, keepContent: false,
        replacement: null, endHandlers: [],
      };
      const open = () => {
        this.writeStart(s);
        if (!canHaveContent) return;
        const hides = s.inner !== null || (s.removed && !s.keepContent);
        this.frames.push({ s, matched, hides, counts: { children: 0, types: new Map() } });
        this.infos.push(info);
        for (const i of matched) this.active[i]++;
        if (hides) this.hidden++;
      };
      if (calls.length === 0) { open(); return undefined; }
      return afterCalls(calls, slot(new Element(), s), s, open);
    }

    writeStart(s) {
      let out = s.before.join("");
      if (s.removed && !s.keepContent) out += s.replacement ?? "";
      else {
        if (!s.keepContent) out += s.modified ? startTagText(s) : s.raw;
        out += s.prepend.join("") + (s.inner ?? "");
      }
      if (!s.canHaveContent) out += s.after.join("");
      this.write(out);
    }

    // Closes the innermost open element; `end` is its end tag token, or false when implied.
    close(end) {
      const frame = this.frames.pop();
      this.infos.pop();
      for (const i of frame.matched) this.active[i]--;
      if (frame.hides) this.hidden--;
      const s = frame.s;
      const gone = s.removed && !s.keepContent;
      if (!gone) this.write(s.append.join(""));
      if (!end) { this.write(s.after.join("")); return undefined; }
      const t = pieces({ name: s.renamed ? s.rawName : end.rawName, renamed: s.renamed });
      return afterCalls(s.endHandlers, slot(new EndTag(), t), t, () => {
        const keep = !gone && !s.keepContent && !t.removed;
        const tag = !keep ? "" : t.renamed ? `</${t.name}>` : end.raw;
        this.write(t.before.join("") + tag + t.after.join("") + s.after.join(""));
      });
    }

    endTag(raw, rawName, name, pops) {
      if (pops === 0) { this.write(raw); return undefined; } // closes nothing that is open
      for (let k = 1; k < pops; k++) this.close(false);
      return this.close({ raw, rawName });
    }

    documentEnd() {
      const calls = this.doc.end || [];
      const s = pieces({});
      return afterCalls(calls, slot(new DocumentEnd(), s), s, () => this.write(s.after.join("")));
    }
  }

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
      this.#elements.push({ match: $.htmlSelector(String(selector)), handlers: fns });
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
      if (!(response instanceof $.Response)) {
        throw new TypeError("Failed to execute 'transform' on 'HTMLRewriter': parameter 1 is not of type 'Response'.");
      }
      const init = { status: response.status, statusText: response.statusText, headers: response.headers };
      const source = response.body;
      if (source === null) return new $.Response(null, init);
      if (response.bodyUsed || source.locked) throw new TypeError("The ReadableStream has been locked to a reader.");
      const reader = source.getReader();
      // A snapshot: handlers added after transform() do not apply to this body.
      const doc = {};
      for (const [k, v] of Object.entries(this.#document)) doc[k] = v.slice();
      const rewrite = new Rewrite(this.#elements.slice(), doc, reader);
      const body = new $.ReadableStream({
        pull: (controller) => rewrite.pull(controller).catch((e) => {
          reader.cancel(e).catch(() => {});
          throw e;
        }),
        cancel: (reason) => reader.cancel(reason),
      }, { highWaterMark: 0 });
      $.lengthChanged.add(body);
      return new $.Response(body, init);
    }
  }
  $.idl(HTMLRewriter);
  $.expose("HTMLRewriter", HTMLRewriter);
})
