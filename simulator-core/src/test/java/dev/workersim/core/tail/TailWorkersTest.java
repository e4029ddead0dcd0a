package dev.workersim.core.tail;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.runtime.LogSink;
import dev.workersim.core.testing.WorkerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A producer with `tail_consumers` and a consumer worker whose tail() keeps what it gets. */
class TailWorkersTest {
    private static final String PRODUCER = """
            import { WorkerEntrypoint } from "cloudflare:workers";
            export default class extends WorkerEntrypoint {
              async fetch(request) {
                const url = new URL(request.url);
                switch (url.pathname) {
                  case "/logs":
                    console.log("text", 1, { a: [1] }, undefined);
                    console.warn("careful");
                    console.error("bad", new TypeError("t"));
                    return new Response("ok", { status: 202 });
                  case "/throw": console.log("before"); throw new Error("boom");
                  case "/not-a-response": return "nope";
                  case "/late":
                    this.ctx.waitUntil(new Promise((r) => setTimeout(() => { console.log("late"); r(); }, 30)));
                    this.ctx.waitUntil(Promise.reject(new RangeError("first")));
                    this.ctx.waitUntil(new Promise((_, reject) => setTimeout(() => reject(new Error("second")), 10)));
                    return new Response("ok");
                  case "/slow": {
                    const id = url.searchParams.get("id");
                    console.log(id + "a");
                    await new Promise((r) => setTimeout(r, 40));
                    console.log(id + "b");
                    return new Response(id);
                  }
                  case "/rpc": return new Response(await this.env.SELF.hello("x"));
                  case "/stream": case "/endless": {
                    let i = 0;
                    const endless = url.pathname === "/endless";
                    return new Response(new ReadableStream({
                      async pull(controller) {
                        await new Promise((r) => setTimeout(r, 5));
                        console.log("chunk", i);
                        if (endless || i++ < 2) controller.enqueue(new TextEncoder().encode("x".repeat(endless ? 65536 : 1)));
                        else controller.close();
                      },
                    }));
                  }
                }
                return new Response("plain");
              }
              hello(name) { console.info("hello", name); return "hi " + name; }
              async scheduled(controller) {
                console.log("cron", controller.cron);
                if (controller.cron === "fail") throw new TypeError("cron broke");
              }
            }
            """;
    private static final String PRODUCER_TOML = """
            tail_consumers = [{ service = "tail" }]
            services = [{ binding = "SELF", service = "producer" }]
            """;
    /** Keeps each item (and how many items its tail() call had) under the request path, cron or RPC method. */
    private static final String CONSUMER = """
            const seen = new Map();
            const calls = new Map();
            function keyOf(item) {
              const ev = item.event;
              if (ev && ev.request) return new URL(ev.request.getUnredacted().url).pathname;
              return ev && "cron" in ev ? "cron:" + ev.cron : "rpc:" + ev.rpcMethod;
            }
            export default {
              tail(events, env, ctx) {
                for (const item of events) {
                  const key = keyOf(item);
                  calls.set(key, (calls.get(key) || 0) + 1);
                  const req = item.event.request;
                  seen.set(key, { ...item, count: events.length, calls: calls.get(key), waitUntil: typeof ctx.waitUntil,
                    event: req ? { request: { url: req.url, method: req.method, headers: req.headers, cf: typeof req.cf,
                        unredacted: { url: req.getUnredacted().url, headers: req.getUnredacted().headers } },
                      response: item.event.response } : { ...item.event },
                    logs: item.logs.map((l) => ({ ...l, after: l.timestamp >= item.eventTimestamp })) });
                }
              },
              fetch(request) {
                const key = new URL(request.url).searchParams.get("key");
                return seen.has(key) ? Response.json(seen.get(key)) : new Response("not yet", { status: 404 });
              },
            };
            """;

    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.builder().script(PRODUCER).inlineConfig(PRODUCER_TOML).name("producer").http(false)
                .auxiliaryScript("tail", CONSUMER, "").build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** What the consumer got for {@code key}, once it has arrived (tail() runs after the invocation). */
    static JsonNode item(Simulator consumer, String key) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            FetchResponse r = consumer.dispatchFetch(FetchRequest.get("/events?key=" + java.net.URLEncoder.encode(key, "UTF-8")));
            if (r.status() == 200) return WorkerResponse.of(r).json();
            if (System.currentTimeMillis() > deadline) throw new AssertionError("no tail event for " + key);
            Thread.sleep(20);
        }
    }

    private static JsonNode item(String key) throws Exception {
        return item(sim.auxiliary("tail"), key);
    }

    @Test
    void aFetchInvocationBringsItsLogsOutcomeAndResponse() throws Exception {
        assertEquals(202, sim.dispatchFetch(FetchRequest.get("/logs")).status());
        JsonNode item = item("/logs");
        assertEquals(1, item.get("count").asInt());
        assertEquals("function", item.get("waitUntil").asText());
        assertEquals("ok", item.get("outcome").asText());
        assertTrue(item.get("scriptName").isNull(), "null, as wrangler dev has it");
        assertTrue(item.get("eventTimestamp").asLong() > 0);
        assertEquals(202, item.at("/event/response/status").asInt());
        assertEquals("GET", item.at("/event/request/method").asText());
        assertEquals(0, item.get("exceptions").size());
        JsonNode logs = item.get("logs");
        assertEquals(3, logs.size());
        assertEquals("log", logs.get(0).get("level").asText());
        assertJson(list("text", 1, Map.of("a", List.of(1)), null), logs.get(0).get("message"));
        assertEquals("warn", logs.get(1).get("level").asText());
        assertJson(List.of("bad", "TypeError: t"), logs.get(2).get("message"));
        assertEquals("TypeError", logs.get(2).at("/errorInfo/1/name").asText());
        assertTrue(logs.get(2).at("/errorInfo/1/stack").asText().startsWith("    at "), "frames only");
        assertTrue(logs.get(2).at("/errorInfo/0").isNull(), "the string argument has no error info");
        assertTrue(logs.get(0).get("after").asBoolean(), "a log's timestamp is not before the event's");
        Thread.sleep(100);
        assertEquals(1, item("/logs").get("calls").asInt(), "one tail() call per invocation");
    }

    @Test
    void headersAreLowerCasedJoinedAndRedacted() throws Exception {
        String path = "/ids/0123456789abcdef0123456789abcdef/plain-words?id=Ab12Cd34Ef56Gh78Ij90Kl&n=5";
        FetchRequest req = FetchRequest.get(path).header("X-Dup", "a").header("X-Dup", "b")
                .header("Authorization", "Bearer x").header("Cookie", "c=1").header("X-Monkey", "m").header("X-Plain", "P");
        sim.dispatchFetch(req);
        JsonNode request = item("/ids/0123456789abcdef0123456789abcdef/plain-words").at("/event/request");
        assertEquals("http://localhost/ids/REDACTED/plain-words?id=REDACTED&n=5", request.get("url").asText().replaceFirst("//[^/]+/", "//localhost/"));
        JsonNode h = request.get("headers");
        assertEquals("a, b", h.get("x-dup").asText());
        assertEquals("REDACTED", h.get("authorization").asText());
        assertEquals("REDACTED", h.get("cookie").asText());
        assertEquals("REDACTED", h.get("x-monkey").asText(), "the name contains \"key\"");
        assertEquals("P", h.get("x-plain").asText());
        assertEquals("object", request.get("cf").asText());
        JsonNode raw = request.get("unredacted");
        assertTrue(raw.get("url").asText().endsWith(path));
        assertEquals("Bearer x", raw.at("/headers/authorization").asText());
    }

    @Test
    void aThrowingHandlerIsTailedAsAnswered500AndANonResponseAsAnException() throws Exception {
        assertEquals(500, sim.dispatchFetch(FetchRequest.get("/throw")).status());
        JsonNode thrown = item("/throw");
        assertEquals("ok", thrown.get("outcome").asText(), "wrangler dev's middleware answers the throw with a 500");
        assertEquals(500, thrown.at("/event/response/status").asInt());
        assertJson(List.of("before"), thrown.at("/logs/0/message"));

        sim.dispatchFetch(FetchRequest.get("/not-a-response"));
        JsonNode bad = item("/not-a-response");
        assertEquals("exception", bad.get("outcome").asText());
        assertTrue(bad.at("/event/response").isMissingNode(), "no response");
        assertEquals("TypeError", bad.at("/exceptions/0/name").asText());
        assertEquals("Incorrect type for Promise: the Promise did not resolve to 'Response'.", bad.at("/exceptions/0/message").asText());
    }

    @Test
    void theItemWaitsForWaitUntilAndCarriesItsRejections() throws Exception {
        sim.dispatchFetch(FetchRequest.get("/late"));
        JsonNode item = item("/late");
        assertEquals("ok", item.get("outcome").asText());
        assertJson(List.of("late"), item.at("/logs/0/message"), "a log from a waitUntil task is in the item");
        JsonNode ex = item.get("exceptions");
        assertEquals(2, ex.size());
        assertEquals("RangeError", ex.get(0).get("name").asText());
        assertEquals("first", ex.get(0).get("message").asText());
        assertEquals("second", ex.get(1).get("message").asText());
        assertTrue(ex.get(1).get("timestamp").asLong() > 0);
    }

    @Test
    void interleavedInvocationsKeepTheirOwnLogs() throws Exception {
        CompletableFuture<FetchResponse> one = CompletableFuture.supplyAsync(() -> sim.dispatchFetch(FetchRequest.get("/slow?id=1")));
        CompletableFuture<FetchResponse> two = CompletableFuture.supplyAsync(() -> sim.dispatchFetch(FetchRequest.get("/slow?id=2")));
        one.get();
        two.get();
        // Both items are keyed "/slow"; the later one overwrites, so ask the logs of whichever came last.
        JsonNode logs = item("/slow").get("logs");
        assertEquals(2, logs.size());
        String id = logs.get(0).at("/message/0").asText().substring(0, 1);
        assertEquals("[\"" + id + "b\"]", logs.get(1).get("message").toString());
    }

    @Test
    void aStreamedBodyIsPartOfTheInvocation() throws Exception {
        assertEquals("xx", sim.dispatchFetch(FetchRequest.get("/stream")).text());
        JsonNode item = item("/stream");
        assertEquals("ok", item.get("outcome").asText());
        assertEquals(3, item.get("logs").size(), "logs made while the body streams are in the item");
    }

    @Test
    void aClientThatHangsUpMidStreamCancelsTheInvocation() throws Exception {
        try (Simulator served = Simulator.builder().script(PRODUCER).inlineConfig(PRODUCER_TOML).name("producer")
                .auxiliaryScript("tail", CONSUMER, "").build().start()) {
            try (java.net.Socket socket = new java.net.Socket(served.url().getHost(), served.port())) {
                socket.getOutputStream().write("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                assertTrue(socket.getInputStream().readNBytes(100_000).length > 0);
            }
            assertEquals("canceled", item(served.auxiliary("tail"), "/endless").get("outcome").asText());
        }
    }

    @Test
    void scheduledRunsAreTailedWithCronAndScheduledTime() throws Exception {
        sim.scheduled("5 * * * *", Instant.ofEpochMilli(1_700_000_000_000L));
        JsonNode item = item("cron:5 * * * *");
        assertEquals("ok", item.get("outcome").asText());
        assertEquals(1_700_000_000_000L, item.at("/event/scheduledTime").asLong());
        assertJson(List.of("cron", "5 * * * *"), item.at("/logs/0/message"));

        sim.scheduled("fail", Instant.ofEpochMilli(1_700_000_000_000L));
        JsonNode failed = item("cron:fail");
        assertEquals("exception", failed.get("outcome").asText());
        assertEquals("TypeError", failed.at("/exceptions/0/name").asText());
        assertEquals("cron broke", failed.at("/exceptions/0/message").asText());
    }

    @Test
    void rpcCallsAreTailedWithTheirMethod() throws Exception {
        assertEquals("hi x", sim.dispatchFetch(FetchRequest.get("/rpc")).text());
        JsonNode item = item("rpc:hello");
        assertEquals("ok", item.get("outcome").asText());
        assertEquals("hello", item.at("/event/rpcMethod").asText());
        assertEquals("info", item.at("/logs/0/level").asText());
    }

    @Test
    void aWorkerCanTailItselfWithoutTailingItsTailCalls() throws Exception {
        String self = """
                const seen = [];
                export default {
                  fetch(request) {
                    if (new URL(request.url).pathname === "/seen") return Response.json(seen);
                    return new Response("ok");
                  },
                  tail(events) {
                    console.log("in tail");
                    for (const e of events) seen.push(e.event && e.event.request ? new URL(e.event.request.url).pathname : "a tail call");
                  },
                };
                """;
        try (Simulator one = Simulator.builder().script(self).inlineConfig("tail_consumers = [{ service = \"me\" }]")
                .name("me").http(false).build().start()) {
            one.dispatchFetch(FetchRequest.get("/a"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (!one.dispatchFetch(FetchRequest.get("/seen")).text().contains("/a") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            JsonNode seen = WorkerResponse.of(one.dispatchFetch(FetchRequest.get("/seen"))).ok().json();
            assertEquals("/a", seen.get(0).asText());
            for (int i = 1; i < seen.size(); i++) assertEquals("/seen", seen.get(i).asText(), seen.toString());
        }
    }

    @Test
    void theProducerMayBeTheAuxiliaryWorker() throws Exception {
        try (Simulator consumer = Simulator.builder().script(CONSUMER).name("tail").http(false)
                .auxiliaryScript("producer", PRODUCER, PRODUCER_TOML).build().start()) {
            consumer.auxiliary("producer").dispatchFetch(FetchRequest.get("/from-aux"));
            assertEquals(200, item(consumer, "/from-aux").at("/event/response/status").asInt());
        }
    }

    @Test
    void aConsumerThatIsNotRunningIsWarnedAboutOnce() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        LogSink log = (level, text) -> {
            if (level == LogSink.Level.WARN) warnings.add(text);
        };
        try (Simulator lone = Simulator.builder().script("export default { fetch() { return new Response('x'); } }")
                .inlineConfig("tail_consumers = [{ service = \"absent\" }]").http(false).log(log).build().start()) {
            lone.dispatchFetch(FetchRequest.get("/"));
            lone.dispatchFetch(FetchRequest.get("/"));
            long deadline = System.currentTimeMillis() + 5_000;
            while (warnings.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            Thread.sleep(100);
        }
        assertEquals(1, warnings.stream().filter(w -> w.contains("\"absent\"")).count(), warnings.toString());
    }

    @Test
    void anEntryWithoutServiceIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Simulator.builder()
                .script("export default { fetch() { return new Response('x'); } }")
                .inlineConfig("tail_consumers = [{ environment = \"x\" }]").http(false).build());
        assertTrue(e.getMessage().contains("tail_consumers[0]"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
