package dev.workersim.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec/config.md §3: what `--env NAME` takes from the top level and what it does not. */
class EnvironmentsTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            compatibility_flags = ["nodejs_compat"]
            [vars]
            TOP = "top"
            [[kv_namespaces]]
            binding = "TOP_KV"
            id = "top"
            [triggers]
            crons = ["0 * * * *"]
            [env.staging]
            [env.staging.vars]
            WHERE = "staging"
            [[env.staging.kv_namespaces]]
            binding = "STAGING_KV"
            id = "staging"
            [env.named]
            name = "custom"
            main = "other.js"
            [env.named.triggers]
            crons = ["5 5 * * *"]
            """;

    private ConfigProject project() {
        return new ConfigProject(dir).toml(CONFIG).file("other.js",
                "export default { fetch() { return new Response('other'); } };\n");
    }

    @Test
    void varsAndBindingsAreNotInherited() {
        ConfigProject p = project();
        JsonNode env = p.env("staging", Map.of());
        assertEquals("staging", env.get("WHERE").asText());
        assertFalse(env.has("TOP"));
        // As wrangler: the names staging leaves out are named.
        assertTrue(p.warnings.stream().anyMatch(w -> w.startsWith("The following vars exist at the top level, but not on \"env.staging.vars\"")
                && w.endsWith("- TOP")), p.warnings.toString());
        assertTrue(p.warnings.stream().anyMatch(w -> w.startsWith("There is a kv_namespaces binding with name \"TOP_KV\" at the top level")),
                p.warnings.toString());
        try (Simulator sim = p.builder("staging", Map.of()).build().start()) {
            assertEquals("app-staging", sim.displayName());
            assertEquals(List.of("nodejs_compat"), sim.config().compatibilityFlags(), "inherited");
            assertEquals(List.of("0 * * * *"), sim.config().crons(), "inherited");
            JsonNode kv = sim.config().raw().get("kv_namespaces");
            assertEquals(1, kv.size());
            assertEquals("STAGING_KV", kv.get(0).get("binding").asText(), "providers see the environment's own bindings");
            assertFalse(sim.config().raw().has("env"));
        }
    }

    @Test
    void theEnvironmentReplacesInheritableKeys() {
        ConfigProject p = project();
        try (Simulator sim = p.builder("named", Map.of()).build().start()) {
            assertEquals("custom", sim.displayName());
            assertEquals(List.of("5 5 * * *"), sim.config().crons());
            assertTrue(sim.config().main().endsWith("other.js"));
            assertFalse(sim.config().raw().has("kv_namespaces"));
        }
        assertTrue(p.warnings.stream().anyMatch(w -> w.startsWith("\"kv_namespaces\" exists at the top level, but not on \"env.named\"")),
                p.warnings.toString());
        assertTrue(p.warnings.stream().anyMatch(w -> w.startsWith("\"vars\" exists at the top level")), p.warnings.toString());
    }

    @Test
    void topLevelWithoutEnvironment() {
        JsonNode env = project().env();
        assertEquals("top", env.get("TOP").asText());
        assertFalse(env.has("WHERE"));
    }

    @Test
    void anUnknownEnvironmentIsAnErrorWhenOthersExist() {
        ConfigException e = assertThrows(ConfigException.class, () -> project().builder("prod", Map.of()).build());
        assertTrue(e.getMessage().contains("No environment found in configuration with name \"prod\""), e.getMessage());
        assertTrue(e.getMessage().contains("[staging, named]"), e.getMessage());
    }

    @Test
    void anUnknownEnvironmentWithNoneDeclaredWarnsAndUsesTheTopLevel() {
        ConfigProject p = new ConfigProject(dir).toml("[vars]\nTOP = \"top\"\n");
        try (Simulator sim = p.builder("dev", Map.of()).build().start()) {
            assertEquals("app-dev", sim.displayName());
        }
        assertEquals("top", p.env("dev", Map.of()).get("TOP").asText());
        assertTrue(p.warnings.stream().anyMatch(w -> w.contains("No environment found")), p.warnings.toString());
    }
}
