package dev.workersim.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.outbound.OutboundBody;
import dev.workersim.core.outbound.OutboundResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code limits.cpuMs} of a dispatch covers the whole invocation: a user Worker that answers, then
 * burns CPU in its waitUntil work or in timers it set, is stopped once the budget is spent, its
 * isolate answers the next call, and the terminal says why.
 */
class DispatchCpuLimitTest {
    private static final String DISPATCHER = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                const [, script, ...rest] = url.pathname.split("/");
                const ms = url.searchParams.get("ms");
                const options = ms === null ? {} : { limits: { cpuMs: Number(ms) } };
                try {
                  return await env.DISPATCHER.get(script, {}, options).fetch("https://user.internal/" + rest.join("/"));
                } catch (e) {
                  return Response.json({ caught: e.name, message: e.message });
                }
              },
            };
            """;
    private static final String USER = """
            let ticks = 0, shortTicks = 0;
            const spin = (ms) => { const end = performance.now() + ms; while (performance.now() < end) {} };
            export default {
              async fetch(request, env, ctx) {
                switch (new URL(request.url).pathname) {
                  case "/hello": return new Response("hello");
                  case "/ticks": return new Response(String(ticks));
                  case "/short-ticks": return new Response(String(shortTicks));
                  case "/after-timer-in-wait-until":
                    ctx.waitUntil((async () => { await new Promise((r) => setTimeout(r, 10)); for (;;) {} })());
                    return new Response("answered");
                  case "/after-fetch-in-wait-until":
                    ctx.waitUntil((async () => { await fetch("http://origin.example/"); for (;;) {} })());
                    return new Response("answered");
                  case "/awaiting-in-wait-until":
                    ctx.waitUntil((async () => { await new Promise((r) => setTimeout(r, 10)); for (;;) await null; })());
                    return new Response("answered");
                  case "/in-timeout":
                    setTimeout(() => { for (;;) {} }, 10);
                    return new Response("answered");
                  case "/in-interval":
                    setInterval(() => { ticks++; spin(10); }, 1);
                    return new Response("answered");
                  case "/short-interval": {
                    let n = 0;
                    const id = setInterval(() => { shortTicks++; spin(2); if (++n === 3) clearInterval(id); }, 1);
                    return new Response("answered");
                  }
                }
                return new Response("user 404", { status: 404 });
              },
            };
            """;
    private static final String EXCEEDED = "Worker exceeded CPU time limit.";

    private static final List<String> logs = new CopyOnWriteArrayList<>();
    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.builder().script(DISPATCHER).name("dispatcher").http(false)
                .inlineConfig("""
                        compatibility_date = "2025-09-01"
                        [[dispatch_namespaces]]
                        binding = "DISPATCHER"
                        namespace = "customers"
                        """)
                .auxiliaryScript("customer", USER, "dispatch_namespace = \"customers\"\n")
                .outbound(request -> CompletableFuture.completedFuture(
                        new OutboundResponse(200, null, List.of(), OutboundBody.of("origin".getBytes(StandardCharsets.UTF_8)))))
                .log((level, text) -> logs.add(text))
                .build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clearLogs() {
        logs.clear();
    }

    /** The call, failing the test if no answer comes within {@code seconds} (a core stuck in a loop). */
    private static FetchResponse within(int seconds, String path) throws Exception {
        return CompletableFuture.supplyAsync(() -> sim.dispatchFetch(FetchRequest.get(path))).get(seconds, TimeUnit.SECONDS);
    }

    /** The user Worker answered, then ran away: it is stopped, said so, and its isolate answers again. */
    private static void answersThenIsStopped(String path) throws Exception {
        assertEquals("answered", within(10, "/customer" + path + "?ms=50").text());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (logs.stream().noneMatch(l -> l.contains(EXCEEDED)) && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(logs.stream().anyMatch(l -> l.contains(EXCEEDED + " (customer, limits.cpuMs = 50;")),
                "the terminal says which worker and why: " + logs);
        long t0 = System.nanoTime();
        assertEquals("hello", within(10, "/customer/hello?ms=1000").text());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "the next call waited " + ms + " ms for the runaway");
    }

    @Test
    void aLoopInWaitUntilAfterATimerIsStopped() throws Exception {
        answersThenIsStopped("/after-timer-in-wait-until");
    }

    @Test
    void aLoopInWaitUntilAfterAFetchIsStopped() throws Exception {
        answersThenIsStopped("/after-fetch-in-wait-until");
    }

    /** A loop of awaits never leaves the microtask queue: interrupting it must not leave its next step queued. */
    @Test
    void aLoopOfAwaitsInWaitUntilIsStopped() throws Exception {
        answersThenIsStopped("/awaiting-in-wait-until");
        assertEquals("hello", within(5, "/customer/hello").text());
    }

    @Test
    void aLoopInATimeoutIsStopped() throws Exception {
        answersThenIsStopped("/in-timeout");
    }

    @Test
    void anIntervalIsCancelledOnceItsWorkSpentTheBudget() throws Exception {
        answersThenIsStopped("/in-interval");
        long stoppedAt = Long.parseLong(within(5, "/customer/ticks").text());
        Thread.sleep(300);
        assertEquals(stoppedAt, Long.parseLong(within(5, "/customer/ticks").text()), "the interval still runs");
        // 50 ms of CPU in ticks of 10 ms wall time each (less CPU when the machine is busy).
        assertTrue(stoppedAt >= 1 && stoppedAt <= 40, "a few ticks ran before the stop: " + stoppedAt);
    }

    @Test
    void workWithinTheBudgetRunsToItsEnd() throws Exception {
        long before = Long.parseLong(within(5, "/customer/short-ticks").text());
        assertEquals("answered", within(10, "/customer/short-interval?ms=1000").text());
        Thread.sleep(300);
        assertEquals(before + 3, Long.parseLong(within(5, "/customer/short-ticks").text()));
        assertTrue(logs.stream().noneMatch(l -> l.contains(EXCEEDED)), logs.toString());
    }
}
