package dev.workersim.core.scheduled;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scheduled() handler through the Java API: controller, outcome, waitUntil, noRetry, logs. */
class ScheduledHandlerTest {
    static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.builder().http(false).script("""
                let last = null;
                export default {
                  async scheduled(controller, env, ctx) {
                    last = { cron: controller.cron, time: controller.scheduledTime, type: typeof controller.type,
                      tag: Object.prototype.toString.call(controller), keys: Object.keys(controller),
                      hasEnv: typeof env, hasCtx: typeof ctx.waitUntil };
                    console.log("ran " + controller.cron);
                    switch (controller.cron) {
                      case "throw": throw new TypeError("boom");
                      case "reject": return Promise.reject(new Error("nope"));
                      case "no-retry": controller.noRetry(); throw new Error("do not retry");
                      case "wu-reject":
                        ctx.waitUntil(new Promise((r) => setTimeout(r, 30)));
                        ctx.waitUntil(new Promise((_, j) => setTimeout(() => j(new Error("second, first to fail")), 10)));
                        ctx.waitUntil(new Promise((_, j) => setTimeout(() => j(new Error("late")), 60)));
                        return;
                      case "wu-nested":
                        ctx.waitUntil(new Promise((r) => setTimeout(() => {
                          ctx.waitUntil(Promise.reject(new Error("added later")));
                          r();
                        }, 10)));
                        return;
                      case "wu-ok":
                        ctx.waitUntil(new Promise((r) => setTimeout(() => { console.log("waitUntil done"); r(); }, 20)));
                        return "ignored";
                    }
                  },
                  async fetch() { return Response.json(last); },
                };
                """).build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String last() {
        return sim.dispatchFetch(FetchRequest.get("/")).text();
    }

    @Test
    void controllerCarriesCronAndTime() {
        ScheduledOutcome o = sim.scheduled("*/5  * * * *", Instant.parse("2024-01-01T00:05:00Z"));
        assertTrue(o.ok());
        assertEquals(ScheduledOutcome.Status.OK, o.status());
        assertNull(o.error());
        assertEquals(List.of("ran */5  * * * *"), o.logs());
        assertJson(Map.of("cron", "*/5  * * * *", "time", 1704067500000L, "type", "undefined",
                "tag", "[object ScheduledController]", "keys", List.of("cron", "scheduledTime"), "hasEnv", "object",
                "hasCtx", "function"), last());
    }

    @Test
    void aThrowOrRejectionIsAnException() {
        ScheduledOutcome thrown = sim.scheduled("throw", Instant.EPOCH);
        assertEquals(ScheduledOutcome.Status.EXCEPTION, thrown.status());
        assertEquals("TypeError: boom", thrown.error().headline());
        assertFalse(thrown.failedInWaitUntil());
        assertTrue(thrown.logs().stream().anyMatch(l -> l.startsWith("Uncaught TypeError: boom")), thrown.logs().toString());
        ScheduledOutcome rejected = sim.scheduled("reject", Instant.EPOCH);
        assertEquals("Error: nope", rejected.error().headline());
        assertFalse(rejected.noRetry());
    }

    @Test
    void noRetryIsReported() {
        ScheduledOutcome o = sim.scheduled("no-retry", Instant.EPOCH);
        assertTrue(o.noRetry());
        assertFalse(o.ok());
    }

    @Test
    void theFirstWaitUntilToRejectMarksTheRunFailed() {
        ScheduledOutcome o = sim.scheduled("wu-reject", Instant.EPOCH);
        assertEquals(ScheduledOutcome.Status.EXCEPTION, o.status());
        assertTrue(o.failedInWaitUntil());
        assertEquals("second, first to fail", o.error().message());
    }

    @Test
    void waitUntilAddedWhileWaitingCounts() {
        ScheduledOutcome o = sim.scheduled("wu-nested", Instant.EPOCH);
        assertEquals("added later", o.error().message());
    }

    @Test
    void theRunEndsWhenWaitUntilSettles() {
        ScheduledOutcome o = sim.scheduled("wu-ok", Instant.EPOCH);
        assertTrue(o.ok());
        assertEquals(List.of("ran wu-ok", "waitUntil done"), o.logs());
    }

    @Test
    void classAndServiceWorkerHandlers() {
        try (Simulator cls = Simulator.builder().http(false).script("""
                import { WorkerEntrypoint } from "cloudflare:workers";
                export default class extends WorkerEntrypoint {
                  async scheduled(controller) { console.log(controller.cron + " " + typeof this.env + " " + typeof this.ctx.waitUntil); }
                  async fetch() { return new Response("x"); }
                }
                """).build().start()) {
            ScheduledOutcome o = cls.scheduled("a b", Instant.EPOCH);
            assertTrue(o.ok(), String.valueOf(o.error()));
            assertEquals(List.of("a b object function"), o.logs());
        }
        try (Simulator sw = Simulator.builder().http(false).script("""
                addEventListener("scheduled", (event) => {
                  console.log(event.type + " " + event.cron + " " + event.scheduledTime);
                  if (event.cron === "throw") throw new Error("sw boom");
                  event.waitUntil(event.cron === "wu" ? Promise.reject(new Error("sw wu")) : Promise.resolve());
                });
                addEventListener("fetch", (e) => e.respondWith(new Response("x")));
                """).build().start()) {
            ScheduledOutcome ok = sw.scheduled("c", Instant.ofEpochMilli(42));
            assertTrue(ok.ok());
            assertEquals(List.of("scheduled c 42"), ok.logs());
            assertEquals("Error: sw boom", sw.scheduled("throw", Instant.EPOCH).error().headline());
            assertTrue(sw.scheduled("wu", Instant.EPOCH).failedInWaitUntil());
        }
    }

    @Test
    void aWorkerWithoutAScheduledHandlerFails() {
        try (Simulator none = Simulator.builder().http(false).script("export default { fetch() { return new Response('x'); } };")
                .build().start()) {
            ScheduledOutcome o = none.scheduled("", Instant.EPOCH);
            assertFalse(o.ok());
            assertEquals("Handler does not export a scheduled() function", o.error().message());
        }
        try (Simulator sw = Simulator.builder().http(false).script("addEventListener('fetch', (e) => e.respondWith(new Response('x')));")
                .build().start()) {
            assertFalse(sw.scheduled("", Instant.EPOCH).ok());
        }
    }
}
