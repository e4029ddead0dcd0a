package dev.workersim.bindings.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every persisted store, truncated or overwritten with garbage, stops the simulator's start with one
 * error naming the file, what it holds (the binding) and the way out, and is left byte for byte as
 * it was: nothing starts on a damaged store, and nothing repairs or deletes it.
 */
class DamagedStoreTest {
    private static final String TOML = """
            name = "st"
            main = "worker.js"
            compatibility_date = "2025-09-01"
            [[kv_namespaces]]
            binding = "KV"
            id = "kv1"
            [[d1_databases]]
            binding = "DB"
            database_name = "db1"
            database_id = "d1-id"
            [[r2_buckets]]
            binding = "BUCKET"
            bucket_name = "bucket1"
            [[queues.producers]]
            binding = "Q"
            queue = "q1"
            [[durable_objects.bindings]]
            name = "COUNTER"
            class_name = "Counter"
            [[migrations]]
            tag = "v1"
            new_sqlite_classes = ["Counter"]
            """;
    private static final String WORKER = """
            import { DurableObject } from "cloudflare:workers";
            export class Counter extends DurableObject {
              async fetch() {
                this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS t (x)");
                for (let i = 0; i < 200; i++) this.ctx.storage.sql.exec("INSERT INTO t VALUES (?)", "row " + i + " ".repeat(100));
                await this.ctx.storage.put("n", 1);
                return new Response("ok");
              }
            }
            export default {
              async fetch(req, env) {
                for (let i = 0; i < 50; i++) await env.KV.put("k" + i, "v".repeat(500));
                await env.DB.exec("CREATE TABLE t (x)");
                for (let i = 0; i < 50; i++) await env.DB.prepare("INSERT INTO t VALUES (?)").bind("x".repeat(500)).run();
                await env.BUCKET.put("o", "body");
                await env.Q.send("m");
                await env.COUNTER.get(env.COUNTER.idFromName("a")).fetch("http://x/");
                await caches.default.put("http://x/c", new Response("c".repeat(5000), { headers: { "cache-control": "max-age=3600" } }));
                return new Response("written");
              }
            };
            """;

    @TempDir
    static Path project;
    @TempDir
    Path work;

    @BeforeAll
    static void writeEveryStore() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);
        Files.writeString(project.resolve("worker.js"), WORKER);
        try (Simulator sim = simulator(project.resolve("state")).build().start()) {
            assertEquals("written", sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }

    private static Simulator.Builder simulator(Path state) {
        return Simulator.builder().config(project.resolve("wrangler.toml")).http(false).persistTo(state);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "kv/kv1/kv.db, truncated, KV namespace \"kv1\" (binding KV), kv/kv1",
        "kv/kv1/kv.db, garbage, KV namespace \"kv1\" (binding KV), kv/kv1",
        "cache/cache.db, truncated, Cache API's responses, cache",
        "cache/cache.db, garbage, Cache API's responses, cache",
        "d1/d1-id.sqlite, truncated, D1 database \"d1-id\" (binding DB), d1/d1-id.sqlite",
        "d1/d1-id.sqlite, garbage, D1 database \"d1-id\" (binding DB), d1/d1-id.sqlite",
        "do/st-Counter/*.sqlite, truncated, storage of Durable Object Counter (script st), do/st-Counter/*.sqlite",
        "do/st-Counter/*.sqlite, garbage, storage of Durable Object Counter (script st), do/st-Counter/*.sqlite",
        "queues/messages.mv.db, truncated, messages of every queue, queues",
        "queues/messages.mv.db, garbage, messages of every queue, queues",
        "r2/bucket1/meta.mv.db, truncated, R2 bucket \"bucket1\", r2/bucket1",
        "r2/bucket1/meta.mv.db, garbage, R2 bucket \"bucket1\", r2/bucket1",
    })
    void aDamagedStoreStopsTheStartAndIsLeftAsItWas(String file, String damage, String holds, String aside) throws IOException {
        Path state = work.resolve("state");
        copy(project.resolve("state"), state);
        Path target = resolve(state, file);
        byte[] original = Files.readAllBytes(target);
        byte[] damaged = damage.equals("truncated") ? java.util.Arrays.copyOf(original, original.length / 2) : garbage(original.length);
        Files.write(target, damaged);

        DamagedStoreException e = assertThrows(DamagedStoreException.class, () -> simulator(state).build().start().close());
        String msg = e.getMessage();
        assertTrue(msg.startsWith(target + " is damaged ("), msg);
        assertTrue(msg.contains("so the " + holds), msg);
        assertTrue(msg.contains("Nothing was changed or deleted. To start again, stop the simulator and move " + resolve(state, aside)), msg);
        assertTrue(msg.contains("run with --persist-to <another folder>"), msg);
        assertEquals(target, e.file());
        assertArrayEquals(damaged, Files.readAllBytes(target), "the damaged file is left as it was");
    }

    private static Path resolve(Path state, String rel) throws IOException {
        if (!rel.contains("*")) return state.resolve(rel);
        Path dir = state.resolve(rel.substring(0, rel.lastIndexOf('/')));
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".sqlite")).findFirst().orElseThrow();
        }
    }

    private static byte[] garbage(int n) {
        byte[] b = new byte[n];
        new Random(14).nextBytes(b);
        return b;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
