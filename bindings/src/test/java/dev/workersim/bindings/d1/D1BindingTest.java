package dev.workersim.bindings.d1;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.obj;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.Simulator;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.testing.WorkerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env.DB through a worker: the SQLite dialect, batches, exec, dump, sessions, persistence, config errors. */
class D1BindingTest {
    private static final String CONFIG = "[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"x\"\ndatabase_id = \"db-1\"\n";

    // A worker that runs the JS expression given in ?q= (an async function body over `db`) and answers its JSON.
    private static final String WORKER = """
            export default { async fetch(req, env) {
              const q = new URL(req.url).searchParams.get("q");
              try {
                const v = await (new Function("db", "return (async () => { " + q + " })()"))(env.DB);
                return Response.json(v === undefined ? null : v);
              } catch (e) {
                return Response.json({ error: e.message, cause: e.cause?.message }, { status: 500 });
              }
            } };
            """;

    private static WorkerFixture start(Path persist) {
        // The worker runs each query's code with new Function: a harness's need, so allowed here.
        return WorkerFixture.script(WORKER).toml(CONFIG).configure(b -> b.allowEvalInHandlers(true)).persistTo(persist).start();
    }

    /** Runs {@code js} over env.DB in the worker: its value, or {error, cause} when it threw. */
    private static JsonNode q(WorkerFixture worker, String js) {
        return worker.get("/?q=" + java.net.URLEncoder.encode(js, java.nio.charset.StandardCharsets.UTF_8)).json();
    }

    /** What q answers when D1 threw: the message and its cause's message. */
    private static Map<String, Object> error(String message, String cause) {
        return Map.of("error", message, "cause", cause);
    }

    @Test
    void sqliteDialectStatementsWork() {
        try (WorkerFixture worker = start(null)) {
            q(worker, "await db.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT, n INTEGER DEFAULT 0)');");
            assertJson(List.of(Map.of("k", "a", "v", "2")), q(worker, """
                    await db.prepare("INSERT OR REPLACE INTO kv (k, v) VALUES ('a', '1')").run();
                    await db.prepare("INSERT OR REPLACE INTO kv (k, v) VALUES ('a', '2')").run();
                    return (await db.prepare('SELECT k, v FROM kv').all()).results;"""));
            assertJson(Map.of("k", "a", "n", 2), q(worker, """
                    const up = db.prepare("INSERT INTO kv (k, v) VALUES (?, 'x') ON CONFLICT(k) DO UPDATE SET n = n + 1 RETURNING k, n");
                    await up.bind('a').run();
                    return (await up.bind('a').run()).results[0];"""));
            assertJson(Map.of("x", 2, "t", "text", "aff", "integer"), q(worker, """
                    await db.prepare("CREATE TABLE aff (i INTEGER)").run();
                    await db.prepare("INSERT INTO aff VALUES (?)").bind("7").run();
                    return db.prepare("SELECT json_extract(?, '$.a[1]') AS x, typeof(datetime('now')) AS t, typeof(i) AS aff FROM aff").bind('{"a":[1,2]}').first();"""));
            assertJson(List.of("aff", "kv"), q(worker, """
                    const r = await db.prepare("PRAGMA table_list").all();
                    return r.results.map((t) => t.name).filter((n) => !n.startsWith("sqlite_")).sort();"""));
            assertJson(Map.of("foreign_keys", 1), q(worker, "return db.prepare('PRAGMA foreign_keys').first();"));
        }
    }

    @Test
    void eachMethodAndResultField() {
        try (WorkerFixture worker = start(null)) {
            q(worker, "await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, b BLOB)');");
            assertJson(obj("success", true, "changes", 1, "last_row_id", 1, "changed_db", true, "written", 1,
                    "results", List.of(), "size", true,
                    "dur", "number"), q(worker, """
                    const r = await db.prepare('INSERT INTO t (name, b) VALUES (?, ?)').bind('a', new Uint8Array([1, 255])).run();
                    return { success: r.success, changes: r.meta.changes, last_row_id: r.meta.last_row_id, changed_db: r.meta.changed_db,
                      written: r.meta.rows_written, results: r.results, size: r.meta.size_after > 0, dur: typeof r.meta.duration };"""));
            assertJson(obj("all", List.of(Map.of("id", 1, "name", "a", "b", List.of(1, 255))), "read", 1, "first", "a",
                    "raw", List.of(List.of("id", "name", "b"), List.of(1, "a", List.of(1, 255))), "none", null), q(worker, """
                    const s = db.prepare('SELECT * FROM t');
                    const r = await s.all();
                    return { all: r.results, read: r.meta.rows_read, first: await s.first('name'), raw: await s.raw({ columnNames: true }),
                      none: await db.prepare('SELECT * FROM t WHERE id = ?').bind(9).first() };"""));
            assertJson(Map.of("count", 2, "duration", "number"), q(worker, """
                    const r = await db.exec("INSERT INTO t (name) VALUES ('b');\\nINSERT INTO t (name) VALUES ('c');");
                    return { count: r.count, duration: typeof r.duration };"""));
            assertJson(obj("before", null, "after", "00000000-00000000-00000000-00000000000000000000000000000000", "n", 3),
                    q(worker, """
                    const s = db.withSession('first-primary');
                    const before = s.getBookmark();
                    const n = await s.prepare('SELECT count(*) AS n FROM t').first('n');
                    return { before, after: s.getBookmark(), n };"""));
            assertJson(Map.of("bytes", true, "magic", "SQLite format 3"), q(worker, """
                    const buf = await db.dump();
                    return { bytes: buf instanceof ArrayBuffer && buf.byteLength > 0, magic: new TextDecoder().decode(new Uint8Array(buf, 0, 15)) };"""));
        }
    }

