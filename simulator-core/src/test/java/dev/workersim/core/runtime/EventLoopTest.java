package dev.workersim.core.runtime;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Timers, microtasks and the interleaving of requests on one worker's loop, seen from JS. */
class EventLoopTest {
    @Test
    void timersMicrotasksAndIntervalsRunInOrder() {
        String script = """
                export default { async fetch() {
                  const log = [];
                  setTimeout(() => log.push("timeout 300"), 300);
                  setTimeout(() => log.push("timeout 0"), 0);
                  const cancelled = setTimeout(() => log.push("cancelled"), 5);
                  clearTimeout(cancelled);
                  queueMicrotask(() => log.push("microtask"));
                  Promise.resolve().then(() => log.push("promise"));
                  let n = 0;
                  await new Promise((resolve) => {
                    const id = setInterval(() => { log.push("tick " + ++n); if (n === 3) { clearInterval(id); resolve(); } }, 1);
                  });
                  await new Promise((r) => setTimeout(r, 350));
                  log.push("args " + await new Promise((r) => setTimeout((a, b) => r(a + b), 1, 2, 3)));
                  return Response.json(log);
                } };
                """;
        try (Simulator sim = Simulator.builder().script(script).http(false).build().start()) {
            assertJson(List.of("microtask", "promise", "timeout 0", "tick 1", "tick 2", "tick 3", "timeout 300", "args 5"),
                    sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }

    @Test
    void requestsToOneWorkerInterleaveOnItsLoop() throws Exception {
        // The first request waits for a promise that only the second request resolves: this can only
        // finish if both are in flight on the same loop at once, as in one workerd isolate.
        String script = """
                let release;
                const gate = new Promise((r) => (release = r));
                export default { async fetch(req) {
                  const path = new URL(req.url).pathname;
                  if (path === "/wait") return new Response("released by " + await gate);
                  release(path);
                  return new Response("released");
                } };
                """;
        try (Simulator sim = Simulator.builder().script(script).http(false).build().start()) {
            CompletableFuture<FetchResponse> waiting = CompletableFuture.supplyAsync(() -> sim.dispatchFetch(FetchRequest.get("/wait")));
            Thread.sleep(100);
            assertEquals("released", sim.dispatchFetch(FetchRequest.get("/release")).text());
            assertEquals("released by /release", waiting.get().text());
        }
    }

    @Test
    void anUncaughtErrorInATimerIsLoggedAndTheWorkerKeepsServing() {
        StringBuilder errors = new StringBuilder();
        String script = """
                export default { async fetch() {
                  setTimeout(() => { throw new RangeError("late failure"); }, 0);
                  await new Promise((r) => setTimeout(r, 10));
                  return new Response("still here");
                } };
                """;
        try (Simulator sim = Simulator.builder().script(script).http(false)
                .log((level, text) -> { if (level == LogSink.Level.ERROR) synchronized (errors) { errors.append(text); } })
                .build().start()) {
            assertEquals("still here", sim.dispatchFetch(FetchRequest.get("/")).text());
            assertEquals("still here", sim.dispatchFetch(FetchRequest.get("/")).text());
        }
        org.junit.jupiter.api.Assertions.assertTrue(errors.toString().contains("RangeError: late failure"), errors.toString());
    }
}
