// web/html/html-selectors.js: the CSS selectors HTMLRewriter accepts (lol-html's subset), compiled to
// matchers over an element and its open ancestors. Shared with web/html/html-rewriter.js as htmlSelector.
(function (ops, $) {
  "use strict";
  const fail = (message) => new TypeError("Parser error: " + message);
  const UNSUPPORTED = "Unsupported pseudo-class or pseudo-element in selector.";
  const UNEXPECTED = "Unexpected token in selector.";
  const END = "Unexpected end of selector.";
  const EMPTY = "The selector is empty.";

  // An element as selectors see it: {name, attrs: [{name, value}], index, typeIndex} (1-based positions).
  const attr = (el, name) => {
    for (const a of el.attrs) if (a.name === name) return a.value;
    return null;
  };

  class Parser {
    constructor(text) {
      this.s = text;
      this.i = 0;
    }
    get done() { return this.i >= this.s.length; }
    get c() { return this.s[this.i]; }
    skipSpace() {
      const start = this.i;
      while (!this.done && " \t\n\r\f".includes(this.c)) this.i++;
      return this.i > start;
    }

    // Selector list: complex selectors separated by commas.
    list() {
      this.skipSpace();
      const list = [this.complex()];
      for (;;) {
        this.skipSpace();
        if (this.done) return list;
        if (this.c !== ",") throw fail(UNEXPECTED);
        this.i++;
        this.skipSpace();
        list.push(this.complex());
      }
    }

    // Compounds joined by " " or ">": {compounds, combinators} where combinators[k] joins k and k+1.
    complex() {
      const compounds = [this.compound()];
      if (compounds[0] === null) throw fail(EMPTY);
      const combinators = [];
      for (;;) {
        const spaced = this.skipSpace();
        if (this.done || this.c === "," || this.c === ")") return { compounds, combinators };
        let comb = " ";
        if (this.c === ">") { comb = ">"; this.i++; this.skipSpace(); }
        else if (this.c === "~" || this.c === "+") throw fail(`Unsupported combinator \`${this.c}\` in selector.`);
        else if (!spaced) throw fail(UNEXPECTED);
        const next = this.compound();
        if (next === null) throw fail("Dangling combinator in selector.");
        combinators.push(comb);
        compounds.push(next);
      }
    }

    // A compound selector as one test function, or null when nothing selector-like is here.
    compound() {
      const tests = [];
      if (this.c === "*" || this.c === "|" || this.identStart()) {
        const name = this.c === "*" ? (this.i++, "*") : this.c === "|" ? "" : this.ident();
        if (this.c === "|" && this.s[this.i + 1] !== "=") {
          if (name !== "" && name !== "*") throw fail("Selectors with explicit namespaces are not supported.");
          this.i++;
          if (this.c === "*") this.i++;
          else {
            const n = this.ident();
            if (n === null) throw fail(this.done ? END : UNEXPECTED);
            tests.push(typeTest(n));
          }
        } else if (name !== "*") tests.push(typeTest(name));
        else tests.push(() => true);
      }
      for (;;) {
        if (this.done) break;
        const c = this.c;
        if (c === "#") {
          this.i++;
          const id = this.ident(); // "#1" is no id selector in CSS
          if (id === null) throw fail(tests.length === 0 ? EMPTY : UNEXPECTED);
          tests.push((el) => attr(el, "id") === id);
        } else if (c === ".") {
          this.i++;
          const cls = this.ident();
          if (cls === null) { // ".1" reads as a number, as CSS tokenizes it
            if (/[0-9]/.test(this.c || "")) throw fail(tests.length === 0 ? EMPTY : UNEXPECTED);
            throw fail("Invalid or unescaped class name in selector.");
          }
          tests.push((el) => { const v = attr(el, "class"); return v !== null && v.split(/[ \t\n\r\f]+/).includes(cls); });
        } else if (c === "[") {
          this.i++;
          tests.push(this.attribute());
        } else if (c === ":") {
          this.i++;
          tests.push(this.pseudo());
        } else break;
      }
      if (tests.length === 0) return null;
      return tests.length === 1 ? tests[0] : (el) => tests.every((t) => t(el));
    }

    attribute() {
      this.skipSpace();
      if (this.done) throw fail(END);
      const name = this.ident();
      if (name === null) throw fail("Missing attribute name in attribute selector.");
      const lname = name.toLowerCase();
      if (this.c === "|" && this.s[this.i + 1] !== "=") throw fail("Selectors with explicit namespaces are not supported.");
      this.skipSpace();
      // The end of the selector closes an open bracket (and string), as CSS blocks close.
      if (this.done || this.c === "]") { this.i++; return (el) => attr(el, lname) !== null; }
      let op = this.c;
      if ("~^$*|".includes(op)) this.i++;
      else op = "";
      if (this.c !== "=") throw fail("Unexpected token in the attribute selector.");
      this.i++;
      this.skipSpace();
      if (this.done || this.c === "]") throw fail(END);
      let value = this.c === '"' || this.c === "'" ? this.string() : this.ident();
      if (value === null) throw fail("Unexpected token in the attribute selector.");
      this.skipSpace();
      let ci = false;
      if (this.identStart()) {
        const flag = this.ident().toLowerCase();
        if (flag !== "i" && flag !== "s") throw fail(UNEXPECTED);
        ci = flag === "i";
        this.skipSpace();
      }
      if (!this.done && this.c !== "]") throw fail(UNEXPECTED);
      this.i++;
      if (ci) value = value.toLowerCase();
      const test = valueTest(op, value);
      return (el) => {
        const v = attr(el, lname);
        return v !== null && test(ci ? v.toLowerCase() : v);
      };
    }

    pseudo() {
      if (this.c === ":") throw fail(UNSUPPORTED); // pseudo-elements
      const name = this.ident();
      if (name === null) throw fail(this.done ? END : UNEXPECTED);
      const lname = name.toLowerCase();
      if (this.c !== "(") {
        if (lname === "first-child") return (el) => el.index === 1;
        if (lname === "first-of-type") return (el) => el.typeIndex === 1;
        throw fail(UNSUPPORTED);
      }
      this.i++;
      if (lname === "nth-child" || lname === "nth-of-type") {
        const close = this.s.indexOf(")", this.i);
        if (close < 0) throw fail(END);
        const [a, b] = nth(this.s.slice(this.i, close));
        this.i = close + 1;
        const matches = (p) => (a === 0 ? p === b : (p - b) / a >= 0 && (p - b) % a === 0);
        return lname === "nth-child" ? (el) => matches(el.index) : (el) => matches(el.typeIndex);
      }
      if (lname !== "not") throw fail(UNSUPPORTED);
      this.skipSpace();
      const inner = [];
      for (;;) {
        const t = this.compound();
        if (t === null) throw fail(this.done ? END : inner.length === 0 && this.c === ")" ? EMPTY : UNEXPECTED);
        inner.push(t);
        this.skipSpace();
        if (this.done) throw fail(END);
        if (this.c === ")") { this.i++; break; }
        if (this.c !== ",") throw fail(UNSUPPORTED); // a combinator: :not takes compound selectors only
        this.i++;
        this.skipSpace();
      }
      return (el) => !inner.some((t) => t(el));
    }

    identStart() {
      const c = this.c;
      if (c === undefined) return false;
      if (/[A-Za-z_\u0080-\uffff\\]/.test(c)) return true;
      return c === "-" && /[A-Za-z_\u0080-\uffff\\-]/.test(this.s[this.i + 1] || "");
    }

    // A CSS identifier with its escapes resolved, or null.
    ident() {
      if (!this.identStart()) return null;
      let out = "";
      while (!this.done) {
        const c = this.c;
        if (c === "\\") out += this.escape();
        else if (/[A-Za-z0-9_\-\u0080-\uffff]/.test(c)) { out += c; this.i++; }
        else break;
      }
      return out;
    }

    escape() {
      this.i++;
      if (this.done) return "\ufffd";
      const hex = /^[0-9a-fA-F]{1,6}/.exec(this.s.slice(this.i, this.i + 6));
      if (hex) {
        this.i += hex[0].length;
        if (!this.done && " \t\n\r\f".includes(this.c)) this.i++;
        const cp = parseInt(hex[0], 16);
        return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? "\ufffd" : String.fromCodePoint(cp);
      }
      return this.s[this.i++];
    }

    string() {
      const q = this.s[this.i++];
      let out = "";
      while (!this.done && this.c !== q) {
        if (this.c === "\\") out += this.escape();
        else out += this.s[this.i++];
      }
      this.i++; // (an unclosed string ends with the selector)
      return out;
    }
  }

  function typeTest(name) {
    const lname = name.toLowerCase();
    return (el) => el.name === lname;
  }

  function valueTest(op, v) {
    switch (op) {
      case "": return (x) => x === v;
      case "~": return (x) => v !== "" && !/[ \t\n\r\f]/.test(v) && x.split(/[ \t\n\r\f]+/).includes(v);
      case "^": return (x) => v !== "" && x.startsWith(v);
      case "$": return (x) => v !== "" && x.endsWith(v);
      case "*": return (x) => v !== "" && x.includes(v);
      default: return (x) => x === v || x.startsWith(v + "-"); // "|="
    }
  }

  // The An+B of :nth-child() and :nth-of-type(), as [a, b].
  function nth(text) {
    const t = text.trim().toLowerCase();
    if (t === "odd") return [2, 1];
    if (t === "even") return [2, 0];
    if (/^[+-]?\d+$/.test(t)) return [0, parseInt(t, 10)];
    const m = /^([+-]?\d*)n(?:\s*([+-])\s*(\d+))?$/.exec(t);
    if (!m) throw fail(/[+-]$/.test(t) ? END : UNEXPECTED);
    const a = m[1] === "" || m[1] === "+" ? 1 : m[1] === "-" ? -1 : parseInt(m[1], 10);
    const b = m[2] ? (m[2] === "-" ? -1 : 1) * parseInt(m[3], 10) : 0;
    return [a, b];
  }

  // Does compound k of `sel` match `el`, with `ancestors[0..depth)` its open ancestors (outermost first)?
  function matchFrom(sel, k, el, ancestors, depth) {
    if (!sel.compounds[k](el)) return false;
    if (k === 0) return true;
    if (sel.combinators[k - 1] === ">") return depth > 0 && matchFrom(sel, k - 1, ancestors[depth - 1], ancestors, depth - 1);
    for (let d = depth - 1; d >= 0; d--) {
      if (matchFrom(sel, k - 1, ancestors[d], ancestors, d)) return true;
    }
    return false;
  }

  // Compiles `text`; throws lol-html's TypeError for what it rejects. The matcher takes the element
  // and its ancestors (an array, outermost first, of which the first `depth` are open).
  const htmlSelector = function htmlSelector(text) {
    const list = new Parser(text).list();
    return (el, ancestors, depth) => list.some((sel) => matchFrom(sel, sel.compounds.length - 1, el, ancestors, depth));
  };

  return { htmlSelector };
})
