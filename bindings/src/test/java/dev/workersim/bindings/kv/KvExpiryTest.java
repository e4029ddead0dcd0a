package dev.workersim.bindings.kv;

import static dev.workersim.bindings.kv.KvWorkers.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.Simulator;
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

    @Test
    void keysExpireWhenTheClockPassesThem() {
        try (Simulator sim = KvWorkers.start(ROUTES, null)) {
            get(sim, "/put?now=" + sim.clock().millis());
            assertEquals("{\"ttl\":\"a\",\"abs\":{\"value\":\"b\",\"metadata\":{\"m\":1},\"cacheStatus\":null},\"forever\":\"c\","
                    + "\"listed\":[\"abs\",\"forever\",\"ttl\"],\"bulk\":[[\"ttl\",\"a\"],[\"abs\",\"b\"]]}", get(sim, "/state"));

            sim.clock().advance(Duration.ofSeconds(61));
            assertEquals("{\"ttl\":null,\"abs\":{\"value\":\"b\",\"metadata\":{\"m\":1},\"cacheStatus\":null},\"forever\":\"c\","
                    + "\"listed\":[\"abs\",\"forever\"],\"bulk\":[[\"ttl\",null],[\"abs\",\"b\"]]}", get(sim, "/state"));

            sim.clock().advance(Duration.ofSeconds(60));
            assertEquals("{\"ttl\":null,\"abs\":{\"value\":null,\"metadata\":null,\"cacheStatus\":null},\"forever\":\"c\","
                    + "\"listed\":[\"forever\"],\"bulk\":[[\"ttl\",null],[\"abs\",null]]}", get(sim, "/state"));
        }
    }

    @Test
    void ttlValidationUsesTheSimulatorsClock() {
        try (Simulator sim = KvWorkers.start("""
                "/put": async (kv, url) => attempt(() => kv.put("k", "v", { expiration: Number(url.searchParams.get("at")) })),
                """, null)) {
            sim.clock().advance(Duration.ofDays(365));
            long hostSoon = System.currentTimeMillis() / 1000 + 3600; // the future for the host, the past for the simulator
            assertEquals("\"Error: KV PUT failed: 400 Invalid expiration of " + hostSoon
                    + ". Please specify integer greater than the current number of seconds since the UNIX epoch.\"",
                    get(sim, "/put?at=" + hostSoon));
            assertEquals("\"undefined\"", get(sim, "/put?at=" + (sim.clock().millis() / 1000 + 3600)));
        }
    }
}
