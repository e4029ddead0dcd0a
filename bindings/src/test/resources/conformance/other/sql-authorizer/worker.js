import { DurableObject } from "cloudflare:workers";

// Each statement on its own; its rows or its error message.
const STATEMENTS = [
  "CREATE TABLE IF NOT EXISTS x (id INTEGER PRIMARY KEY, v TEXT)",
  "INSERT INTO x (v) VALUES ('a')",
  "ATTACH DATABASE '/tmp/workersim-authz-probe.db' AS v",
  "ATTACH DATABASE ':memory:' AS m",
  "ATTACH ':memory:' AS m2",
  "DETACH DATABASE v",
  "DETACH m",
  "VACUUM INTO '/tmp/workersim-authz-probe-vacuum.db'",
  "VACUUM",
  "VACUUM main",
  "SELECT load_extension('/tmp/nothing')",
  "PRAGMA database_list",
  "SELECT * FROM pragma_database_list",
  "SELECT name FROM pragma_table_info('x')",
  "PRAGMA table_info(x)",
  "PRAGMA table_xinfo(x)",
  "PRAGMA index_list(x)",
  "PRAGMA foreign_keys",
  "PRAGMA foreign_keys = ON",
  "PRAGMA foreign_key_check",
  "PRAGMA foreign_key_list(x)",
  "PRAGMA defer_foreign_keys",
  "PRAGMA defer_foreign_keys = ON",
  "PRAGMA journal_mode",
  "PRAGMA journal_mode = DELETE",
  "PRAGMA user_version",
  "PRAGMA user_version = 3",
  "PRAGMA schema_version",
  "PRAGMA application_id",
  "PRAGMA writable_schema",
  "PRAGMA writable_schema = ON",
  "PRAGMA quick_check",
  "PRAGMA integrity_check",
  "PRAGMA page_size",
  "PRAGMA page_count",
  "PRAGMA cache_size",
  "PRAGMA synchronous",
  "PRAGMA case_sensitive_like = ON",
  "PRAGMA recursive_triggers",
  "PRAGMA legacy_alter_table = ON",
  "PRAGMA reverse_unordered_selects",
  "PRAGMA optimize",
  "PRAGMA analysis_limit",
  "PRAGMA compile_options",
  "PRAGMA function_list",
  "PRAGMA temp_store",
  "PRAGMA mmap_size",
  "PRAGMA busy_timeout",
  "PRAGMA freelist_count",
  "PRAGMA ignore_check_constraints",
  "PRAGMA encoding",
  "PRAGMA main.table_info(x)",
  "PRAGMA nonexistent_pragma",
  "SELECT name FROM sqlite_master WHERE name = 'x'",
  "SELECT name FROM sqlite_schema WHERE name = 'x'",
  "SELECT count(*) AS n FROM sqlite_temp_master",
  "UPDATE sqlite_master SET sql = '' WHERE name = 'x'",
  "CREATE TEMP TABLE t (a)",
  "CREATE TEMPORARY VIEW tv AS SELECT 1",
  "SELECT * FROM temp.sqlite_master",
  "ANALYZE",
  "REINDEX",
  "BEGIN",
  "BEGIN TRANSACTION",
  "COMMIT",
  "ROLLBACK",
  "SAVEPOINT s1",
  "RELEASE s1",
  "ROLLBACK TO s1",
  "END",
  "SELECT zeroblob(10) IS NOT NULL AS ok",
  "SELECT randomblob(4) IS NOT NULL AS ok",
  "SELECT json('{\"a\":1}') AS j",
  "CREATE VIRTUAL TABLE f USING fts5(body)",
  "SELECT * FROM sqlite_dbpage",
  "SELECT x.v FROM x",
  "DROP TABLE IF EXISTS x",
];

function message(e) {
  return String(e && e.message);
}

export class Sql extends DurableObject {
  run() {
    const out = [];
    for (const s of STATEMENTS) {
      try {
        out.push([s, { rows: this.ctx.storage.sql.exec(s).toArray() }]);
      } catch (e) {
        out.push([s, { error: message(e) }]);
      }
    }
    return out;
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/d1") {
      const out = [];
      for (const s of STATEMENTS) {
        try {
          const r = await env.DB.prepare(s).all();
          out.push([s, { rows: r.results }]);
        } catch (e) {
          out.push([s, { error: message(e) }]);
        }
      }
      return Response.json(out);
    }
    if (url.pathname === "/do") {
      const stub = env.OBJ.get(env.OBJ.idFromName("probe"));
      return Response.json(await stub.run());
    }
    return new Response("not found", { status: 404 });
  },
};
