package dev.workersim.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec/config.md §4: where local secrets come from, through a worker that returns its env. */
class DevVarsTest {
    @TempDir
    Path dir;

    @Test
    void devVarsOverrideVarsAndAreStrings() {
        JsonNode env = new ConfigProject(dir)
                .toml("[vars]\nPLAIN = \"p\"\nSHARED = \"from toml\"\nJ = { a = 1 }\n")
                .file(".dev.vars", "SHARED=from dev vars\nSECRET=\"s 1 # kept\"\nNUM=42\n")
                .env();
        assertEquals("p", env.get("PLAIN").asText());
        assertEquals("from dev vars", env.get("SHARED").asText());
        assertEquals("s 1 # kept", env.get("SECRET").asText());
        assertTrue(env.get("NUM").isTextual());
        assertEquals(1, env.get("J").get("a").asInt());
    }

    @Test
    void anyDevVarsFileDisablesDotEnv() {
        JsonNode env = new ConfigProject(dir).toml("")
                .file(".dev.vars", "A=dev\n")
                .file(".env", "A=env\nB=env\n")
                .env();
        assertEquals("dev", env.get("A").asText());
        assertFalse(env.has("B"));
    }

    @Test
    void devVarsForTheEnvironmentReplacesDevVars() {
        ConfigProject p = new ConfigProject(dir).toml("[env.staging]\n")
                .file(".dev.vars", "A=base\nONLY_BASE=1\n")
                .file(".dev.vars.staging", "A=staging\n");
        JsonNode staging = p.env("staging", Map.of());
        assertEquals("staging", staging.get("A").asText());
        assertFalse(staging.has("ONLY_BASE"), "no merge with .dev.vars");
        JsonNode top = p.env();
        assertEquals("base", top.get("A").asText());
    }

    @Test
    void devVarsServesAnEnvironmentWithoutItsOwnFile() {
        JsonNode env = new ConfigProject(dir).toml("[env.staging]\n").file(".dev.vars", "A=base\n").env("staging", Map.of());
        assertEquals("base", env.get("A").asText());
    }

    @Test
    void dotEnvFilesMergeWithTheMoreSpecificWinning() {
        // Order as wrangler 4.164 loads them (later wins): .env, .env.local, .env.<env>, .env.<env>.local.
        ConfigProject p = new ConfigProject(dir).toml("[env.staging]\n")
                .file(".env", "A=env\nB=env\nC=env\nD=env\n")
                .file(".env.local", "B=local\nC=local\nD=local\n")
                .file(".env.staging", "C=staging\nD=staging\n")
                .file(".env.staging.local", "D=staging.local\n");
        JsonNode s = p.env("staging", Map.of());
        assertEquals("env", s.get("A").asText());
        assertEquals("local", s.get("B").asText());
        assertEquals("staging", s.get("C").asText());
        assertEquals("staging.local", s.get("D").asText());
        JsonNode top = p.env();
        assertEquals("local", top.get("D").asText(), "without an environment .env.local overrides .env");
    }

    @Test
    void dotEnvExpandsReferences() {
        JsonNode env = new ConfigProject(dir).toml("")
                .file(".env", "HOST=example.com\nURL=https://${HOST}/x\nDEF=${NOPE:-fallback}\nLIT=\\$HOST\n").env();
        assertEquals("https://example.com/x", env.get("URL").asText());
        assertEquals("fallback", env.get("DEF").asText());
        assertEquals("$HOST", env.get("LIT").asText());
    }

    @Test
    void loadFromDotEnvFalseIgnoresEnvFiles() {
        JsonNode env = new ConfigProject(dir).toml("").file(".env", "A=1\n")
                .env(null, Map.of("CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV", "false"));
        assertFalse(env.has("A"));
    }

