package dev.workersim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sim secrets-store secret create` writes the store a worker's secrets_store_secrets binding reads. */
class SecretsStoreCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int sim(InputStream stdin, String... args) {
        return SimRun.run(out, err, stdin, args);
    }

    @Test
    void aCreatedSecretIsWhatTheWorkerGets() throws IOException {
        Path config = dir.resolve("wrangler.toml");
        Files.writeString(config, """
                name = "secrets"
                main = "worker.js"
                compatibility_date = "2025-09-01"
                [[secrets_store_secrets]]
                binding = "KEY"
                store_id = "store1"
                secret_name = "api_key"
                """);
        Files.writeString(dir.resolve("worker.js"), """
                export default { async fetch(req, env) {
                  try { return new Response(await env.KEY.get()); } catch (e) { return new Response(e.message); }
                } };
                """);
        String c = config.toString();
        assertEquals(0, sim(new ByteArrayInputStream(new byte[0]), "secrets-store", "secret", "create", "store1", "-c", c,
                "--name", "api_key", "--value", "first", "--scopes", "workers"), err.toString());
        assertTrue(out.toString().startsWith("🔐 Creating secret... (Name: api_key, Value: REDACTED, Scopes: workers, Comment: undefined)\n"
                + "✅ Created secret! (ID: "), out.toString());
        // Again from standard input: the value is replaced.
        assertEquals(0, sim(new ByteArrayInputStream("second\n".getBytes(StandardCharsets.UTF_8)), "secrets-store", "secret", "create",
                "store1", "-c", c, "--name", "api_key", "--scopes", "workers"), err.toString());
        try (Simulator sim = Simulator.builder().config(config).http(false).build().start()) {
            assertEquals("second", sim.dispatchFetch(FetchRequest.get("/")).text());
        }
        assertEquals(2, sim(new ByteArrayInputStream(new byte[0]), "secrets-store", "secret", "create", "store1", "-c", c,
                "--name", "x", "--value", "v", "--scopes", "workers", "--remote"));
        assertEquals("✘ workersim has no remote Secrets Store: drop --remote.\n", err.toString());
    }
}
