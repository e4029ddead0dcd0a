package dev.workersim.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configs fail before anything is served, naming the file, the line and the key. */
class ConfigValidationTest {
    @TempDir
    Path dir;

    private String error(String file, String content) {
        for (String f : ConfigLoader.FILE_NAMES) dir.resolve(f).toFile().delete();
        ConfigProject p = new ConfigProject(dir).file(file, content);
        ConfigException e = assertThrows(ConfigException.class,
                () -> p.builder(null, Map.of()).build().close());
        assertTrue(e.getMessage().startsWith(dir.resolve(file).toString() + ": "), e.getMessage());
        return e.getMessage().substring(dir.resolve(file).toString().length() + 2);
    }

    @Test
    void typeMismatchToml() {
        assertEquals("line 3, `compatibility_flags` must be an array, found a string (\"nodejs_compat\")",
                error("wrangler.toml", "name = \"x\"\nmain = \"worker.js\"\ncompatibility_flags = \"nodejs_compat\"\n"));
        assertEquals("line 1, `name` must be a string, found a number (5)", error("wrangler.toml", "name = 5\nmain = \"worker.js\"\n"));
    }

    @Test
    void typeMismatchJsonc() {
        assertEquals("line 4, `workers_dev` must be a boolean, found a string (\"yes\")",
                error("wrangler.jsonc", "{\n  // comment\n  \"main\": \"worker.js\",\n  \"workers_dev\": \"yes\",\n}\n"));
    }

    @Test
    void aBindingFieldOfTheWrongType() {
        assertEquals("line 4, `kv_namespaces[0].id` must be a string, found a number (42)",
                error("wrangler.toml", "main = \"worker.js\"\n[[kv_namespaces]]\nbinding = \"KV\"\nid = 42\n"));
    }

    @Test
    void missingMain() {
        assertEquals("`main` is missing: say which file is the worker, e.g. main = \"src/index.js\"",
                error("wrangler.toml", "name = \"x\"\n"));
    }

    @Test
    void bindingWithoutName() {
        assertEquals("line 6, `kv_namespaces[1]` has no \"binding\": every binding needs the name the worker sees in env",
                error("wrangler.toml", "main = \"worker.js\"\n[[kv_namespaces]]\nbinding = \"A\"\nid = \"a\"\n\n[[kv_namespaces]]\nid = \"b\"\n"));
        assertEquals("line 4, `d1_databases[0]` has no \"binding\": every binding needs the name the worker sees in env",
                error("wrangler.json", "{\n  \"main\": \"worker.js\",\n  \"d1_databases\": [\n    {\"database_name\": \"db\"}\n  ]\n}\n"));
    }

    @Test
    void twoBindingsWithOneName() {
        assertEquals("line 7, `r2_buckets[0].binding` \"STORE\" is already bound by kv_namespaces[0]; bindings must have unique names,"
                + " so that they can all be referenced in the worker",
                error("wrangler.toml", "main = \"worker.js\"\n[[kv_namespaces]]\nbinding = \"STORE\"\nid = \"a\"\n\n[[r2_buckets]]\nbinding = \"STORE\"\nbucket_name = \"b\"\n"));
    }

    @Test
    void aRequiredSecretMayNotShareAVarsName() {
        assertEquals("line 5, `secrets.required[0]` \"TOKEN\" is already bound by vars.TOKEN; bindings must have unique names,"
                + " so that they can all be referenced in the worker",
                error("wrangler.toml", "main = \"worker.js\"\n[vars]\nTOKEN = \"x\"\n[secrets]\nrequired = [\"TOKEN\"]\n"));
    }

    @Test
    void remoteOnABindingThatCannotBeRemote() {
        String msg = error("wrangler.toml", "main = \"worker.js\"\n[[hyperdrive]]\nbinding = \"HD\"\nid = \"x\"\nremote = true\n");
        assertEquals("line 5, `hyperdrive[0].remote` `hyperdrive` bindings cannot be remote (Cloudflare has no remote connection"
                + " for them); remove `remote = true`", msg);
        // KV may be remote: no error (it runs locally in this simulator).
        new ConfigProject(dir).file("wrangler.toml", "main = \"worker.js\"\n[[kv_namespaces]]\nbinding = \"KV\"\nid = \"k\"\nremote = true\n")
                .env();
    }

    @Test
    void aiCannotBeLocal() {
        assertEquals("line 4, `ai.remote` AI has no local simulation: `remote = false` is not allowed (remove it, or set it to true)",
                error("wrangler.toml", "main = \"worker.js\"\n[ai]\nbinding = \"AI\"\nremote = false\n"));
    }

    @Test
    void anEnvironmentsErrorPointsIntoItsBlock() {
        ConfigProject p = new ConfigProject(dir).file("wrangler.toml",
                "main = \"worker.js\"\n[env.staging]\nworkers_dev = \"no\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> p.builder("staging", Map.of()).build());
        assertTrue(e.getMessage().endsWith("line 3, `env.staging.workers_dev` must be a boolean, found a string (\"no\")"), e.getMessage());
    }

    @Test
    void unknownTopLevelKeysWarn() {
        ConfigProject p = new ConfigProject(dir).file("wrangler.toml", "main = \"worker.js\"\nfoo = 1\n\"$schema\" = \"x\"\n");
        p.env();
        assertTrue(p.warnings.contains("Unexpected fields found in top-level field: \"foo\""), p.warnings.toString());
    }

    @Test
    void aMisspeltKeyIsNamedWithItsCloseMatch() {
        // wrangler 4.168 warns with the first half of each line (the hint after ';' is ours), and goes on
        ConfigProject p = new ConfigProject(dir).file("wrangler.toml", """
                main = "worker.js"
                mian = "worker.js"
                compatability_date = "2025-01-01"
                [[kv_namespaces]]
                binding = "KV"
                id = "k"
                bindng = "X"
                [triggers]
                cron = ["* * * * *"]
                [env.staging]
                mian = "other.js"
                [[env.staging.r2_buckets]]
                binding = "R"
                bucket_name = "bucket"
                buckt_name = "b"
                [[env.other.d1_databases]]
                binding = "DB"
                databse_id = "x"
                """);
        p.env("staging", Map.of());
        assertEquals(List.of(
                "Unexpected fields found in kv_namespaces[0] field: \"bindng\"; did you mean \"binding\"?",
                "Unexpected fields found in triggers field: \"cron\"; did you mean \"crons\"?",
                "Unexpected fields found in top-level field: \"mian\",\"compatability_date\"; did you mean \"main\" for \"mian\","
                        + " \"compatibility_date\" for \"compatability_date\"?",
                "Unexpected fields found in env.staging.r2_buckets[0] field: \"buckt_name\"; did you mean \"bucket_name\"?",
                "Unexpected fields found in env.staging field: \"mian\"; did you mean \"main\"?"),
                p.warnings.stream().filter(w -> w.startsWith("Unexpected")).toList(), "an environment not selected is not checked, as in wrangler");
    }
}
