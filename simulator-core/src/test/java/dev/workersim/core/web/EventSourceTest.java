package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;

import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** EventSource reads the worker's own text/event-stream over HTTP (conformance web/globals-eventsource holds wrangler dev's recording). */
class EventSourceTest {
    private static final String WORKER = """
            const seen = [];
            const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                if (url.pathname === "/stream") {
                  seen.push(request.headers.get("last-event-id"));
                  return new Response("id: 3\\ndata: one\\ndata: two\\n\\nevent: ping\\ndata: p\\r\\n\\r\\n",
                    { headers: { "content-type": "text/event-stream; charset=utf-8" } });
                }
                if (url.pathname === "/json") return Response.json({});
                if (url.pathname === "/fetcher") {
                  // { fetcher }: the stream comes from the object's fetch(), no HTTP at all
                  const asked = [];
                  const fetcher = { fetch: (u, init) => { asked.push([u, new Headers(init.headers).get("accept")]);
                    return new Response("data: via fetcher\\n\\n", { headers: { "content-type": "text/event-stream" } }); } };
                  const es = new EventSource("https://sse.example/feed", { fetcher });
                  const data = await new Promise((resolve) => { es.onmessage = (e) => resolve(e.data); });
                  es.close();
                  return Response.json({ data, asked });
                }
                const events = [];
                // The simulator's HTTP address: the test's own requests come without a socket.
                const base = url.searchParams.get("base");
                const es = new EventSource(new URL(url.pathname === "/bad" ? "/json" : "/stream", base));
                const record = (e) => {
                  events.push([e.type, es.readyState, e.data ?? String(e.error), e.lastEventId ?? ""]);
                  if (events.filter((x) => x[0] === "open").length === 2) es.close();
                };
                es.onopen = record; es.onmessage = record; es.onerror = record; es.addEventListener("ping", record);
                for (let i = 0; i < 100 && es.readyState !== EventSource.CLOSED; i++) await sleep(50);
                return Response.json({ events, seen });
              },
            };
            """;

    @RegisterExtension
    final WorkerFixture worker = WorkerFixture.script(WORKER).toml("compatibility_date = \"2025-09-01\"").http();

    @Test
    void eventsArriveAndADroppedStreamReconnectsWithTheLastId() {
        assertJson(Map.of(
                "events", List.of(
                        List.of("open", 1, "undefined", ""),
                        List.of("message", 1, "one\ntwo", "3"),
                        List.of("ping", 1, "p", "3"),
                        List.of("error", 0, "Error: The server disconnected.", ""),
                        List.of("open", 1, "undefined", "")),
                "seen", java.util.Arrays.asList(null, "3")), worker.getJson("/watch?base=" + worker.url()));
    }

    @Test
    void aFetcherInPlaceOfFetch() {
        assertJson(Map.of("data", "via fetcher", "asked", List.of(List.of("https://sse.example/feed", "text/event-stream"))),
                worker.getJson("/fetcher"));
    }

    @Test
    void aStreamOfAnotherTypeClosesForGood() {
        assertJson(Map.of("events", List.of(List.of("error", 2, "AbortError: The content type 'application/json' is invalid.", "")),
                "seen", List.of()), worker.getJson("/bad?base=" + worker.url()));
    }
}
