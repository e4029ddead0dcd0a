package dev.workersim.bindings.kv;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.list;
import static dev.workersim.core.testing.JsonAssert.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.testing.RouteWorker;
import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store outlives a reload and a restart; large values live in blob files that are cleaned up. */
class KvPersistenceTest {
    static final String ROUTES = """
            "/write": async (kv) => {
              await kv.put("small", "s", { metadata: { v: 1 }, expirationTtl: 3600 });
              const big = new Uint8Array(200 * 1024);
              for (let i = 0; i < big.length; i++) big[i] = i % 251;
              await kv.put("big", big);
              await kv.put("replaced", new Uint8Array(100 * 1024));
              await kv.put("replaced", "now small");
              return "ok";
            },
            "/read": async (kv) => {
              const big = new Uint8Array(await kv.get("big", "arrayBuffer"));
              let ok = big.length === 200 * 1024;
              for (let i = 0; ok && i < big.length; i++) ok = big[i] === i % 251;
              const list = await kv.list();
              return { small: await kv.getWithMetadata("small"), big: ok, replaced: await kv.get("replaced"),
                keys: list.keys.map((k) => k.name), smallExpires: typeof list.keys.find((k) => k.name === "small").expiration };
            },
            "/drop-big": async (kv) => { await kv.delete("big"); return "ok"; },
            """;
    private static final Map<String, Object> READ = obj("small", obj("value", "s", "metadata", Map.of("v", 1), "cacheStatus", null),
            "big", true, "replaced", "now small", "keys", List.of("big", "replaced", "small"), "smallExpires", "number");

    @Test
    void valuesSurviveAReloadAndARestart(@TempDir Path dir) throws Exception {
        try (WorkerFixture worker = kv(dir)) {
            worker.getText("/write");
            assertEquals(null, worker.simulator().reload());
            assertJson(READ, worker.getJson("/read"));
        }
        assertTrue(Files.exists(dir.resolve("kv/abc/kv.db")), "store under <persist>/kv/<id>/");
        assertEquals(1, blobs(dir), "the big value is a blob; the replaced one's blob is gone");
        try (WorkerFixture worker = kv(dir)) {
            assertJson(READ, worker.getJson("/read"));
            worker.getText("/drop-big");
        }
        assertEquals(0, blobs(dir));
    }

    @Test
    void twoBindingsOfOneNamespaceShareItsStoreAndOtherIdsDoNot() {
        String worker = """
                export default { async fetch(req, env) {
                  await env.A.put("k", "from A");
                  return Response.json([await env.B.get("k"), await env.C.get("k")]);
                } };
                """;
        try (WorkerFixture fixture = WorkerFixture.script(worker).toml("""
                [[kv_namespaces]]
                binding = "A"
                id = "one"
                [[kv_namespaces]]
                binding = "B"
                id = "one"
                [[kv_namespaces]]
                binding = "C"
                id = "two"
                """).start()) {
            assertJson(list("from A", null), fixture.getJson("/"));
        }
    }

    private static WorkerFixture kv(Path dir) {
        return WorkerFixture.script(RouteWorker.script(ROUTES, "env.KV, url, env")).toml("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"abc\"").persistTo(dir).start();
    }

    private static long blobs(Path dir) throws Exception {
        Path blobs = dir.resolve("kv/abc/blobs");
        if (!Files.isDirectory(blobs)) return 0;
        try (Stream<Path> s = Files.list(blobs)) {
            return s.count();
        }
    }
}
