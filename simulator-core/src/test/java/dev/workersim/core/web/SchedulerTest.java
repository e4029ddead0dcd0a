package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** scheduler.wait (web/scheduler.js): waits, and an AbortSignal cancels it with the signal's reason. */
class SchedulerTest {
    private static final String WORKER = """
            export default {
              async fetch() {
                const t0 = Date.now();
                await scheduler.wait(30);
                const waited = Date.now() - t0 >= 25;
                const c = new AbortController();
                const p = scheduler.wait(10000, { signal: c.signal }).then(() => "resolved", (e) => e.name + ":" + e.message);
                c.abort(new RangeError("stop"));
                const pre = await scheduler.wait(1, { signal: AbortSignal.abort() }).catch((e) => e.name);
                return Response.json({ waited, aborted: await p, pre, tag: String(scheduler) });
              },
            };
            """;

    @Test
    void waitsAndCanBeAborted() {
        try (Simulator sim = Simulator.builder().script(WORKER).http(false).build()) {
            sim.start();
            assertJson(Map.of("waited", true, "aborted", "RangeError:stop", "pre", "AbortError", "tag", "[object Scheduler]"),
                    sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
        }
    }
}
