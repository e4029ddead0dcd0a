package dev.workersim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.config.ConfigLoader;
import dev.workersim.core.config.WorkerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of `sim dev` that do not need a server: --var, the bindings banner, the hotkeys. */
class DevCommandTest {
    @TempDir
    Path dir;

    @Test
    void varsSplitAtTheFirstColon() {
        assertEquals(Map.of("A", "1", "URL", "http://x:8080/"), DevCommand.parseVars(List.of("A:1", "URL:http://x:8080/")));
        assertThrows(IllegalArgumentException.class, () -> DevCommand.parseVars(List.of("novalue")));
    }

    @Test
    void bannerListsBindingsVarsAndHidesSecrets() throws IOException {
        Files.writeString(dir.resolve("worker.js"), "export default {}");
        Files.writeString(dir.resolve(".dev.vars"), "TOKEN=secret\n");
        Files.writeString(dir.resolve("wrangler.toml"), """
                main = "worker.js"
                [vars]
                PLAIN = "shown"
                [[kv_namespaces]]
                binding = "CACHE"
                id = "abc"
                remote = true
                [[d1_databases]]
                binding = "DB"
                database_name = "main"
                """);
        WorkerConfig c = ConfigLoader.load(dir.resolve("wrangler.toml"), new ConfigLoader.Options(null, Map.of()));
        List<BindingTable.Row> rows = BindingTable.rows(c, Map.of("CLI", "v"), false);
        String text = BindingTable.render(rows);
        assertTrue(text.startsWith("Your Worker has access to the following bindings:\nBinding"), text);
        assertTrue(text.matches("(?s).*env\\.CACHE \\(abc\\)\\s+KV Namespace\\s+local.*"), text);
        assertTrue(text.matches("(?s).*env\\.DB \\(main\\)\\s+D1 Database\\s+local.*"), text);
        assertTrue(text.contains("env.PLAIN (\"shown\")"), text);
        assertTrue(text.contains("env.TOKEN (\"(hidden)\")"), text);
        assertFalse(text.contains("secret\""), text);
        assertTrue(text.contains("env.CLI (\"v\")"), text);
        assertTrue(rows.stream().anyMatch(BindingTable.Row::remoteAsked));
        assertFalse(BindingTable.rows(c, Map.of(), true).stream().anyMatch(BindingTable.Row::remoteAsked), "--local");
    }

    @Test
    void aMisspeltCompatibilityFlagStopsSimDev() throws IOException {
        Files.writeString(dir.resolve("worker.js"), "export default { fetch() { return new Response('x'); } };");
        Files.writeString(dir.resolve("wrangler.toml"), """
                name = "app"
                main = "worker.js"
                compatibility_date = "2025-01-01"
                compatibility_flags = ["nodejs_compta"]
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        // Preemptive: were the flag accepted, `sim dev` would serve until stopped.
        int code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> SimRun.run(out, err,
                java.io.InputStream.nullInputStream(), "dev", "-c", dir.resolve("wrangler.toml").toString(), "--port", "18410"));
        assertEquals(2, code, "wrangler dev exits 1 here; any non-zero code refuses to start");
        assertEquals("✘ " + dir.resolve("wrangler.toml") + ": line 4, `compatibility_flags[0]`: No such compatibility flag: nodejs_compta;"
                + " did you mean \"nodejs_compat\"?\n", err.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("Ready on"));
    }

    @Test
    void aDamagedStoreStopsSimDevWithTheFileAndTheWayOut() throws IOException {
        Files.writeString(dir.resolve("worker.js"), "export default { async fetch(r, env) { await env.KV.put('k', 'v'); return new Response('x'); } };");
        Files.writeString(dir.resolve("wrangler.toml"), """
                name = "app"
                main = "worker.js"
                compatibility_date = "2025-01-01"
                [[kv_namespaces]]
                binding = "KV"
                id = "ns"
                """);
        Path state = dir.resolve("state");
        try (dev.workersim.core.Simulator sim = dev.workersim.core.Simulator.builder().config(dir.resolve("wrangler.toml"))
                .http(false).persistTo(state).build().start()) {
            sim.dispatchFetch(dev.workersim.core.FetchRequest.get("/"));
        }
        Path file = state.resolve("kv/ns/kv.db");
        byte[] garbage = new byte[(int) Files.size(file)];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(file, garbage);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> SimRun.run(out, err,
                java.io.InputStream.nullInputStream(), "dev", "-c", dir.resolve("wrangler.toml").toString(), "--port", "18411",
                "--persist-to", state.toString()));
        assertEquals(1, code);
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.startsWith("✘ " + file + " is damaged (Wrong file header, not MapDB file), so the KV namespace \"ns\" (binding KV)"
                + " cannot be opened.\nNothing was changed or deleted."), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
        assertTrue(java.util.Arrays.equals(garbage, Files.readAllBytes(file)));
    }

    @Test
    void hotkeys() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicBoolean quit = new AtomicBoolean();
        InteractiveKeys keys = new InteractiveKeys(URI.create("http://127.0.0.1:8787/"), new PrintStream(buf, true), () -> quit.set(true));
        assertTrue(keys.handle('e'));
        assertTrue(buf.toString().contains("the Local Explorer is at http://127.0.0.1:8787/cdn-cgi/explorer"), buf.toString());
        buf.reset();
        assertTrue(keys.handle('c'));
        assertTrue(buf.toString().startsWith("\033[2J"));
        assertTrue(keys.handle('z'));
        assertFalse(quit.get());
        assertFalse(keys.handle('x'));
        assertTrue(quit.get());
    }

    @Test
    void onEveryAddressTheExplorerKeyOpensLocalhost() {
        // the Local Explorer refuses the Host 0.0.0.0 (as wrangler dev does): the key opens a name it answers
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        InteractiveKeys keys = new InteractiveKeys(URI.create("http://0.0.0.0:8787/"), new PrintStream(buf, true), () -> { });
        assertTrue(keys.handle('e'));
        assertTrue(buf.toString().contains("http://localhost:8787/cdn-cgi/explorer"), buf.toString());
    }
}
