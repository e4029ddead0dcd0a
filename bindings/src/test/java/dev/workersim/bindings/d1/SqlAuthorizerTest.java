package dev.workersim.bindings.d1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static String run(Simulator sim, String on, String sql) {
        return sim.dispatchFetch(FetchRequest.get("/?on=" + on + "&s=" + URLEncoder.encode(sql, StandardCharsets.UTF_8))).text();
    }

    private static Simulator start(Path persist) {
        return Simulator.builder().script(WORKER).inlineConfig(CONFIG).http(false).persistTo(persist).build().start();
    }

    @Test
    void attachOfAHostPathIsRefusedAndCreatesNoFile(@TempDir Path dir) {
        Path outside = dir.resolve("outside.db");
        try (Simulator sim = start(dir.resolve("state"))) {
            assertEquals("{\"error\":\"D1_ERROR: not authorized: SQLITE_AUTH\"}",
                    run(sim, "d1", "ATTACH DATABASE '" + outside + "' AS v"));
            assertEquals("{\"error\":\"not authorized: SQLITE_AUTH\"}", run(sim, "do", "ATTACH DATABASE '" + outside + "' AS v"));
            assertEquals("{\"error\":\"D1_ERROR: not authorized: SQLITE_AUTH\"}",
                    run(sim, "d1", "/* c */ attach 'file:" + outside + "?mode=rwc' as \"v\""));
            assertEquals("{\"error\":\"D1_ERROR: not authorized: SQLITE_AUTH\"}", run(sim, "d1", "DETACH v"));
            assertFalse(Files.exists(outside), "ATTACH created " + outside);
        }
    }

    @Test
    void vacuumIntoIsRefusedAndWritesNoFile(@TempDir Path dir) {
        Path outside = dir.resolve("copy.db");
        try (Simulator sim = start(dir.resolve("state"))) {
            run(sim, "d1", "CREATE TABLE t (a)");
            run(sim, "do", "CREATE TABLE t (a)");
            String msg = "cannot VACUUM from within a transaction: SQLITE_ERROR";
            assertEquals("{\"error\":\"D1_ERROR: " + msg + "\"}", run(sim, "d1", "VACUUM INTO '" + outside + "'"));
            assertEquals("{\"error\":\"" + msg + "\"}", run(sim, "do", "VACUUM main INTO '" + outside + "'"));
            assertFalse(Files.exists(outside), "VACUUM INTO wrote " + outside);
        }
    }

    @Test
    void theDatabasePathIsNotVisible(@TempDir Path dir) {
        try (Simulator sim = start(dir.resolve("state"))) {
            for (String on : new String[] {"d1", "do"}) {
                String prefix = on.equals("d1") ? "D1_ERROR: " : "";
                String refused = "{\"error\":\"" + prefix + "not authorized: SQLITE_AUTH\"}";
                assertEquals(refused, run(sim, on, "PRAGMA database_list"));
                assertEquals(refused, run(sim, on, "SELECT file FROM pragma_database_list"));
                assertEquals(refused, run(sim, on, "SELECT * FROM \"pragma_database_list\"()"));
                assertEquals(refused, run(sim, on, "PRAGMA main.journal_mode"));
                assertEquals(refused, run(sim, on, "PRAGMA writable_schema = ON"));
                assertEquals(refused, run(sim, on, "CREATE TEMP TABLE t2 (a)"));
                assertEquals("{\"error\":\"" + prefix + "not authorized: SQLITE_ERROR\"}", run(sim, on, "SELECT load_extension('/tmp/x')"));
                assertEquals(refused, run(sim, on, "PRAGMA temp.table_info(x)"));
                assertEquals(refused, run(sim, on, "PRAGMA page_size = 8192"));
                assertEquals("{\"error\":\"" + prefix + "not authorized to use function: sqlite_version at offset 7: SQLITE_ERROR\"}",
                        run(sim, on, "SELECT sqlite_version()"));
            }
        }
    }

    @Test
    void whatWorkerdAllowsStillRuns(@TempDir Path dir) {
        try (Simulator sim = start(dir.resolve("state"))) {
            for (String on : new String[] {"d1", "do"}) {
                assertEquals("{\"rows\":[]}", run(sim, on, "CREATE TABLE x (id INTEGER PRIMARY KEY, v TEXT)"));
                assertEquals("{\"rows\":[{\"name\":\"id\"},{\"name\":\"v\"}]}", run(sim, on, "SELECT name FROM pragma_table_info('x')"));
                assertEquals("{\"rows\":[{\"quick_check\":\"ok\"}]}", run(sim, on, "PRAGMA quick_check"));
                assertEquals("{\"rows\":[{\"defer_foreign_keys\":0}]}", run(sim, on, "PRAGMA defer_foreign_keys"));
                assertTrue(run(sim, on, "PRAGMA main.table_info(x)").contains("\"name\":\"v\""));
                assertEquals("{\"rows\":[{\"v\":\"it's -- 'attach'\"}]}", run(sim, on, "SELECT 'it''s -- ''attach''' AS v"));
                assertEquals("{\"rows\":[{\"n\":1}]}", run(sim, on, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'x'"));
            }
        }
    }
}
