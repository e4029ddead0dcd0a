package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The global scope's unhandledrejection / rejectionhandled events, MessageChannel and performance, as
 * recorded from wrangler dev 4.168 (conformance case web/globals-events holds the recording).
 */
class GlobalEventsTest {
    private static final String WORKER = """
            const events = [];
            const record = (e) => events.push([e.type, e.promise.tag ?? "?", e.reason instanceof Error ? e.reason.message : String(e.reason)]);
            addEventListener("unhandledrejection", record);
            addEventListener("rejectionhandled", record);
            addEventListener("unhandledrejection", () => { throw new Error("a listener that throws"); });
            const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
            const tagged = (tag, p) => { p.tag = tag; return p; };
            export default {
              async fetch(request) {
                const { pathname } = new URL(request.url);
                events.length = 0;
                if (pathname === "/rejections") {
                  tagged("plain", Promise.reject(new Error("plain")));
                  tagged("caught", Promise.reject(new Error("caught"))).catch(() => {});
                  const later = tagged("later", Promise.reject(new Error("later")));
                  await sleep(1);
                  const before = events.length;
                  later.catch(() => {});
                  await sleep(1);
                  return Response.json({ before, events });
                }
                if (pathname === "/handled-by-the-worker") {
                  // Rejections the worker handles, through the runtime's own promises: no event.
                  try { await fetch("http://127.0.0.1:1/"); } catch {}
                  try { await new Response("x").json(); } catch {}
                  const stream = new ReadableStream({ pull(c) { c.error(new Error("stream")); } });
                  try { await stream.getReader().read(); } catch {}
                  try { await crypto.subtle.digest("nope", new Uint8Array(1)); } catch {}
                  try { await scheduler.wait(1, { signal: AbortSignal.abort() }); } catch {}
                  await sleep(5);
                  return Response.json({ events });
                }
                if (pathname === "/message-channel") {
                  const got = [];
                  const { port1, port2 } = new MessageChannel();
                  port2.onmessage = (e) => got.push(e.data instanceof Map ? [...e.data] : e.data);
                  port1.postMessage(new Map([["k", 1]]));
                  port1.postMessage("two");
                  const sync = got.length;
                  await null;
                  let cloneError;
                  try { port1.postMessage(() => 1); } catch (e) { cloneError = e.name + ": " + e.message; }
                  port2.close();
                  port1.postMessage("after close");
                  await sleep(1);
                  return Response.json({ sync, got, cloneError });
                }
                if (pathname === "/globals") {
                  return Response.json({ mc: typeof MessageChannel, mp: typeof MessagePort, perf: typeof Performance,
                    timeOrigin: performance.timeOrigin, nearNow: Math.abs(performance.now() - Date.now()) < 1000,
                    enumerable: Object.getOwnPropertyDescriptor(globalThis, "performance").enumerable, graal: typeof Graal });
                }
                return new Response("?", { status: 404 });
              },
            };
            """;

    @RegisterExtension
    final WorkerFixture worker = WorkerFixture.script(WORKER).toml("compatibility_date = \"2026-03-03\"");

    @Test
    void rejectionsNoOneHandlesReachTheGlobalListeners() {
        JsonNode r = worker.getJson("/rejections");
        assertEquals(2, r.get("before").asInt(), r.toString()); // after the checkpoint, before the catch()
        assertJson(List.of(
                List.of("unhandledrejection", "plain", "plain"),
                List.of("unhandledrejection", "later", "later"),
                // workerd's rejectionhandled carries no reason
                List.of("rejectionhandled", "later", "undefined")), r.get("events"));
        // A listener that throws is reported and the next request still sees its events.
        assertEquals(3, worker.getJson("/rejections").get("events").size());
    }

    @Test
    void rejectionsTheWorkerHandlesInsideTheRuntimeFireNothing() {
        assertJson(Map.of("events", List.of()), worker.getJson("/handled-by-the-worker"));
    }

    @Test
    void messageChannelDeliversClonesInAMicrotask() {
        assertJson(Map.of(
                "sync", 0,
                "got", List.of(List.of(List.of("k", 1)), "two"),
                "cloneError", "DataCloneError: () => 1 could not be cloned."), worker.getJson("/message-channel"));
    }

    @Test
    void performanceHasWorkerdsShape() {
        assertJson(Map.of("mc", "function", "mp", "function", "perf", "undefined",
                "timeOrigin", 0, "nearNow", true, "enumerable", true,
                "graal", "undefined"), worker.getJson("/globals")); // the tracker's global is the runtime's alone
    }

    @Test
    void messageChannelArrivesWithItsCompatibilityDate() {
        String before = "compatibility_date = \"2025-08-14\"";
        try (WorkerFixture old = WorkerFixture.script(WORKER).toml(before).start();
             WorkerFixture flagged = WorkerFixture.script(WORKER)
                     .toml(before + "\ncompatibility_flags = [\"expose_global_message_channel\"]").start()) {
            assertEquals("undefined", old.getJson("/globals").get("mc").asText());
            assertEquals("undefined", old.getJson("/globals").get("mp").asText());
            assertEquals("function", flagged.getJson("/globals").get("mc").asText());
        }
    }
}
