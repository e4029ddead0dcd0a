package dev.workersim.bindings.kv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.testing.RouteWorker;
import dev.workersim.core.testing.WorkerFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a write load loses no acknowledged write and leaves a store that opens. */
class KvCrashTest {
    private static final int ACKS_BEFORE_KILL = 400;

    @Test
    void noAcknowledgedWriteIsLostWhenTheProcessIsKilled(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KvCrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> acked = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) acked.add("key-" + line.substring(4));
            }
            // SIGKILL while writers are mid-flight: no shutdown hooks, no final commit. (Acks printed
            // but not yet read are not checked; destroying the process closes the pipe.)
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(acked.size() >= ACKS_BEFORE_KILL, "child acknowledged only " + acked.size() + " writes");

        try (WorkerFixture worker = WorkerFixture.script(RouteWorker.script("""
                "/all": async (kv) => {
                  const names = [];
                  let cursor;
                  for (;;) {
                    const page = await kv.list({ cursor });
                    names.push(...page.keys.map((k) => k.name));
                    if (page.list_complete) return names;
                    cursor = page.cursor;
                  }
                },
                """, "env.KV, url, env")).toml("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"abc\"").persistTo(dir).start()) {
            Set<String> present = new HashSet<>();
            worker.getJson("/all").forEach(name -> present.add(name.asText()));
            List<String> missing = new ArrayList<>();
            for (String k : acked) if (!present.contains(k)) missing.add(k);
            assertTrue(missing.isEmpty(), missing.size() + " acknowledged keys lost, e.g. " + missing.subList(0, Math.min(5, missing.size())));
        }
    }
}
