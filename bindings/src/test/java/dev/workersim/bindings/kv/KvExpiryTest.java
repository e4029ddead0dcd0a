package dev.workersim.bindings.kv;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.list;
import static dev.workersim.core.testing.JsonAssert.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.testing.RouteWorker;
import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Expiration follows the simulator's clock: moving it past a key's expiry removes the key at once. */
class KvExpiryTest {
    private static final String ROUTES = """
            "/put": async (kv, url) => {
              const now = Math.floor(Number(url.searchParams.get("now")) / 1000);
              await kv.put("ttl", "a", { expirationTtl: 60 });
              await kv.put("abs", "b", { expiration: now + 120, metadata: { m: 1 } });
              await kv.put("forever", "c");
              return "ok";
            },
            "/state": async (kv) => ({ ttl: await kv.get("ttl"), abs: await kv.getWithMetadata("abs"),
              forever: await kv.get("forever"), listed: (await kv.list()).keys.map((k) => k.name),
              bulk: [...(await kv.get(["ttl", "abs"])).entries()] }),
            """;

    private static WorkerFixture kv(String routes) {
        return WorkerFixture.script(RouteWorker.script(routes, "env.KV, url, env")).toml("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"abc\"").start();
    }

    @Test
    void keysExpireWhenTheClockPassesThem() {
        try (WorkerFixture worker = kv(ROUTES)) {
            SimClock clock = worker.simulator().clock();
            worker.getText("/put?now=" + clock.millis());
            JsonNode state = worker.getJson("/state");
            assertEquals("a", state.get("ttl").asText());
            assertJson(obj("value", "b", "metadata", Map.of("m", 1), "cacheStatus", null), state.get("abs"));
            assertEquals("c", state.get("forever").asText());
            assertJson(List.of("abs", "forever", "ttl"), state.get("listed"));
            assertJson(List.of(List.of("ttl", "a"), List.of("abs", "b")), state.get("bulk"));

            clock.advance(Duration.ofSeconds(61));
            state = worker.getJson("/state");
            assertTrue(state.get("ttl").isNull());
            assertJson(obj("value", "b", "metadata", Map.of("m", 1), "cacheStatus", null), state.get("abs"));
            assertEquals("c", state.get("forever").asText());
            assertJson(List.of("abs", "forever"), state.get("listed"));
            assertJson(List.of(list("ttl", null), List.of("abs", "b")), state.get("bulk"));

            clock.advance(Duration.ofSeconds(60));
            state = worker.getJson("/state");
            assertTrue(state.get("ttl").isNull());
            assertJson(obj("value", null, "metadata", null, "cacheStatus", null), state.get("abs"));
            assertEquals("c", state.get("forever").asText());
            assertJson(List.of("forever"), state.get("listed"));
            assertJson(List.of(list("ttl", null), list("abs", null)), state.get("bulk"));
        }
    }

    @Test
    void ttlValidationUsesTheSimulatorsClock() {
        try (WorkerFixture worker = kv("""
                "/put": async (kv, url) => attempt(() => kv.put("k", "v", { expiration: Number(url.searchParams.get("at")) })),
                """)) {
            SimClock clock = worker.simulator().clock();
            clock.advance(Duration.ofDays(365));
            long hostSoon = System.currentTimeMillis() / 1000 + 3600; // the future for the host, the past for the simulator
            assertEquals("Error: KV PUT failed: 400 Invalid expiration of " + hostSoon
                    + ". Please specify integer greater than the current number of seconds since the UNIX epoch.",
                    worker.getJson("/put?at=" + hostSoon).asText());
            assertEquals("undefined", worker.getJson("/put?at=" + (clock.millis() / 1000 + 3600)).asText());
        }
    }
}
