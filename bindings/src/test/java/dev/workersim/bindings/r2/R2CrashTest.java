package dev.workersim.bindings.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.testing.WorkerFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a put load loses no acknowledged object, metadata or body, and the bucket opens. */
class R2CrashTest {
    private static final int ACKS_BEFORE_KILL = 300;

    @Test
    void noAcknowledgedPutIsLostWhenTheProcessIsKilled(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), R2CrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Integer> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) acked.add(Integer.parseInt(line.substring(4)));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(acked.size() >= ACKS_BEFORE_KILL, "child acknowledged only " + acked.size() + " puts");

        StringBuilder list = new StringBuilder();
        for (int n : acked) list.append(list.length() > 0 ? "," : "").append(n);
        try (WorkerFixture worker = R2BucketTest.r2("""
                "/check": async (b, req, url) => {
                  const bad = [];
                  for (const n of url.searchParams.get("n").split(",")) {
                    const o = await b.get("obj-" + n);
                    const want = "body-" + n + "-".repeat(n % 300);
                    if (o === null || (await o.text()) !== want || o.customMetadata.n !== n) bad.push(n);
                  }
                  return bad;
                },
                """).persistTo(dir).start()) {
            assertEquals("[]", worker.getText("/check?n=" + list));
        }
    }
}
