package dev.workersim.bindings.secretsstore;

import static dev.workersim.core.testing.JsonAssert.assertJson;

import dev.workersim.core.testing.WorkerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env.SECRET.get() answers from the local store file; a missing secret rejects as wrangler dev does. */
class SecretsStoreTest {
    private static final String WORKER = """
            export default { async fetch(req, env) {
              const s = env[new URL(req.url).pathname.slice(1)];
              try { return Response.json({ value: await s.get() }); }
              catch (e) { return Response.json({ error: e.constructor.name, message: e.message }); }
            } };
            """;
    private static final String TOML = """
            [[secrets_store_secrets]]
            binding = "KEY"
            store_id = "store1"
            secret_name = "api_key"

            [[secrets_store_secrets]]
            binding = "GONE"
            store_id = "store1"
            secret_name = "nope"
            """;

    @Test
    void valuesComeFromTheStoreFileAndEditsApplyAtOnce(@TempDir Path dir) throws Exception {
        try (WorkerFixture worker = WorkerFixture.script(WORKER).toml(TOML).persistTo(dir).start()) {
            assertJson(Map.of("error", "Error", "message", "Secret \"api_key\" not found"), worker.get("/KEY").json(),
                    "no store file yet");
            Path file = worker.simulator().persistRoot().resolve("secrets-store/store1.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{\"api_key\": \"s3cr3t\"}");
            assertJson(Map.of("value", "s3cr3t"), worker.get("/KEY").json());
            assertJson(Map.of("error", "Error", "message", "Secret \"nope\" not found"), worker.get("/GONE").json());
        }
    }

    @Test
    void theBindingLooksLikeWranglerDevsFetcher() {
        String js = """
                export default { async fetch(req, env) {
                  const s = env.KEY;
                  let fetchError;
                  try { await s.fetch("http://x/"); } catch (e) { fetchError = e.message; }
                  return Response.json({ ctor: s.constructor.name, tag: Object.prototype.toString.call(s),
                    own: Object.getOwnPropertyNames(s), inGet: "get" in s, getType: typeof s.get, fetchError });
                } };
                """;
        try (WorkerFixture worker = WorkerFixture.script(js).toml(TOML).start()) {
            assertJson(Map.of("ctor", "Fetcher", "tag", "[object Fetcher]", "own", List.of(), "inGet", true,
                    "getType", "function", "fetchError", "Handler does not export a fetch() function."), worker.get("/").json());
        }
    }
}
