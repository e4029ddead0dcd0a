package dev.workersim.bindings.d1;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User SQL (D1 and Durable Object {@code sql.exec}) cannot reach the host's files: ATTACH, VACUUM
 * INTO and PRAGMA database_list are refused as workerd's authorizer refuses them, and what workerd
 * allows still runs.
 */
class SqlAuthorizerTest {
    private static final String CONFIG = """
            [[d1_databases]]
            binding = "DB"
            database_name = "x"
            database_id = "db-1"

            [[durable_objects.bindings]]
            name = "OBJ"
            class_name = "Sql"

            [[migrations]]
            tag = "v1"
            new_sqlite_classes = ["Sql"]
            """;

    // ?on=d1|do&s=<statement>: the statement's rows, or its error message.
    private static final String WORKER = """
            import { DurableObject } from "cloudflare:workers";
            export class Sql extends DurableObject {
              run(s) {
                try { return { rows: this.ctx.storage.sql.exec(s).toArray() }; }
                catch (e) { return { error: e.message }; }
              }
            }
            export default { async fetch(req, env) {
              const u = new URL(req.url);
              const s = u.searchParams.get("s");
              if (u.searchParams.get("on") === "do") {
                return Response.json(await env.OBJ.get(env.OBJ.idFromName("a")).run(s));
              }
              try { return Response.json({ rows: (await env.DB.prepare(s).all()).results }); }
              catch (e) { return Response.json({ error: e.message }); }
            } };
            """;

    private static JsonNode run(WorkerFixture worker, String on, String sql) {
        return worker.getJson("/?on=" + on + "&s=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
    }

    private static WorkerFixture start(Path persist) {
        return WorkerFixture.script(WORKER).toml(CONFIG).persistTo(persist).start();
    }

    /** What run answers when the statement threw {@code message}. */
    private static Map<String, Object> failed(String message) {
        return Map.of("error", message);
    }

    /** What run answers when the statement gave {@code rows}. */
    private static Map<String, Object> rows(Object... rows) {
        return Map.of("rows", List.of(rows));
    }

    @Test
    void attachOfAHostPathIsRefusedAndCreatesNoFile(@TempDir Path dir) {
        Path outside = dir.resolve("outside.db");
        try (WorkerFixture worker = start(dir.resolve("state"))) {
            assertJson(failed("D1_ERROR: not authorized: SQLITE_AUTH"),
                    run(worker, "d1", "ATTACH DATABASE '" + outside + "' AS v"));
            assertJson(failed("not authorized: SQLITE_AUTH"), run(worker, "do", "ATTACH DATABASE '" + outside + "' AS v"));
            assertJson(failed("D1_ERROR: not authorized: SQLITE_AUTH"),
                    run(worker, "d1", "/* c */ attach 'file:" + outside + "?mode=rwc' as \"v\""));
            assertJson(failed("D1_ERROR: not authorized: SQLITE_AUTH"), run(worker, "d1", "DETACH v"));
            assertFalse(Files.exists(outside), "ATTACH created " + outside);
        }
    }

    @Test
    void vacuumIntoIsRefusedAndWritesNoFile(@TempDir Path dir) {
        Path outside = dir.resolve("copy.db");
        try (WorkerFixture worker = start(dir.resolve("state"))) {
            run(worker, "d1", "CREATE TABLE t (a)");
            run(worker, "do", "CREATE TABLE t (a)");
            String msg = "cannot VACUUM from within a transaction: SQLITE_ERROR";
            assertJson(failed("D1_ERROR: " + msg), run(worker, "d1", "VACUUM INTO '" + outside + "'"));
            assertJson(failed(msg), run(worker, "do", "VACUUM main INTO '" + outside + "'"));
            assertFalse(Files.exists(outside), "VACUUM INTO wrote " + outside);
        }
    }

    @Test
    void theDatabasePathIsNotVisible(@TempDir Path dir) {
        try (WorkerFixture worker = start(dir.resolve("state"))) {
            for (String on : new String[] {"d1", "do"}) {
                String prefix = on.equals("d1") ? "D1_ERROR: " : "";
                Map<String, Object> refused = failed(prefix + "not authorized: SQLITE_AUTH");
                assertJson(refused, run(worker, on, "PRAGMA database_list"));
                assertJson(refused, run(worker, on, "SELECT file FROM pragma_database_list"));
                assertJson(refused, run(worker, on, "SELECT * FROM \"pragma_database_list\"()"));
                assertJson(refused, run(worker, on, "PRAGMA main.journal_mode"));
                assertJson(refused, run(worker, on, "PRAGMA writable_schema = ON"));
                assertJson(refused, run(worker, on, "CREATE TEMP TABLE t2 (a)"));
                assertJson(failed(prefix + "not authorized: SQLITE_ERROR"), run(worker, on, "SELECT load_extension('/tmp/x')"));
                assertJson(refused, run(worker, on, "PRAGMA temp.table_info(x)"));
                assertJson(refused, run(worker, on, "PRAGMA page_size = 8192"));
                assertJson(failed(prefix + "not authorized to use function: sqlite_version at offset 7: SQLITE_ERROR"),
                        run(worker, on, "SELECT sqlite_version()"));
            }
        }
    }

    @Test
    void whatWorkerdAllowsStillRuns(@TempDir Path dir) {
        try (WorkerFixture worker = start(dir.resolve("state"))) {
            for (String on : new String[] {"d1", "do"}) {
                assertJson(rows(), run(worker, on, "CREATE TABLE x (id INTEGER PRIMARY KEY, v TEXT)"));
                assertJson(rows(Map.of("name", "id"), Map.of("name", "v")),
                        run(worker, on, "SELECT name FROM pragma_table_info('x')"));
                assertJson(rows(Map.of("quick_check", "ok")), run(worker, on, "PRAGMA quick_check"));
                assertJson(rows(Map.of("defer_foreign_keys", 0)), run(worker, on, "PRAGMA defer_foreign_keys"));
                assertTrue(run(worker, on, "PRAGMA main.table_info(x)").toString().contains("\"name\":\"v\""));
                assertJson(rows(Map.of("v", "it's -- 'attach'")), run(worker, on, "SELECT 'it''s -- ''attach''' AS v"));
                assertJson(rows(Map.of("n", 1)), run(worker, on, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'x'"));
            }
        }
    }
}