    @Test
    void includeProcessEnvAddsTheOsEnvironmentUnlessDevVarsExists() {
        ConfigProject p = new ConfigProject(dir).toml("").file(".env", "A=file\nB=file\n");
        Map<String, String> os = Map.of("CLOUDFLARE_INCLUDE_PROCESS_ENV", "true", "FROM_OS", "os", "B", "os wins");
        JsonNode env = p.env(null, os);
        assertEquals("os", env.get("FROM_OS").asText());
        assertEquals("file", env.get("A").asText());
        assertEquals("os wins", env.get("B").asText());
        assertFalse(p.env(null, Map.of("FROM_OS", "os")).has("FROM_OS"), "off by default");
        p.file(".dev.vars", "X=1\n");
        assertFalse(p.env(null, os).has("FROM_OS"), "a .dev.vars file turns it off");
    }

    @Test
    void secretsRequiredFiltersWarnsAndReadsTheOsEnvironment() {
        ConfigProject p = new ConfigProject(dir)
                .toml("[vars]\nV = \"var\"\n[secrets]\nrequired = [\"API_KEY\", \"TOKEN\", \"MISSING\"]\n")
                .file(".env", "API_KEY=k\nV=overridden\nEXTRA=dropped\n");
        JsonNode env = p.env(null, Map.of("TOKEN", "from os", "UNRELATED", "x"));
        assertEquals("k", env.get("API_KEY").asText());
        assertEquals("from os", env.get("TOKEN").asText());
        assertEquals("overridden", env.get("V").asText(), "a var's name is kept");
        assertFalse(env.has("EXTRA"));
        assertFalse(env.has("UNRELATED"));
        assertFalse(env.has("MISSING"));
        assertTrue(p.warnings.stream().anyMatch(w -> w.startsWith("Missing required secrets: MISSING.")), p.warnings.toString());
    }

    @Test
    void cliVarsWinOverSecrets() {
        ConfigProject p = new ConfigProject(dir).toml("[vars]\nA = \"toml\"\n").file(".dev.vars", "A=dev\n");
        JsonNode env = ConfigProject.env(p.builder(null, Map.of()).var("A", "cli").var("NEW", "x"));
        assertEquals("cli", env.get("A").asText());
        assertEquals("x", env.get("NEW").asText());
    }

    @Test
    void cloudflareEnvSelectsTheEnvironment() {
        JsonNode env = new ConfigProject(dir).toml("[env.prod.vars]\nWHERE = \"prod\"\n")
                .env(null, Map.of("CLOUDFLARE_ENV", "prod"));
        assertEquals("prod", env.get("WHERE").asText());
    }

    @Test
    void anEditedDevVarsAppliesAtTheNextReload() {
        ConfigProject p = new ConfigProject(dir).toml("[vars]\nA = \"var\"\n").file(".dev.vars", "S=one\n");
        try (dev.workersim.core.Simulator sim = p.builder(null, Map.of()).build().start()) {
            assertEquals("one", sim.dispatchFetch(dev.workersim.core.FetchRequest.get("/")).text().replaceAll(".*\"S\":\"([^\"]*)\".*", "$1"));
            p.file(".dev.vars", "S=two\n");
            assertEquals(null, sim.reload());
            assertEquals("two", sim.dispatchFetch(dev.workersim.core.FetchRequest.get("/")).text().replaceAll(".*\"S\":\"([^\"]*)\".*", "$1"));
            p.file("wrangler.toml", "name = 5\nmain = \"worker.js\"\n");
            assertTrue(sim.reload().describe().contains("ConfigError"), "a broken config shows as the load error");
        }
    }

    @Test
    void dotenvSyntax() {
        Map<String, String> m = DotEnv.parse("# comment\nexport A=1\nB = two words # note\nC='single $x \\n'\n"
                + "D=\"a\\nb\"\nE=\"line1\nline2\"\nF:  colon\nG=\nH=a=b=c\r\nI=`back`\n");
        assertEquals("1", m.get("A"));
        assertEquals("two words", m.get("B"));
        assertEquals("single $x \\n", m.get("C"));
        assertEquals("a\nb", m.get("D"));
        assertEquals("line1\nline2", m.get("E"));
        assertEquals("colon", m.get("F"));
        assertEquals("", m.get("G"));
        assertEquals("a=b=c", m.get("H"));
        assertEquals("back", m.get("I"));
    }
}