    @Test
    void errorsCarryD1PrefixesAndSqliteMessages() {
        try (WorkerFixture worker = start(null)) {
            assertJson(error("D1_ERROR: no such table: nope: SQLITE_ERROR", "no such table: nope: SQLITE_ERROR"),
                    q(worker, "return await db.prepare('SELECT * FROM nope').all();"));
            assertJson(error("D1_TYPE_ERROR: Type 'undefined' not supported for value 'undefined'",
                    "Type 'undefined' not supported for value 'undefined'"),
                    q(worker, "db.prepare('SELECT ?').bind(undefined);"));
            assertJson(error("D1_COLUMN_NOTFOUND: Column not found (z)", "Column not found"),
                    q(worker, "return await db.prepare('SELECT 1 AS a').first('z');"));
            assertJson(error("D1_EXEC_ERROR: Error in line 2: SELECT * FROM nope;: no such table: nope: SQLITE_ERROR",
                    "Error in line 2: SELECT * FROM nope;: no such table: nope: SQLITE_ERROR"),
                    q(worker, "return await db.exec('SELECT 1;\\nSELECT * FROM nope;');"));
            assertJson(error("D1_ERROR: Wrong number of parameter bindings for SQL query.",
                    "Wrong number of parameter bindings for SQL query."),
                    q(worker, "return await db.prepare('SELECT ?, ?').bind(1).all();"));
            assertTrue(q(worker, "return await db.prepare('BEGIN TRANSACTION').run();").toString().contains("please use the state.storage.transaction()"));
            assertJson(error("D1_ERROR: not authorized: SQLITE_AUTH", "not authorized: SQLITE_AUTH"),
                    q(worker, "return await db.prepare('PRAGMA journal_mode = DELETE').run();"));
        }
    }

    @Test
    void aBatchIsAllOrNothing() {
        try (WorkerFixture worker = start(null)) {
            q(worker, "await db.exec('CREATE TABLE u (v TEXT UNIQUE)');");
            assertJson(error("D1_ERROR: UNIQUE constraint failed: u.v: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)",
                    "UNIQUE constraint failed: u.v: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)"), q(worker, """
                    const ins = db.prepare('INSERT INTO u VALUES (?)');
                    return await db.batch([ins.bind('a'), ins.bind('b'), ins.bind('a')]);"""));
            assertJson(0, q(worker, "return db.prepare('SELECT count(*) AS n FROM u').first('n');"));
            assertJson(List.of(List.of(1, "a"), List.of(2, "b"), List.of("a", "b")), q(worker, """
                    const ins = db.prepare('INSERT INTO u VALUES (?)');
                    const rs = await db.batch([ins.bind('a'), ins.bind('b'), db.prepare('SELECT v FROM u ORDER BY v')]);
                    return [[rs[0].meta.last_row_id, 'a'], [rs[1].meta.last_row_id, 'b'], rs[2].results.map((r) => r.v)];"""));
        }
    }

    @Test
    void concurrentRequestsAreSerializedPerDatabase() throws Exception {
        try (WorkerFixture worker = start(null)) {
            q(worker, "await db.exec('CREATE TABLE c (n INTEGER)'); await db.exec('INSERT INTO c VALUES (0)');");
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            var futures = new java.util.ArrayList<java.util.concurrent.Future<JsonNode>>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> q(worker, "await Promise.all([1, 2, 3].map(() => db.prepare('UPDATE c SET n = n + 1').run()));")));
            }
            for (var f : futures) f.get();
            pool.shutdown();
            assertJson(120, q(worker, "return db.prepare('SELECT n FROM c').first('n');"));
        }
    }

    @Test
    void dataSurvivesARestart(@TempDir Path dir) {
        try (WorkerFixture worker = start(dir)) {
            q(worker, "await db.exec('CREATE TABLE p (v TEXT)'); await db.prepare('INSERT INTO p VALUES (?)').bind('kept').run();");
        }
        assertTrue(Files.exists(D1Database.file(dir, "db-1")), "one file per database id under <persist>/d1/");
        try (WorkerFixture worker = start(dir)) {
            assertJson("kept", q(worker, "return db.prepare('SELECT v FROM p').first('v');"));
        }
    }

    @Test
    void theStoreRunsSqlForACommandLine(@TempDir Path dir) {
        String json = D1Database.executeScript(dir, "cli-db", "CREATE TABLE x (a); INSERT INTO x VALUES (1), (2); SELECT sum(a) AS s FROM x;");
        assertTrue(json.startsWith("[{\"columns\":[]"), json);
        assertTrue(json.contains("{\"columns\":[\"s\"],\"rows\":[[3]]"), json);
    }

    @Test
    void aBindingWithoutANameIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Simulator.builder().script(WORKER).http(false)
                .inlineConfig("[[d1_databases]]\ndatabase_name = \"x\"\ndatabase_id = \"y\"\n").build());
        assertTrue(e.getMessage().contains("d1_databases[0]: missing \"binding\""), e.getMessage());
    }
}
