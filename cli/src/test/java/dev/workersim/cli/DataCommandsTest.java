package dev.workersim.cli;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `sim kv` and `sim d1` in-process, then the data read back through a worker on the same persist folder. */
class DataCommandsTest {
    @TempDir
    Path dir;
    Path persist;
    Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void project() throws IOException {
        persist = dir.resolve("state");
        config = dir.resolve("wrangler.toml");
        Files.writeString(config, """
                name = "data"
                main = "worker.js"
                compatibility_date = "2025-09-01"
                [[kv_namespaces]]
                binding = "KV"
                id = "top-ns"
                [[d1_databases]]
                binding = "DB"
                database_name = "main-db"
                database_id = "db-1"
                [env.staging]
                [[env.staging.kv_namespaces]]
                binding = "KV"
                id = "staging-ns"
                """);
        Files.writeString(dir.resolve("worker.js"), """
                export default {
                  async fetch(request, env) {
                    const url = new URL(request.url);
                    if (url.pathname === "/sql") {
                      const { results } = await env.DB.prepare("SELECT id, name FROM users ORDER BY id").all();
                      return Response.json(results);
                    }
                    const key = url.pathname.slice(1);
                    const { value, metadata } = await env.KV.getWithMetadata(key);
                    return Response.json({ value, metadata });
                  },
                };
                """);
        oldOut = System.out;
        oldErr = System.err;
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private int sim(String... args) {
        out.reset();
        err.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new SimCommand()).execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the project's worker (under {@code env}, null: the top level) answers at {@code path}, over the state the commands wrote. */
    private JsonNode fetch(String env, String path) {
        try (WorkerFixture worker = WorkerFixture.config(config).configure(b -> b.environment(env)).persistTo(persist).start()) {
            return worker.getJson(path);
        }
    }

    /** The worker's /KEY answer: getWithMetadata's value and metadata. */
    private static Map<String, Object> kv(String value, Object metadata) {
        return obj("value", value, "metadata", metadata);
    }

    private static Map<String, Object> user(int id, String name) {
        return Map.of("id", id, "name", name);
    }

    private String[] common(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-c";
        all[args.length + 1] = config.toString();
        all[args.length + 2] = "--persist-to";
        all[args.length + 3] = persist.toString();
        return all;
    }

    @Test
    void kvKeyPutGetListDelete() {
        assertEquals(0, sim(common("kv", "key", "put", "greeting", "hello", "--binding", "KV", "--metadata", "{\"v\":1}", "--local")),
                err.toString());
        assertJson(kv("hello", Map.of("v", 1)), fetch(null, "/greeting"));

        assertEquals(0, sim(common("kv", "key", "get", "greeting", "--binding", "KV")));
        assertEquals("hello", stdout().strip());
        assertEquals(0, sim(common("kv", "key", "list", "--binding", "KV", "--prefix", "gr")));
        assertTrue(stdout().contains("\"name\" : \"greeting\""), stdout());

        assertEquals(0, sim(common("kv", "key", "delete", "greeting", "--binding", "KV")));
        assertJson(kv(null, null), fetch(null, "/greeting"));
    }

    /** A running simulator holds the store: a second writer stops with a message and writes nothing. */
    @Test
    void kvWriteWhileTheStoreIsInUseStopsClearly() {
        assertEquals(0, sim(common("kv", "key", "put", "k", "before", "--binding", "KV")), err.toString());
        try (WorkerFixture running = WorkerFixture.config(config).persistTo(persist).start()) {
            assertEquals(1, sim(common("kv", "key", "put", "k", "during", "--binding", "KV")));
            assertTrue(err.toString().contains("is in use by another process"), err.toString());
            assertTrue(err.toString().contains("Nothing was written"), err.toString());
        }
        assertJson(kv("before", null), fetch(null, "/k"));
    }

    @Test
    void kvPutFromAFileAndUnderAnEnvironment() throws IOException {
        Path f = dir.resolve("value.txt");
        Files.writeString(f, "from a file");
        assertEquals(0, sim(common("kv", "key", "put", "k", "--path", f.toString(), "--binding", "KV", "--env", "staging")), err.toString());
        assertJson(kv("from a file", null), fetch("staging", "/k"));
        assertJson(kv(null, null), fetch(null, "/k"), "the top level's namespace is another one");
        assertEquals(0, sim(common("kv", "key", "put", "k", "x", "--namespace-id", "top-ns")));
        assertJson(kv("x", null), fetch(null, "/k"));
    }

    @Test
    void kvBulkPut() throws IOException {
        Path f = dir.resolve("bulk.json");
        Files.writeString(f, "[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"aGk=\",\"base64\":true,\"metadata\":{\"m\":true}}]");
        assertEquals(0, sim(common("kv", "bulk", "put", f.toString(), "--binding", "KV")), err.toString());
        assertTrue(stdout().contains("Uploaded 2 key-value pairs"), stdout());
        assertJson(kv("1", null), fetch(null, "/a"));
        assertJson(kv("hi", Map.of("m", true)), fetch(null, "/b"));
    }

    @Test
    void kvUnknownBindingFails() {
        assertEquals(2, sim(common("kv", "key", "get", "x", "--binding", "NOPE")));
        assertTrue(err.toString().contains("no KV namespace is bound as \"NOPE\""), err.toString());
    }

    @Test
    void d1ExecuteCommandAndFile() throws IOException {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO users VALUES (1, 'ada');\n");
        assertEquals(0, sim(common("d1", "execute", "main-db", "--file", schema.toString(), "--local")), err.toString());
        assertEquals(0, sim(common("d1", "execute", "DB", "--command", "INSERT INTO users VALUES (2, 'bob')")), err.toString());
        assertJson(List.of(user(1, "ada"), user(2, "bob")), fetch(null, "/sql"));

        assertEquals(0, sim(common("d1", "execute", "main-db", "--command", "SELECT name FROM users WHERE id = 2")));
        assertTrue(stdout().contains("| bob  |"), stdout());
        assertEquals(0, sim(common("d1", "execute", "main-db", "--command", "SELECT count(*) AS n FROM users", "--json")));
        assertTrue(stdout().replaceAll("\\s", "").contains("\"results\":[{\"n\":2}]"), stdout());
    }

    @Test
    void d1MigrationsApplyInOrderOnce() throws IOException {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n");
        Files.writeString(dir.resolve("migrations/0002_seed.sql"), "INSERT INTO users VALUES (1, 'ada')");
        assertEquals(0, sim(common("d1", "migrations", "list", "main-db")), err.toString());
        assertTrue(stdout().contains("0001_users.sql") && stdout().contains("0002_seed.sql"), stdout());
        assertEquals(0, sim(common("d1", "migrations", "apply", "main-db", "--local")), err.toString());
        assertJson(List.of(user(1, "ada")), fetch(null, "/sql"));
        assertEquals(0, sim(common("d1", "migrations", "apply", "DB")), err.toString());
        assertTrue(stdout().contains("No migrations to apply"), stdout());

        Files.writeString(dir.resolve("migrations/0003_bad.sql"), "INSERT INTO nope VALUES (1)");
        assertEquals(1, sim(common("d1", "migrations", "apply", "DB")));
        assertTrue(err.toString().contains("0003_bad.sql failed"), err.toString());
        assertEquals(0, sim(common("d1", "migrations", "list", "DB")));
        assertTrue(stdout().contains("0003_bad.sql"), "a failed migration stays pending: " + stdout());
    }

    @Test
    void d1MigrationsCreateNumbersFilesThenApplyRunsThem() throws IOException {
        assertEquals(0, sim(common("d1", "migrations", "create", "main-db", "create users")), err.toString());
        Path first = dir.resolve("migrations/0001_create_users.sql");
        assertTrue(Files.readString(first).startsWith("-- Migration number: 0001 \t "), Files.readString(first));
        Files.writeString(first, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("migrations/0007_gap.sql"), "-- a hand-made file with a higher number\n");
        assertEquals(0, sim(common("d1", "migrations", "create", "DB", "seed")), err.toString());
        assertTrue(stdout().contains("0008_seed.sql"), stdout());
        Files.writeString(dir.resolve("migrations/0008_seed.sql"), "INSERT INTO users VALUES (1, 'ada');\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, sim(common("d1", "migrations", "apply", "DB")), err.toString());
        assertJson(List.of(user(1, "ada")), fetch(null, "/sql"));
        assertEquals(2, sim(common("d1", "migrations", "create", "DB", "bad/name")));
        assertTrue(err.toString().contains("message may only hold"), err.toString());
    }

    @Test
    void d1BadSqlFails() {
        assertEquals(1, sim(common("d1", "execute", "main-db", "--command", "SELEC nope")));
        assertTrue(err.toString().contains("syntax error"), err.toString());
    }

    @Test
    void helpReadsWell() {
        assertEquals(0, sim("kv", "key", "put", "--help"));
        assertTrue(stdout().contains("--binding=NAME"), stdout());
        assertEquals(0, sim("dev", "--help"));
        assertTrue(stdout().contains("--var=KEY:VALUE"), stdout());
        assertTrue(stdout().contains("-e, --env=NAME"), stdout());
    }
}
