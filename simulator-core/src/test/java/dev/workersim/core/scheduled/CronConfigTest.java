package dev.workersim.core.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.TestProjects;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `triggers.crons` in wrangler.toml / wrangler.jsonc: read as written, checked at load. */
class CronConfigTest {
    @TempDir
    Path dir;

    private Path toml(String extra) throws Exception {
        Path cfg = TestProjects.project(dir, "src/index.js", "export default {};");
        Files.writeString(cfg, Files.readString(cfg) + extra);
        return cfg;
    }

    @Test
    void cronsAreKeptCharacterForCharacter() throws Exception {
        Path cfg = toml("[triggers]\ncrons = [\"*/3 * * * *\", \"0 15 1 * *\", \"59  23 LW * *\"]\n");
        assertEquals(List.of("*/3 * * * *", "0 15 1 * *", "59  23 LW * *"), ConfigLoader.load(cfg).crons());
    }

    @Test
    void noTriggersMeansNoCrons() throws Exception {
        assertEquals(List.of(), ConfigLoader.load(toml("")).crons());
        assertEquals(List.of(), ConfigLoader.load(toml("[triggers]\ncrons = []\n")).crons());
    }

    @Test
    void jsoncToo() throws Exception {
        TestProjects.write(dir.resolve("src/index.js"), "export default {};");
        Path cfg = dir.resolve("wrangler.jsonc");
        Files.writeString(cfg, "{ \"main\": \"src/index.js\", // comment\n \"triggers\": { \"crons\": [\"0 * * * *\",] } }");
        assertEquals(List.of("0 * * * *"), ConfigLoader.load(cfg).crons());
    }

    @Test
    void anInvalidCronFailsTheLoadNamingKeyAndField() throws Exception {
        Path cfg = toml("[triggers]\ncrons = [\"* * * * *\", \"0 0 * * 0\"]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(cfg));
        assertTrue(e.getMessage().contains("`triggers.crons[1]`"), e.getMessage());
        assertTrue(e.getMessage().contains("day-of-week"), e.getMessage());
    }

    @Test
    void environmentCronsAreCheckedToo() throws Exception {
        Path cfg = toml("[env.dev.triggers]\ncrons = [\"0 25 * * *\"]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(cfg));
        assertTrue(e.getMessage().contains("`env.dev.triggers.crons[0]`"), e.getMessage());
        assertTrue(e.getMessage().contains("hour"), e.getMessage());
    }

    @Test
    void wrongShapes() throws Exception {
        assertThrows(ConfigException.class, () -> ConfigLoader.load(toml("[triggers]\ncrons = \"* * * * *\"\n")));
        assertThrows(ConfigException.class, () -> ConfigLoader.load(toml("[triggers]\ncrons = [5]\n")));
    }

    @Test
    void theSelectedEnvironmentsCronsAreTheOnesThatFire(@TempDir Path dir) throws Exception {
        Path config = TestProjects.project(dir, "src/index.js", "export default { scheduled() {} };\n");
        Files.writeString(config, Files.readString(config)
                + "\n[triggers]\ncrons = [\"0 0 * * *\"]\n\n[env.staging.triggers]\ncrons = [\"*/5 * * * *\"]\n");
        try (dev.workersim.core.Simulator top = dev.workersim.core.Simulator.builder().config(config).http(false)
                .processEnv(java.util.Map.of()).build().start();
             dev.workersim.core.Simulator staging = dev.workersim.core.Simulator.builder().config(config).http(false)
                .processEnv(java.util.Map.of()).environment("staging").build().start()) {
            assertEquals(List.of("0 0 * * *"), top.nextFireTimes(2).stream().map(CronTriggers.Fire::cron).distinct().toList());
            assertEquals(List.of("*/5 * * * *"), staging.nextFireTimes(2).stream().map(CronTriggers.Fire::cron).distinct().toList());
        }
    }
}
