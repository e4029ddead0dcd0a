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
  "CREATE INDEX IF NOT EXISTS xi ON x(v)",
  "PRAGMA index_info(xi)",
  "PRAGMA index_xinfo(xi)",
  "PRAGMA collation_list",
  "PRAGMA pragma_list",
  "PRAGMA module_list",
  "PRAGMA wal_checkpoint",
  "PRAGMA shrink_memory",
  "PRAGMA incremental_vacuum",
  "PRAGMA auto_vacuum",
  "PRAGMA max_page_count",
  "PRAGMA query_only",
  "PRAGMA secure_delete",
  "PRAGMA automatic_index",
  "PRAGMA cell_size_check",
  "PRAGMA trusted_schema",
  "PRAGMA hard_heap_limit",
  "PRAGMA soft_heap_limit",
  "PRAGMA threads",
  "PRAGMA locking_mode",
  "PRAGMA page_size = 8192",
  "PRAGMA foreign_keys = OFF",
  "PRAGMA case_sensitive_like",
  "PRAGMA legacy_alter_table",
  "PRAGMA count_changes",
  "PRAGMA full_column_names",
  "PRAGMA stats",
  "PRAGMA temp.table_info(x)",
  "PRAGMA quick_check(5)",
  "PRAGMA integrity_check(x)",
  "PRAGMA optimize(0x10002)",
  "PRAGMA table_list(x)",
  "SELECT * FROM pragma_index_list('x')",
  "SELECT * FROM pragma_quick_check",
  "SELECT * FROM pragma_function_list",
  "SELECT sqlite_version() IS NOT NULL AS ok",
  "SELECT sqlite_source_id()",
  "SELECT sqlite_compileoption_used('x')",
  "SELECT fts5_source_id()",
  "SELECT printf('%d', 1) AS p, hex('a') AS h, likely(1) AS l, iif(1,2,3) AS i, format('%s','a') AS f",
  "CREATE TRIGGER tr AFTER INSERT ON x BEGIN SELECT 1; END",
  "CREATE VIEW vv AS SELECT * FROM x",
  "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c WHERE n<3) SELECT count(*) AS n FROM c",
  "SELECT * FROM x; ATTACH ':memory:' AS z",
  "EXPLAIN ATTACH ':memory:' AS z",
  "SELECT * FROM main.sqlite_master LIMIT 0",
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
