package dev.workersim.bindings.kv;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import dev.workersim.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvConfigTest {
    @Test
    void anEntryWithoutABindingNamesTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("wrangler.toml");
        Files.writeString(config, "name = \"w\"\nmain = \"w.js\"\n[[kv_namespaces]]\nid = \"abc\"\n");
        Files.writeString(dir.resolve("w.js"), "export default { fetch() { return new Response('x'); } };");
        ConfigException e = assertThrows(ConfigException.class, () -> Simulator.builder().config(config).http(false).build());
        assertTrue(e.getMessage().contains(config.toString()) && e.getMessage().contains("kv_namespaces[0]")
                && e.getMessage().contains("binding"), e.getMessage());
    }
}
