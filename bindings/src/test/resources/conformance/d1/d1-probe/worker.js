async function t(f) {
  try { const v = await f(); return { ok: v === undefined ? "undefined" : v }; }
  catch (e) { return { name: e.name, message: e.message, cause: e.cause ? String(e.cause) : undefined, causeName: e.cause?.name, ctor: e.constructor?.name }; }
}
const m = (r) => { const x = { ...r.meta }; delete x.duration; delete x.timings; delete x.served_by; delete x.size_after; return { keys: Object.keys(r), metaKeys: Object.keys(r.meta), meta: x, results: r.results }; };
export default {
  async fetch(request, env) {
    const db = env.DB;
    const p = new URL(request.url).pathname;
    const out = {};
    if (p === "/setup") {
      out.exec = await t(() => db.exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT, v REAL, b BLOB);\nCREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT);\n INSERT INTO t (name) VALUES ('x');").then(r => ({ keys: Object.keys(r), count: r.count, dtype: typeof r.duration })));
      out.execErr = await t(() => db.exec("SELECT * FROM nope;"));
      out.execSyntax = await t(() => db.exec("SELEC 1"));
      out.execEmpty = await t(() => db.exec(""));
      return Response.json(out);
    }
    if (p === "/errors") {
      out.noTable = await t(() => db.prepare("SELECT * FROM nope").all());
      out.syntax = await t(() => db.prepare("SELEC 1").all());
      out.prepareSyntaxSync = (() => { try { db.prepare("SELEC 1"); return "no throw"; } catch (e) { return e.message; } })();
      out.undef = await t(() => db.prepare("SELECT ?").bind(undefined).all());
      out.undefSync = (() => { try { db.prepare("SELECT ?").bind(undefined); return "no throw"; } catch (e) { return e.name + ": " + e.message; } })();
      out.obj = await t(() => db.prepare("SELECT ? AS x").bind({ a: 1 }).first());
      out.bigint = await t(() => db.prepare("SELECT ? AS x").bind(5n).first());
      out.func = await t(() => db.prepare("SELECT ? AS x").bind(() => 1).first());
      out.sym = await t(() => db.prepare("SELECT ? AS x").bind(Symbol("s")).first());
      out.date = await t(() => db.prepare("SELECT ? AS x").bind(new Map()).first());
      out.arr = await t(() => db.prepare("SELECT ? AS x").bind([1, 2]).first());
      out.tooFew = await t(() => db.prepare("SELECT ? AS a, ? AS b").bind(1).first());
      out.tooMany = await t(() => db.prepare("SELECT ? AS a").bind(1, 2).first());
      out.named = await t(() => db.prepare("SELECT :x AS a").bind(1).first());
      out.unique = await t(() => db.prepare("INSERT INTO kv (k, v) VALUES ('a', '1'), ('a', '2')").run());
      out.notnull = await t(() => db.prepare("CREATE TABLE IF NOT EXISTS nn (x TEXT NOT NULL)").run().then(() => db.prepare("INSERT INTO nn VALUES (NULL)").run()));
      out.begin = await t(() => db.prepare("BEGIN TRANSACTION").run());
      out.savepoint = await t(() => db.prepare("SAVEPOINT a").run());
      out.emptyPrepare = await t(() => db.prepare("").all());
      out.twoStatements = await t(() => db.prepare("SELECT 1 AS a; SELECT 2 AS b").all().then(m));
      out.firstBadCol = await t(() => db.prepare("SELECT 1 AS a").first("b"));
      out.firstBadColEmpty = await t(() => db.prepare("SELECT 1 AS a WHERE 0").first("b"));
      out.prepareNoArg = (() => { try { db.prepare(); return "no throw"; } catch (e) { return e.name + ": " + e.message; } })();
      out.batchNotArray = await t(() => db.batch("x"));
      out.batchEmpty = await t(() => db.batch([]));
      out.rawBad = await t(() => db.prepare("SELECT 1 AS a").raw({ columnNames: "yes" }));
      return Response.json(out);
    }
    if (p === "/types") {
      out.types = await t(() => db.prepare("SELECT ? AS t, typeof(?) AS tt, ? AS f, typeof(?) AS ft, ? AS ab, ? AS dv, ? AS u16, typeof(?) AS it, ? AS neg, ? AS big, ? AS nan").bind(true, true, false, 1.0, new Uint8Array([9, 8]).buffer, new DataView(new Uint8Array([7]).buffer), new Uint16Array([258]), 3, -0, 2 ** 60, NaN).first());
      out.inf = await t(() => db.prepare("SELECT ? AS x").bind(Infinity).first());
      out.emptyBlob = await t(() => db.prepare("SELECT ? AS x, typeof(?) AS t").bind(new Uint8Array(0), new Uint8Array(0)).first());
      out.bigRead = await t(() => db.prepare("SELECT 9223372036854775807 AS x, -9223372036854775808 AS y, 1e308*10 AS z").first());
      out.json = await t(() => db.prepare("SELECT json_extract('{\"a\":{\"b\":[1,2]}}', '$.a.b[1]') AS x, json_object('k', 1) AS o").first());
      out.dupCols = await t(() => db.prepare("SELECT 1 AS a, 2 AS a").all().then(r => r.results));
      out.dupColsRaw = await t(() => db.prepare("SELECT 1 AS a, 2 AS a").raw({ columnNames: true }));
      out.rawNoRows = await t(() => db.prepare("SELECT 1 AS a WHERE 0").raw({ columnNames: true }));
      out.ddlRun = await t(() => db.prepare("CREATE TABLE IF NOT EXISTS z (id INTEGER PRIMARY KEY)").run().then(m));
      out.insRun = await t(() => db.prepare("INSERT INTO t (name, v) VALUES (?, ?) RETURNING id, name").bind("r", 1).run().then(m));
      out.insAll = await t(() => db.prepare("INSERT INTO t (name, v) VALUES (?, ?)").bind("s", 2).all().then(m));
      out.upsert = await t(() => db.prepare("INSERT INTO kv (k, v) VALUES ('u', '1') ON CONFLICT(k) DO UPDATE SET v = excluded.v || 'x'").run().then(() => db.prepare("INSERT INTO kv (k, v) VALUES ('u', '2') ON CONFLICT(k) DO UPDATE SET v = excluded.v || 'x'").run()).then(m));
      out.replace = await t(() => db.prepare("INSERT OR REPLACE INTO kv (k, v) VALUES ('u', '3')").run().then(m));
      out.pointSel = await t(() => db.prepare("SELECT * FROM t WHERE id = 1").all().then(m));
      out.count = await t(() => db.prepare("SELECT count(*) AS n FROM t").all().then(m));
      out.scanFilter = await t(() => db.prepare("SELECT * FROM t WHERE name = 'zz'").all().then(m));
      out.limit = await t(() => db.prepare("SELECT * FROM t LIMIT 1").all().then(m));
      out.pragma = await t(() => db.prepare("PRAGMA table_list").all().then(r => r.results.map(x => x.name)));
      out.pragmaFk = await t(() => db.prepare("PRAGMA foreign_keys").first());
      out.journal = await t(() => db.prepare("PRAGMA journal_mode").first());
      out.datetime = await t(() => db.prepare("SELECT typeof(datetime('now')) AS t, length(datetime('now')) AS l").first());
      out.qnum = await t(() => db.prepare("SELECT ?2 AS b, ?1 AS a, ?2 AS b2").bind("A", "B").first());
      out.firstCol = await t(() => db.prepare("SELECT NULL AS a").first("a"));
      out.ddlCreateIdx = await t(() => db.prepare("CREATE INDEX IF NOT EXISTS t_name ON t(name)").run().then(m));
      out.dropIdx = await t(() => db.prepare("DROP INDEX IF EXISTS t_name").run().then(m));
      out.delete = await t(() => db.prepare("DELETE FROM t WHERE name = 's'").run().then(m));
      return Response.json(out);
    }
    if (p === "/batch") {
      await db.prepare("CREATE TABLE IF NOT EXISTS bt (id INTEGER PRIMARY KEY, v TEXT UNIQUE)").run();
      out.ok = await t(() => db.batch([db.prepare("INSERT INTO bt (v) VALUES (?)").bind("a"), db.prepare("SELECT * FROM bt")]).then(rs => rs.map(m)));
      out.fail = await t(() => db.batch([db.prepare("INSERT INTO bt (v) VALUES (?)").bind("b"), db.prepare("INSERT INTO bt (v) VALUES (?)").bind("a")]));
      out.after = await t(() => db.prepare("SELECT v FROM bt ORDER BY id").raw());
      out.sess = await t(() => { const s = db.withSession(); return { keys: Object.keys(s), bm: s.getBookmark() }; });
      out.sess2 = await t(async () => { const s = db.withSession("first-primary"); const r = await s.prepare("SELECT 1 AS a").all(); return { bm: s.getBookmark(), ...m(r) }; });
      out.sessBad = await t(() => db.withSession("bogus").getBookmark());
      out.protoStmt = Object.getOwnPropertyNames(Object.getPrototypeOf(db.prepare("SELECT 1")));
      return Response.json(out);
    }
  },
};
