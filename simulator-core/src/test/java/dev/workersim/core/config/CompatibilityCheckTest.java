package dev.workersim.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compatibility date and flags that `wrangler dev` refuses stop the load here too, with the file,
 * line and key, and workerd's (or miniflare's) words; measured against wrangler 4.168.
 */
class CompatibilityCheckTest {
    @TempDir
    Path dir;

    private String refused(String flagsAndDate) {
        ConfigProject p = new ConfigProject(dir).file("wrangler.toml", "name = \"app\"\nmain = \"worker.js\"\n" + flagsAndDate);
        ConfigException e = assertThrows(ConfigException.class, () -> p.builder(null, Map.of()).build().close());
        String file = dir.resolve("wrangler.toml").toString();
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e.getMessage().substring(file.length() + 2);
    }

    @Test
    void aMisspeltFlagIsRefusedWithTheCloseMatch() {
        // wrangler dev: "service core:user:a: No such compatibility flag: nodejs_compta", exit 1
        assertEquals("line 4, `compatibility_flags[1]`: No such compatibility flag: nodejs_compta; did you mean \"nodejs_compat\"?",
                refused("compatibility_date = \"2025-01-01\"\ncompatibility_flags = [\"nodejs_als\", \"nodejs_compta\"]\n"));
    }

    @Test
    void aDateAfterTodayInUtcIsRefused() {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String msg = refused("compatibility_date = \"" + tomorrow + "\"\n");
        // wrangler dev: Compatibility date "2027-01-01" is in the future and unsupported
        assertTrue(msg.startsWith("line 3, `compatibility_date`: Compatibility date \"" + tomorrow + "\" is in the future and unsupported"), msg);
    }

    @Test
    void everyBadFlagIsListedAtOnce() {
        assertEquals(String.join("\n",
                        "line 4, `compatibility_flags[1]`: Compatibility flag specified multiple times: url_standard",
                        "line 4, `compatibility_flags[2]`: Compatibility flags are mutually contradictory: nodejs_compat vs no_nodejs_compat",
                        "line 4, `compatibility_flags[4]`: No such compatibility flag: sparkles (this simulator knows workerd's flags as of 2026-11-30)"),
                refused("compatibility_date = \"2020-01-01\"\ncompatibility_flags = [\"url_standard\", \"url_standard\", \"nodejs_compat\","
                        + " \"no_nodejs_compat\", \"sparkles\"]\n"));
    }

    @Test
    void anEnvironmentsFlagIsFoundInItsBlock() {
        ConfigProject p = new ConfigProject(dir).file("wrangler.toml", "name = \"app\"\nmain = \"worker.js\"\n"
                + "compatibility_date = \"2025-01-01\"\n[env.staging]\ncompatibility_flags = [\"nodejs_compat_v3\"]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> p.builder("staging", Map.of()).build().close());
        assertTrue(e.getMessage().endsWith("line 5, `env.staging.compatibility_flags[0]`: No such compatibility flag: nodejs_compat_v3;"
                + " did you mean \"nodejs_compat_v2\"?"), e.getMessage());
    }

    @Test
    void anInvalidDateIsRefused() {
        // wrangler: "compatibility_date" field should be a valid ISO-8601 date (YYYY-MM-DD), but got "2025-13-01".
        assertEquals("line 3, `compatibility_date` must look like YYYY-MM-DD, got \"2025-13-01\"",
                refused("compatibility_date = \"2025-13-01\"\n"));
    }

    @Test
    void aFlagTheDateAlreadyEnablesIsOnlyAWarning() {
        ConfigProject p = new ConfigProject(dir).toml("compatibility_flags = [\"url_standard\", \"wasm_memory_discard\"]\n");
        p.env();
        // workerd's warning; the experimental flag passes, as wrangler dev runs workerd with --experimental
        assertEquals(java.util.List.of("wrangler.toml: line 4, `compatibility_flags[0]`: The compatibility flag url_standard became"
                + " the default as of 2022-10-31 so does not need to be specified anymore."), p.warnings);
    }

    @Test
    void flagsNewerThanWorkerdsPublishedSchemaAreKnown() {
        // Read from the workerd binary wrangler 4.168 runs (the .capnp at hand is older); wrangler dev accepts them.
        assertEquals("ok", run("export default { fetch() { return new Response('ok'); } };",
                "compatibility_date = \"2025-01-01\"\ncompatibility_flags = [\"pipe_to_backward_propagation\","
                        + " \"webcrypto_modern_algorithms\", \"no_spec_compliant_dispatch_exceptions\"]"));
    }

    @Test
    void anInlineConfigIsCheckedToo() {
        Simulator.Builder b = Simulator.builder().script("export default { fetch() { return new Response('x'); } };")
                .http(false).inlineConfig("compatibility_date = \"2025-01-01\"\ncompatibility_flags = [\"global_navigatr\"]");
        ConfigException e = assertThrows(ConfigException.class, () -> b.build().close());
        assertEquals("<inline config>: `compatibility_flags[0]`: No such compatibility flag: global_navigatr; did you mean \"global_navigator\"?",
                e.getMessage());
    }

    @Test
    void aFlagImpliedByAnotherFollowsIt() {
        // workerd: nodejs_compat_v2 is implied by nodejs_compat from 2024-09-23 (its $impliedByAfterDate)
        String worker = "export default { fetch() { return new Response(typeof globalThis.Buffer); } };";
        assertEquals("function", run(worker, "compatibility_date = \"2024-09-23\"\ncompatibility_flags = [\"nodejs_compat\"]"));
        assertEquals("undefined", run(worker, "compatibility_date = \"2024-09-22\"\ncompatibility_flags = [\"nodejs_compat\"]"));
        assertEquals("undefined", run(worker, "compatibility_date = \"2024-09-23\"\ncompatibility_flags = [\"nodejs_compat\", \"no_nodejs_compat_v2\"]"));
    }

    private static String run(String worker, String toml) {
        try (Simulator sim = Simulator.builder().script(worker).http(false).inlineConfig(toml).build().start()) {
            return sim.dispatchFetch(FetchRequest.get("/")).text();
        }
    }
}
