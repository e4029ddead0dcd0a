// web/fetch/headers.js: Headers (Fetch standard) with guards, sorted-and-combined iteration, and
// getSetCookie(). Incoming headers arrive from Java as one "name\0value\0..." string and are only
// split when user code first looks at them.
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { idl, expose } = imports;
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const BAD_VALUE = /[\0\r\n]/;
  const kLazy = Symbol("lazy");

  function normalizeValue(v) {
    // Strip leading and trailing HTTP whitespace (tab, space, CR, LF).
    return String(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
  }
  function checkName(name) {
    if (!TOKEN.test(name)) throw new TypeError("Invalid header name."); // workerd's wording
  }
  function checkValue(value) {
    if (BAD_VALUE.test(value)) throw new TypeError("Invalid header value.");
  }

  class Headers {
    #list = null;     // [[lowercase name, value], ...] in insertion order
    #flat = null;     // pending, not yet split: "name\0value\0..." or the host's HeaderList
    #guard = "none";  // "none" | "immutable" | "request" | "response"

    constructor(init = undefined) {
      if (init === kLazy) return;
      this.#list = [];
      if (init === undefined || init === null) return;
      if (typeof init !== "object" && typeof init !== "function") {
        throw new TypeError("Failed to construct 'Headers': constructor parameter 1 is not of type 'Headers or Sequence or object'.");
      }
      if (init instanceof Headers) {
        for (const [k, v] of init.#entries()) this.#list.push([k, v]);
      } else if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const arr = typeof pair === "string" ? null : Array.from(pair);
          if (arr === null || arr.length !== 2) throw new TypeError("To initialize a Headers object from a sequence, each inner sequence must have exactly two elements.");
          this.append(arr[0], arr[1]);
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc === undefined || !desc.enumerable || typeof key === "symbol") continue;
          this.append(key, init[key]);
        }
      }
    }

    #entries() {
      if (this.#list === null) {
        const list = [];
        const flat = this.#flat;
        if (typeof flat === "string") {
          const parts = flat.split("\0");
          for (let i = 0; i + 1 < parts.length; i += 2) list.push([parts[i].toLowerCase(), parts[i + 1]]);
        } else if (flat !== null) { // an incoming request's HeaderList, read by index
          for (let i = 0, n = flat.size(); i < n; i++) list.push([flat.name(i).toLowerCase(), flat.value(i)]);
        }
        this.#list = list;
        this.#flat = null;
      }
      return this.#list;
    }
    #checkMutable() {
      if (this.#guard === "immutable") throw new TypeError("Can't modify immutable headers.");
    }

    append(name, value) {
      name = String(name); value = normalizeValue(value);
      checkName(name); checkValue(value);
      this.#checkMutable();
      this.#entries().push([name.toLowerCase(), value]);
    }
    delete(name) {
      name = String(name); checkName(name);
      this.#checkMutable();
      const lower = name.toLowerCase();
      this.#list = this.#entries().filter((e) => e[0] !== lower);
    }
    get(name) {
      name = String(name); checkName(name);
      const lower = name.toLowerCase();
      let out = null;
      for (const [k, v] of this.#entries()) {
        if (k === lower) out = out === null ? v : out + ", " + v;
      }
      return out;
    }
    getAll(name) {
      // Cloudflare's extension, only for Set-Cookie.
      name = String(name);
      if (name.toLowerCase() !== "set-cookie") throw new TypeError("getAll() can only be used with the header name \"Set-Cookie\".");
      return this.getSetCookie();
    }
    getSetCookie() {
      const out = [];
      for (const [k, v] of this.#entries()) if (k === "set-cookie") out.push(v);
      return out;
    }
    has(name) {
      name = String(name); checkName(name);
      const lower = name.toLowerCase();
      return this.#entries().some((e) => e[0] === lower);
    }
    set(name, value) {
      name = String(name); value = normalizeValue(value);
      checkName(name); checkValue(value);
      this.#checkMutable();
      const lower = name.toLowerCase();
      const list = this.#entries();
      const i = list.findIndex((e) => e[0] === lower);
      if (i < 0) { list.push([lower, value]); return; }
      list[i] = [lower, value];
      this.#list = list.filter((e, j) => j <= i || e[0] !== lower);
    }
    forEach(callback, thisArg = undefined) {
      for (const [k, v] of this.#sorted()) callback.call(thisArg, v, k, this);
    }
    // The "sort and combine" view: names sorted, values joined by ", ", each set-cookie on its own.
    #sorted() {
      const names = [...new Set(this.#entries().map((e) => e[0]))].sort();
      const out = [];
      for (const n of names) {
        if (n === "set-cookie") for (const v of this.getSetCookie()) out.push([n, v]);
        else out.push([n, this.get(n)]);
      }
      return out;
    }
    *entries() { yield* this.#sorted(); }
    *keys() { for (const [k] of this.#sorted()) yield k; }
    *values() { for (const [, v] of this.#sorted()) yield v; }
    [Symbol.iterator]() { return this.entries(); }

    static _lazy(flat, guard) {
      const h = new Headers(kLazy);
      h.#flat = flat;
      h.#guard = guard;
      return h;
    }
    static _guard(h, guard) { h.#guard = guard; return h; }
    static _flatten(h) {
      if (h.#list === null) return flatText(h.#flat);
      let s = "";
      for (const [k, v] of h.#list) s += (s ? "\0" : "") + k + "\0" + v;
      return s;
    }
    static _rawEntries(h) { return h.#entries(); }
  }
  // Pending headers as flat text, names as they came (a forwarded request keeps their case).
  function flatText(pending) {
    if (pending === null) return "";
    if (typeof pending === "string") return pending;
    let s = "";
    for (let i = 0, n = pending.size(); i < n; i++) s += (s ? "\0" : "") + pending.name(i) + "\0" + pending.value(i);
    return s;
  }
  // Internal static helpers stay private to the runtime.
  const headersFromFlat = Headers._lazy;
  const setHeadersGuard = Headers._guard;
  const flattenHeaders = Headers._flatten;
  const headerEntries = Headers._rawEntries;
  delete Headers._lazy; delete Headers._guard; delete Headers._flatten; delete Headers._rawEntries;
  // Web IDL members are enumerable; Object.keys shows them in workerd's order.
  for (const key of ["get", "getAll", "getSetCookie", "has", "set", "append", "delete", "forEach", "entries", "keys", "values"]) {
    const desc = Object.getOwnPropertyDescriptor(Headers.prototype, key);
    delete Headers.prototype[key];
    Object.defineProperty(Headers.prototype, key, { ...desc, enumerable: true });
  }
  idl(Headers, "Headers");
  expose("Headers", Headers);

  return { headersFromFlat, setHeadersGuard, flattenHeaders, headerEntries, Headers };
})
