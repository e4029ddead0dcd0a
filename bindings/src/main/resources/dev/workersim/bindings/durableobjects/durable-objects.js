// durableobjects/durable-objects.js: Durable Objects. Two binding types share this file:
//  * durable_object_namespace: env.NS, a DurableObjectNamespace whose stubs send events ("fetch",
//    "rpc") through Java to the isolate of the worker that exports the class;
//  * durable_object_host: not in env; it lets this isolate host objects of its exported classes:
//    one instance per id, created on the first event, with a DurableObjectState (ctx) whose storage
//    is the object's SQLite file (ObjectStorage.java).
// Storage calls are synchronous in Java and resolve in microtasks, so no other event can enter an
// object while it awaits its storage (workerd's input gate); blockConcurrencyWhile() closes the
// gate explicitly. Writes of one turn are committed together before their promises resolve.
// imports: runtime/internal, web/events/events, web/encoding/encoding, web/fetch/request
// imports: web/fetch/response, runtime/dispatch, services/rpc
(function (hostOps, $, imports) {
  "use strict";
  const {
    DOMException, idl, rpcError, Request, rpcEncode, rpcEncodeCall, Response, utf8, expose, moduleExport, errorParts,
    notInEnv, bytesToText, textToBytes, typedArrayNames: TYPED, errorClasses: ERRORS
  } = imports;
  const kCreate = Symbol("create");
  const NOT_SUPPORTED_JURISDICTION = "Jurisdiction restrictions are not implemented in workerd.";

  // ---------------------------------------------------------------------------------------------
  // Values in storage: the structured-clone algorithm, as JSON text (shared references and cycles
  // kept by index). Errors keep their name and message, like V8's serializer.

  function notCloneable(v) {
    return new DOMException(`${typeof v === "symbol" ? v.toString() : String(v)} could not be cloned.`, "DataCloneError");
  }

  function serialize(value) {
    const seen = new Map();
    const enc = (v) => {
      switch (typeof v) {
        case "undefined": return { $: "u" };
        case "boolean": case "string": return v;
        case "number": return Number.isFinite(v) && !Object.is(v, -0) ? v : { $: "n", v: Object.is(v, -0) ? "-0" : String(v) };
        case "bigint": return { $: "bi", v: v.toString() };
        case "function": case "symbol": throw notCloneable(v);
      }
      if (v === null) return null;
      if (seen.has(v)) return { $: "ref", i: seen.get(v) };
      seen.set(v, seen.size);
      if (Array.isArray(v)) {
        const items = [];
        for (let i = 0; i < v.length; i++) items.push(enc(v[i]));
        return { $: "a", v: items };
      }
      if (v instanceof Date) return { $: "d", v: v.getTime() };
      if (v instanceof RegExp) return { $: "r", src: v.source, flags: v.flags };
      if (v instanceof ArrayBuffer) return { $: "ab", v: bytesToText(new Uint8Array(v)) };
      if (ArrayBuffer.isView(v)) {
        const t = TYPED.find((name) => v instanceof globalThis[name]) || "Uint8Array";
        return { $: "ta", t, v: bytesToText(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
      }
      if (v instanceof Map) return { $: "m", v: [...v].map(([k, x]) => [enc(k), enc(x)]) };
      if (v instanceof Set) return { $: "s", v: [...v].map(enc) };
      if (v instanceof Error) return { $: "e", name: v.name, message: v.message };
      if (v instanceof Boolean || v instanceof Number || v instanceof String) return { $: "box", v: enc(v.valueOf()) };
      if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) throw notCloneable(v);
      const props = [];
      for (const k of Object.keys(v)) props.push([k, enc(v[k])]);
      return { $: "o", v: props };
    };
    return JSON.stringify(enc(value));
  }

  function deserialize(text) {
    const made = [];
    const keep = (x) => { made.push(x); return x; };
    const dec = (w) => {
      if (w === null || typeof w !== "object") return w;
      switch (w.$) {
        case "u": return undefined;
        case "n": return w.v === "-0" ? -0 : Number(w.v);
        case "bi": return BigInt(w.v);
        case "ref": return made[w.i];
        case "a": { const a = keep([]); for (const x of w.v) a.push(dec(x)); return a; }
        case "d": return keep(new Date(w.v));
        case "r": return keep(new RegExp(w.src, w.flags));
        case "ab": return keep(textToBytes(w.v).buffer);
        case "ta": {
          const bytes = textToBytes(w.v);
          const C = globalThis[w.t];
          return keep(w.t === "DataView" ? new DataView(bytes.buffer) : new C(bytes.buffer, 0, bytes.byteLength / C.BYTES_PER_ELEMENT));
        }
        case "m": { const m = keep(new Map()); for (const [k, x] of w.v) m.set(dec(k), dec(x)); return m; }
        case "s": { const s = keep(new Set()); for (const x of w.v) s.add(dec(x)); return s; }
        case "e": {
          const C = Object.prototype.hasOwnProperty.call(ERRORS, w.name) ? ERRORS[w.name] : Error;
          return keep(new C(w.message));
        }
        case "box": { const i = made.length; made.push(null); made[i] = Object(dec(w.v)); return made[i]; }
        case "o": { const o = keep({}); for (const [k, x] of w.v) o[k] = dec(x); return o; }
      }
      throw new Error("internal error: unknown storage value tag " + w.$);
    };
    return dec(JSON.parse(text));
  }

  // ---------------------------------------------------------------------------------------------
  // Ids, namespaces and stubs (the caller's side).
  const idHex = new WeakMap(); // DurableObjectId -> 64 lowercase hex digits

  class DurableObjectId {
    #name;
    constructor(key, hex, name) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      idHex.set(this, hex);
      this.#name = name;
    }
    toString() { return idHex.get(this); }
    equals(other) { return other instanceof DurableObjectId && idHex.get(other) === idHex.get(this); }
    get name() { return this.#name; }
  }
  idl(DurableObjectId, "DurableObjectId");

  function checkJurisdiction(options) {
    if (options !== undefined && options !== null && options.jurisdiction !== undefined) {
      throw new Error(NOT_SUPPORTED_JURISDICTION);
    }
  }

  class DurableObjectNamespace {
    #ops;
    constructor(key, ops) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#ops = ops;
    }
    newUniqueId(options = undefined) {
      checkJurisdiction(options);
      return new DurableObjectId(kCreate, this.#ops.newUniqueId(), undefined);
    }
    idFromName(name) {
      if (arguments.length === 0) throw new TypeError("Failed to execute 'idFromName' on 'DurableObjectNamespace': parameter 1 is not of type 'string'.");
      name = String(name);
      return new DurableObjectId(kCreate, this.#ops.idFromName(name), name);
    }
    idFromString(id) {
      id = String(id);
      if (!/^[0-9a-fA-F]{64}$/.test(id)) throw new TypeError("Invalid Durable Object ID: must be 64 hex digits");
      const hex = id.toLowerCase();
      if (!this.#ops.belongs(hex)) throw new TypeError("Durable Object ID is not valid for this namespace.");
      return new DurableObjectId(kCreate, hex, undefined);
    }
    get(id, options = undefined) {
      if (!(id instanceof DurableObjectId)) {
        throw new TypeError("Failed to execute 'get' on 'DurableObjectNamespace': parameter 1 is not of type 'DurableObjectId'.");
      }
      checkJurisdiction(options);
      if (!this.#ops.belongs(idHex.get(id))) throw new TypeError("Durable Object ID is not valid for this namespace.");
      return makeStub(this.#ops, id, id.name);
    }
    getByName(name, options = undefined) {
      checkJurisdiction(options);
      const id = this.idFromName(name);
      return makeStub(this.#ops, id, id.name);
    }
    getExisting(id, options = undefined) { return this.get(id, options); }
    jurisdiction(jurisdiction) {
      throw new Error(NOT_SUPPORTED_JURISDICTION);
    }
  }
  idl(DurableObjectNamespace, "DurableObjectNamespace");

  // One event to the object behind a stub; resolves to the decoded result. The host answers "R" +
  // result wire, "E" + an error the object's code threw (workerd marks those `remote`), or "A" + the
  // reason the object aborted with (the stub stays broken with it, as workerd's does).
  function invoke(state, kind, method, payloadWire) {
    if (state.broken !== null) return Promise.reject(state.broken);
    return new Promise((resolve, reject) => {
      hostReply(state, resolve, reject, (done) => state.ops.invoke(idHex.get(state.id), state.id.name ?? null, kind, method,
        payloadWire, done, (name, message, stack) => reject(rpcError(name, message, stack))));
    });
  }
  function hostReply(state, resolve, reject, send) {
    send((text) => {
      if (text[0] === "R") { resolve($.rpcDecode(text.slice(1))); return; }
      const [name, message, stack] = JSON.parse(text.slice(1));
      // A DOMException (DataCloneError from an unserializable result) keeps its name (recorded).
      const err = name === "DataCloneError" ? new DOMException(message, name) : rpcError(name, message, stack);
      if (text[0] === "E") err.remote = true; else state.broken = err;
      reject(err);
    });
  }

  const stubState = new WeakMap(); // stub target -> { ops, id, name }

  // The stub's class: called or constructed by user code it throws, as workerd's does.
  function DurableObject$Stub() { throw new TypeError("Illegal constructor"); }
  Object.defineProperty(DurableObject$Stub, "name", { value: "DurableObject" });
  Object.defineProperties(DurableObject$Stub.prototype, {
    id: { get() { return stubState.get(this).id; }, configurable: true },
    name: { get() { return stubState.get(this).name; }, configurable: true },
    fetch: {
      value: function fetch(input, init = undefined) {
        const s = stubState.get(this);
        if (s === undefined) return Promise.reject(new TypeError("Illegal invocation"));
        return stubFetch(s, input, init);
      },
      writable: true, configurable: true,
    },
  });
  idl(DurableObject$Stub, "DurableObject");

  async function stubFetch(s, input, init) {
    if (typeof input === "string" || input instanceof URL) {
      const text = String(input);
      if (!URL.canParse(text)) {
        if ($.compat.durable_object_fetch_requires_full_url) throw new TypeError(`Invalid URL: ${text}`);
        input = new URL(text, "http://fake-host").href; // before 2021-11-10 relative URLs were resolved
      }
    }
    const request = new Request(input, init);
    const body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
    const wire = await rpcEncode({ method: request.method, url: request.url, headers: [...request.headers], body });
    const r = await invoke(s, "fetch", "fetch", wire);
    if (r.webSocket !== null) { // the object answered with a WebSocket: this isolate gets one joined to it
      const pair = new WebSocketPair();
      pipe(pair[1], s.ops.socketBridge(r.webSocket));
      return new Response(null, { status: 101, statusText: r.statusText, headers: r.headers, webSocket: pair[0] });
    }
    const nullBody = r.status === 101 || r.status === 204 || r.status === 205 || r.status === 304;
    return new Response(nullBody ? null : r.body, { status: r.status, statusText: r.statusText, headers: r.headers });
  }

  // Joins a WebSocket of this isolate to a bridge end (SocketBridge.java): what one receives, the
  // other's peer sends.
  function pipe(ws, end) {
    ws.accept();
    ws.addEventListener("message", (e) => {
      if (typeof e.data === "string") end.sendText(e.data); else end.sendBinary(bytesToText(new Uint8Array(e.data)));
    });
    ws.addEventListener("close", (e) => end.close(e.code, e.reason));
    end.attach({
      text: (t) => ws.send(t),
      binary: (b) => ws.send(textToBytes(b)),
      close: (code, reason) => {
        try {
          if (code === 1005 || code === 1006) ws.close(); else ws.close(code, reason);
        } catch { /* this end is closed already */ }
      },
    });
  }

  function makeStub(ops, id, name) {
    const target = Object.create(DurableObject$Stub.prototype);
    const state = { ops, id, name, broken: null };
    stubState.set(target, state);
    const methods = new Map();
    // A Proxy: every other property name is an RPC method of the object.
    return new Proxy(target, {
      get(t, prop) {
        if (typeof prop === "symbol" || prop in t) {
          const v = Reflect.get(t, prop, t);
          return typeof v === "function" && prop !== "constructor" ? v.bind(t) : v;
        }
        if (prop === "then") return undefined; // `await stub` gives the stub
        let m = methods.get(prop);
        if (m === undefined) {
          m = (...args) => rpcEncodeCall(args).then((wire) => invoke(state, "rpc", prop, wire));
          // `await stub.prop` reads a property (a getter of the class) instead of calling it.
          Object.defineProperty(m, "then", {
            value: (onFulfilled, onRejected) => invoke(state, "get", prop, "[]").then(onFulfilled, onRejected),
          });
          methods.set(prop, m);
        }
        return m;
      },
    });
  }

  function makeNamespace(ops) {
    return new DurableObjectNamespace(kCreate, ops);
  }

  // ---------------------------------------------------------------------------------------------
  // The host's side: storage, state, the gate, and event dispatch.

  class DurableObjectTransaction {
    #storage; #ended = false; #rolledBack = false;
    constructor(key, storage) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#storage = storage;
    }
    get(keys, options) { return this.#storage.get(keys, options); }
    put(keys, value, options) { return this.#storage.put(keys, value, options); }
    delete(keys, options) { return this.#storage.delete(keys, options); }
    list(options) { return this.#storage.list(options); }
    deleteAll(options) { return this.#storage.deleteAll(options); }
    getAlarm(options) { return this.#storage.getAlarm(options); }
    setAlarm(time, options) { return this.#storage.setAlarm(time, options); }
    deleteAlarm(options) { return this.#storage.deleteAlarm(options); }
    rollback() {
      if (this.#rolledBack) return;
      this.#rolledBack = true;
    }
    static _rolledBack(t) { return t.#rolledBack; }
  }
  const rolledBack = DurableObjectTransaction._rolledBack;
  delete DurableObjectTransaction._rolledBack;
  idl(DurableObjectTransaction, "DurableObjectTransaction");

  function keyText(key) {
    return String(key);
  }

  class DurableObjectStorage {
    #store; #object; #flush = null; #sql = null; #open = 0;
    constructor(key, store, object) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#store = store;
      this.#object = object;
    }

    // Commits the writes made so far once the events already queued on the loop have run: they
    // write into the same open transaction, so a burst of events shares one commit (one sync)
    // instead of one each. The promise settles after the commit.
    #commitSoon() {
      if (this.#flush === null) {
        this.#flush = new Promise((resolve, reject) => {
          this.#object.hostOps.later(() => {
            this.#flush = null;
            try {
              this.#store.flush();
              resolve();
            } catch (err) {
              reject(new Error(String(err && err.message || err)));
            }
          });
        });
        this.#flush.catch(() => {});
      }
      return this.#flush;
    }
    static _commitSoon(s) { return s.#commitSoon(); }
    static _sqlite(s) { return s.#object.sqlite; }

    get(keys, options = undefined) {
      const store = this.#store;
      if (Array.isArray(keys)) {
        const out = new Map();
        for (const k of keys.map(keyText).sort(compareUtf8)) {
          const text = store.get(k);
          if (text !== null) out.set(k, deserialize(text));
        }
        return Promise.resolve(out);
      }
      const text = store.get(keyText(keys));
      return Promise.resolve(text === null ? undefined : deserialize(text));
    }

    put(keys, value = undefined, options = undefined) {
      if (keys !== null && typeof keys === "object") {
        const entries = Object.entries(keys).map(([k, v]) => [k, serialize(v)]);
        for (const [k, text] of entries) this.#store.put(k, text);
        return this.#commitSoon();
      }
      if (value === undefined) return Promise.reject(new TypeError("put() called with undefined value."));
      const text = serialize(value);
      this.#store.put(keyText(keys), text);
      return this.#commitSoon();
    }

    delete(keys, options = undefined) {
      if (Array.isArray(keys)) {
        let count = 0;
        for (const k of keys) if (this.#store.delete(keyText(k))) count++;
        return this.#commitSoon().then(() => count);
      }
      const existed = this.#store.delete(keyText(keys));
      return this.#commitSoon().then(() => existed);
    }

    list(options = undefined) {
      const o = options ?? {};
      if (o.start !== undefined && o.startAfter !== undefined) {
        return Promise.reject(new TypeError("list() cannot be called with both start and startAfter values."));
      }
      let limit = 0;
      if (o.limit !== undefined) {
        limit = Number(o.limit);
        if (!(limit > 0)) return Promise.reject(new TypeError("List limit must be positive."));
      }
      const text = (v) => (v === undefined ? null : String(v));
      const rows = JSON.parse(this.#store.list(text(o.start), text(o.startAfter), text(o.end), text(o.prefix),
        Boolean(o.reverse), Math.min(limit, 2147483647)));
      return Promise.resolve(new Map(rows.map(([k, v]) => [k, deserialize(v)])));
    }

    deleteAll(options = undefined) {
      this.#store.deleteAll(Boolean($.compat.delete_all_deletes_alarm));
      return this.#commitSoon();
    }

    async transaction(closure) {
      this.#store.begin();
      this.#open++;
      const txn = new DurableObjectTransaction(kCreate, this);
      let kept = false;
      try {
        const result = await closure(txn);
        kept = !rolledBack(txn);
        return result;
      } finally {
        this.#open--;
        this.#store.end(kept);
        await this.#commitSoon();
      }
    }

    transactionSync(closure) {
      this.#store.begin();
      let kept = false;
      try {
        const result = closure();
        kept = true;
        return result;
      } finally {
        this.#store.end(kept);
        this.#commitSoon();
      }
    }

    sync() { return this.#commitSoon(); }

    getAlarm(options = undefined) {
      return Promise.resolve(this.#store.getAlarm());
    }

    setAlarm(scheduledTime, options = undefined) {
      let at;
      if (scheduledTime instanceof Date) at = scheduledTime.getTime();
      else if (typeof scheduledTime === "number") at = scheduledTime;
      else return Promise.reject(new TypeError("Failed to execute 'setAlarm' on 'DurableObjectStorage': parameter 1 is not of type 'date'."));
      if (typeof this.#object.cls.prototype.alarm !== "function") {
        return Promise.reject(new TypeError("Your Durable Object class must have an alarm() handler in order to call setAlarm()"));
      }
      this.#store.setAlarm(at);
      return this.#commitSoon();
    }

    deleteAlarm(options = undefined) {
      this.#store.deleteAlarm();
      return this.#commitSoon();
    }

    get sql() {
      if (this.#sql === null) this.#sql = new SqlStorage(kCreate, this.#store, this);
      return this.#sql;
    }

    getCurrentBookmark() { return Promise.reject(new Error("Point-in-time recovery is not supported by the local simulator.")); }
    getBookmarkForTime() { return this.getCurrentBookmark(); }
    onNextSessionRestoreBookmark() { return this.getCurrentBookmark(); }
  }
  const commitSoon = DurableObjectStorage._commitSoon;
  delete DurableObjectStorage._commitSoon;
  const sqliteBacked = DurableObjectStorage._sqlite;
  delete DurableObjectStorage._sqlite;
  idl(DurableObjectStorage, "DurableObjectStorage");

  // JS strings compare by UTF-16 units; storage orders keys by UTF-8 bytes (they differ above U+FFFF).
  function compareUtf8(a, b) {
    const x = utf8.encode(a), y = utf8.encode(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  function sqlBinding(v) {
    if (v === null || v === undefined) return null;
    if (typeof v === "number" || typeof v === "string") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "bigint") return Number(v);
    if (v instanceof ArrayBuffer) return { blob: [...new Uint8Array(v)] };
    if (ArrayBuffer.isView(v)) return { blob: [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)] };
    throw new TypeError("Unsupported type for SQL binding: " + Object.prototype.toString.call(v));
  }

  const SQL_NOT_ENABLED = "SQL is not enabled for this Durable Object class. To enable it, change `new_classes` to "
    + "`new_sqlite_classes` within the 'migrations' field in your wrangler.jsonc or wrangler.toml file. If using workerd "
    + "directly,set `enableSql = true` in your workerd config for the class. Note that this change cannot be made after "
    + "the class is already deployed to production.";
  function requireSql(storage) {
    if (!sqliteBacked(storage)) throw new Error(SQL_NOT_ENABLED);
  }

  class SqlStorage {
    #store; #storage;
    constructor(key, store, storage) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#store = store;
      this.#storage = storage;
    }
    exec(query, ...bindings) {
      requireSql(this.#storage);
      const text = this.#store.exec(String(query), JSON.stringify(bindings.map(sqlBinding)));
      commitSoon(this.#storage);
      if (text.startsWith("!")) throw new Error(text.slice(1));
      return new SqlStorageCursor(kCreate, JSON.parse(text));
    }
    get databaseSize() {
      requireSql(this.#storage);
      return this.#store.databaseSize();
    }
  }
  idl(SqlStorage, "SqlStorage");

  function sqlValue(v) {
    return Array.isArray(v) ? Uint8Array.from(v).buffer : v; // a BLOB arrives as its bytes
  }

  class SqlStorageCursor {
    #columns; #rows; #at = 0; #read; #written;
    constructor(key, result) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#columns = result.columns;
      this.#rows = result.rows;
      this.#read = result.read;
      this.#written = result.written;
    }
    #nextRow() {
      return this.#at < this.#rows.length ? this.#rows[this.#at++].map(sqlValue) : null;
    }
    #asObject(row) {
      const o = {};
      this.#columns.forEach((c, i) => { o[c] = row[i]; });
      return o;
    }
    next() {
      const row = this.#nextRow();
      return row === null ? { done: true, value: undefined } : { done: false, value: this.#asObject(row) };
    }
    toArray() {
      const out = [];
      for (let row = this.#nextRow(); row !== null; row = this.#nextRow()) out.push(this.#asObject(row));
      return out;
    }
    one() {
      const row = this.#nextRow();
      if (row === null) throw new Error("Expected exactly one result from SQL query, but got no results.");
      if (this.#at < this.#rows.length) throw new Error("Expected exactly one result from SQL query, but got multiple results.");
      return this.#asObject(row);
    }
    raw() {
      const next = () => {
        const row = this.#nextRow();
        return row === null ? { done: true, value: undefined } : { done: false, value: row };
      };
      return { next, toArray() { const out = []; for (let r = next(); !r.done; r = next()) out.push(r.value); return out; },
        [Symbol.iterator]() { return this; } };
    }
    get columnNames() { return [...this.#columns]; }
    get rowsRead() { return this.#read; }
    get rowsWritten() { return this.#written; }
    [Symbol.iterator]() { return this; }
  }
  idl(SqlStorageCursor, "SqlStorageCursor");

  // Holds back events while blockConcurrencyWhile() runs; each waiter re-checks when woken.
  class Gate {
    #blocked = 0; #waiting = [];
    enter() {
      if (this.#blocked === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const retry = () => { if (this.#blocked === 0) resolve(); else this.#waiting.push(retry); };
        this.#waiting.push(retry);
      });
    }
    async block(fn) {
      this.#blocked++;
      try {
        return await fn();
      } finally {
        if (--this.#blocked === 0) {
          const waiting = this.#waiting;
          this.#waiting = [];
          waiting.forEach((w) => w());
        }
      }
    }
  }

  const objectOf = new WeakMap(); // DurableObjectState -> its object's record

  class WebSocketRequestResponsePair {
    #request; #response;
    constructor(request, response) {
      if (arguments.length < 2) throw new TypeError("Failed to construct 'WebSocketRequestResponsePair': 2 arguments required.");
      this.#request = String(request);
      this.#response = String(response);
    }
    get request() { return this.#request; }
    get response() { return this.#response; }
  }
  idl(WebSocketRequestResponsePair, "WebSocketRequestResponsePair");
  if (!("WebSocketRequestResponsePair" in globalThis)) expose("WebSocketRequestResponsePair", WebSocketRequestResponsePair);

  class DurableObjectState {
    constructor(key, object) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      objectOf.set(this, object);
      Object.defineProperties(this, {
        id: { value: object.id, enumerable: true },
        storage: { value: object.storage, enumerable: true },
        container: { value: undefined, enumerable: true },
        facets: { value: Object.freeze({}), enumerable: true },
        props: { value: Object.freeze({}), enumerable: true },
      });
    }
    waitUntil(promise) { Promise.resolve(promise).catch((err) => $.reportUncaught(err)); }
    blockConcurrencyWhile(callback) { return objectOf.get(this).gate.block(callback); }
    abort(reason = undefined) { throw objectOf.get(this).abort(reason === undefined ? "Durable Object was aborted." : reason); }
    // Hibernatable WebSockets: events of an accepted socket reach the object's webSocketMessage /
    // webSocketClose / webSocketError through its gate, one at a time like any other event.
    acceptWebSocket(ws, tags = undefined) {
      const o = objectOf.get(this);
      if (!$.isWebSocket(ws)) throw new TypeError("Failed to execute 'acceptWebSocket' on 'DurableObjectState': parameter 1 is not of type 'WebSocket'.");
      const list = tags === undefined || tags === null ? [] : [...tags].map(String);
      if (list.length > 10) throw new Error("A WebSocket can have a maximum of 10 tags.");
      if (list.some((t) => t.length > 256)) throw new Error("A WebSocket tag must be at most 256 characters.");
      ws.accept();
      o.sockets.set(ws, list);
      const handle = (method, ...args) => o.gate.enter()
        .then(() => { const inst = o.instance; if (typeof inst[method] === "function") return inst[method](ws, ...args); })
        .catch((err) => $.reportUncaught(err));
      ws.addEventListener("message", (e) => {
        const auto = o.autoResponse;
        if (auto !== null && e.data === auto.request) { ws.send(auto.response); o.autoTimes.set(ws, new Date()); return; }
        handle("webSocketMessage", e.data);
      });
      ws.addEventListener("close", (e) => { o.sockets.delete(ws); handle("webSocketClose", e.code, e.reason, e.wasClean); });
      ws.addEventListener("error", (e) => handle("webSocketError", e.error ?? new Error(e.message)));
    }
    getWebSockets(tag = undefined) {
      const all = [...objectOf.get(this).sockets];
      return (tag === undefined ? all : all.filter(([, tags]) => tags.includes(String(tag)))).map(([ws]) => ws);
    }
    getTags(ws) {
      const tags = objectOf.get(this).sockets.get(ws);
      if (tags === undefined) throw new TypeError("getTags() was called on a WebSocket that was not accepted with acceptWebSocket().");
      return [...tags];
    }
    setWebSocketAutoResponse(pair = undefined) {
      if (pair !== undefined && !(pair instanceof WebSocketRequestResponsePair)) {
        throw new TypeError("Failed to execute 'setWebSocketAutoResponse' on 'DurableObjectState': parameter 1 is not of type 'WebSocketRequestResponsePair'.");
      }
      objectOf.get(this).autoResponse = pair === undefined ? null : { request: pair.request, response: pair.response };
    }
    getWebSocketAutoResponse() {
      const auto = objectOf.get(this).autoResponse;
      return auto === null ? null : new WebSocketRequestResponsePair(auto.request, auto.response);
    }
    getWebSocketAutoResponseTimestamp(ws) { return objectOf.get(this).autoTimes.get(ws) ?? null; }
    setHibernatableWebSocketEventTimeout(ms = undefined) {}
    getHibernatableWebSocketEventTimeout() { return null; }
  }
  idl(DurableObjectState, "DurableObjectState");

  // RPC may reach the methods of the class's prototypes, except these.
  const HANDLERS = new Set(["alarm", "webSocketMessage", "webSocketClose", "webSocketError"]);
  const NEVER = new Set(["fetch", "connect", "dup", "then", "__proto__"]);

  function rpcMethod(instance, method) {
    if (method === "constructor") throw new TypeError("Illegal constructor");
    if (HANDLERS.has(method)) throw new TypeError(`'${method}' is a reserved method and cannot be called over RPC.`);
    if (!NEVER.has(method)) {
      for (let p = Object.getPrototypeOf(instance); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
        const d = Object.getOwnPropertyDescriptor(p, method);
        if (d === undefined) continue;
        if (typeof d.value === "function") return d.value;
        break;
      }
    }
    throw new TypeError(`The RPC receiver does not implement the method "${method}".`);
  }

  function rpcProperty(instance, name) {
    if (HANDLERS.has(name) || NEVER.has(name) || name === "constructor") return undefined;
    for (let p = Object.getPrototypeOf(instance); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (d === undefined) continue;
      if (d.get !== undefined) return d.get.call(instance);
      return d.value;
    }
    return undefined;
  }

  async function runEvent(object, kind, method, payload) {
    await object.gate.enter();
    if (object.aborted !== null) throw object.aborted;
    const instance = object.instance;
    if (kind === "get") return rpcEncodeCall(await rpcProperty(instance, method));
    if (kind === "rpc") {
      const fn = rpcMethod(instance, method);
      return rpcEncodeCall(await fn.apply(instance, $.rpcDecode(payload)));
    }
    if (kind === "alarm") {
      if (typeof instance.alarm !== "function") throw new Error("Durable Object class has no alarm() handler.");
      await instance.alarm($.rpcDecode(payload));
      return rpcEncode(undefined);
    }
    const r = $.rpcDecode(payload);
    if (typeof instance.fetch !== "function") throw new Error("Handler does not export a fetch() function.");
    const request = new Request(r.url, { method: r.method, headers: r.headers, body: r.body });
    const response = await instance.fetch(request);
    if (!(response instanceof Response)) throw new TypeError("Incorrect type for Promise: the Promise did not resolve to 'Response'.");
    let webSocket = null;
    if (response.webSocket) {
      const end = object.hostOps.newSocketBridge();
      pipe(response.webSocket, end);
      webSocket = end.id();
    }
    const body = response.body === null || webSocket !== null ? null : new Uint8Array(await response.arrayBuffer());
    return rpcEncode({ status: response.status, statusText: response.statusText, headers: [...response.headers], body, webSocket });
  }

  function makeHost(ops, config) {
    const objects = new Map(); // "Class/hex" -> record

    function objectFor(className, hex, name) {
      const key = className + "/" + hex;
      let object = objects.get(key);
      if (object !== undefined) return object;
      const cls = moduleExport(className);
      if (typeof cls !== "function") {
        throw new Error(`Durable Object class "${className}" is not exported by this worker's main module.`);
      }
      // The name an object was first made by stays with it, even when reached by idFromString later.
      const known = name ?? ops.nameOf(className, hex);
      object = {
        cls, gate: new Gate(), id: new DurableObjectId(kCreate, hex, known ?? undefined),
        aborted: null, hostOps: ops, sockets: new Map(), autoResponse: null, autoTimes: new WeakMap(),
        sqlite: config.sqlite[className] === true,
        // ctx.abort(): the instance is dropped; events still queued for it fail with the reason.
        abort: (reason) => {
          if (objects.get(key) === object) objects.delete(key);
          if (object.aborted === null) object.aborted = reason instanceof Error ? reason : new Error(String(reason));
          return object.aborted;
        },
      };
      object.storage = new DurableObjectStorage(kCreate, ops.storage(className, hex, name), object);
      const state = new DurableObjectState(kCreate, object);
      objects.set(key, object);
      try {
        object.instance = new cls(state, $.env); // the constructor runs before the object's first event
      } catch (err) {
        objects.delete(key);
        throw err;
      }
      return object;
    }

    // Errors of the object's code reach the caller marked remote; a failed constructor or an abort not.
    ops.attach(function dispatch(className, hex, name, kind, method, payload, done) {
      let object;
      try {
        object = objectFor(className, hex, name);
      } catch (err) {
        const [n, m, s] = errorParts(err);
        done.reject(n, m, s);
        return;
      }
      runEvent(object, kind, method, payload).then((wire) => done.resolve("R" + wire), (err) => {
        const aborted = object.aborted !== null;
        const [n, m, s] = errorParts(aborted ? object.aborted : err);
        done.resolve((aborted ? "A" : "E") + JSON.stringify([n, m, s]));
      });
    });
    return notInEnv;
  }

  return { durable_object_namespace: makeNamespace, durable_object_host: makeHost };
})
