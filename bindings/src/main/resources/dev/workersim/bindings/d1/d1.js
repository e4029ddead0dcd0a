// bindings/d1/d1.js: the D1 binding (D1Database, D1PreparedStatement, D1DatabaseSession) over SQLite ops.
// Statements cross to Java as one JSON string and results come back as one; BLOBs travel as arrays of
// byte values, which is also how D1 hands them to the worker.
// imports: runtime/internal
(function (runtimeOps, $, imports) {
  "use strict";
  const { fromHost } = imports;
  // Locally there is one primary and no replicas, so every session reads the latest state.
  const BOOKMARK = "00000000-00000000-00000000-00000000000000000000000000000000";

  // "D1_ERROR: detail" becomes an Error with that message whose cause holds the detail, as in workerd.
  function d1Error(message, causeText) {
    const m = String(message);
    const i = m.indexOf(": ");
    const detail = causeText ?? (i >= 0 && /^D1_[A-Z_]+$/.test(m.slice(0, i)) ? m.slice(i + 2) : m);
    return new Error(m, { cause: new Error(detail) });
  }

  // `ops` is this binding's Java half (the factory's argument); host methods are called as its members.
  function call(ops, name, ...args) {
    return new Promise((resolve, reject) => ops[name](...args).then(resolve, (m) => reject(d1Error(m))));
  }

  // D1's bind(): the value as it will be stored, or a D1_TYPE_ERROR thrown at bind time.
  function encode(value) {
    if (value === null) return null;
    switch (typeof value) {
      case "number": return value; // JSON turns NaN and Infinity into null, as D1 stores them
      case "string": return value;
      case "boolean": return value ? 1 : 0;
      case "object":
        if (value instanceof ArrayBuffer) return { blob: Array.from(new Uint8Array(value)) };
        // Like wrangler dev: a view or array is taken element by element, each element as one byte.
        if (ArrayBuffer.isView(value) || Array.isArray(value)) return { blob: Array.from(value) };
    }
    const message = `Type '${typeof value}' not supported for value '${value}'`;
    throw d1Error("D1_TYPE_ERROR: " + message, message);
  }

  function toObjects(r) {
    const cols = r.columns, n = cols.length;
    return r.rows.map((row) => {
      const o = {};
      for (let i = 0; i < n; i++) o[cols[i]] = row[i];
      return o;
    });
  }

  const toResult = (r) => ({ success: true, meta: r.meta, results: toObjects(r) });

  class D1PreparedStatement {
    #sql; #params; #session;
    constructor(session, sql, params) {
      this.#session = session;
      this.#sql = sql;
      this.#params = params;
    }
    static payload(s) { return { sql: String(s.#sql), params: s.#params }; }

    bind(...values) {
      return new D1PreparedStatement(this.#session, this.#sql, values.map(encode));
    }
    async #run() {
      const [r] = await this.#session.send([this], false);
      return r;
    }
    async first(column) {
      const r = await this.#run();
      if (r.rows.length === 0) return null;
      const row = toObjects({ columns: r.columns, rows: [r.rows[0]] })[0];
      if (column === undefined) return row;
      if (!r.columns.includes(column)) throw d1Error(`D1_COLUMN_NOTFOUND: Column not found (${column})`, "Column not found");
      return row[column];
    }
    async run() { return toResult(await this.#run()); }
    async all() { return toResult(await this.#run()); }
    async raw(options) {
      const r = await this.#run();
      return options?.columnNames ? [r.columns, ...r.rows] : r.rows;
    }
  }

  // Where statements are sent; a session also tracks its bookmark.
  class Sender {
    #ops; #bookmark;
    constructor(ops, bookmark) { this.#ops = ops; this.#bookmark = bookmark; }
    get ops() { return this.#ops; }
    get bookmark() { return this.#bookmark; }
    async send(statements, batch) {
      const stmts = statements.map((s) => {
        if (!(s instanceof D1PreparedStatement)) throw d1Error("D1_ERROR: batch() takes D1PreparedStatements, got " + typeof s);
        return D1PreparedStatement.payload(s);
      });
      const json = await call(this.#ops, "run", JSON.stringify({ batch, stmts }));
      if (this.#bookmark === null || this.#bookmark < BOOKMARK) this.#bookmark = BOOKMARK;
      return JSON.parse(json);
    }
  }

  async function runBatch(sender, statements) {
    const results = await sender.send(statements, true);
    return results.map(toResult);
  }

  class D1DatabaseSession {
    #sender;
    constructor(ops, bookmark) { this.#sender = new Sender(ops, bookmark); }
    prepare(query) { return new D1PreparedStatement(this.#sender, query, []); }
    batch(statements) { return runBatch(this.#sender, statements); }
    getBookmark() { return this.#sender.bookmark; }
  }

  class D1Database {
    #sender;
    constructor(ops) { this.#sender = new Sender(ops, null); }
    prepare(query) { return new D1PreparedStatement(this.#sender, query, []); }
    batch(statements) { return runBatch(this.#sender, statements); }
    async exec(query) {
      return JSON.parse(await call(this.#sender.ops, "exec", String(query)));
    }
    withSession(constraintOrBookmark = "first-unconstrained") {
      const c = constraintOrBookmark;
      return new D1DatabaseSession(this.#sender.ops, c === "first-unconstrained" || c === "first-primary" ? null : String(c));
    }
    async dump() {
      const bytes = await call(this.#sender.ops, "dump");
      return fromHost(bytes).buffer;
    }
  }

  return { d1: (ops) => new D1Database(ops) };
})
