package dev.workersim.bindings.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.bindings.StartFailure;
import dev.workersim.core.Simulator;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** env.RL.limit({ key }) counts per namespace and key in fixed windows of the simulator's clock. */
class RateLimitTest {
    private static final String WORKER = """
            export default { async fetch(req, env) {
              const u = new URL(req.url);
              const rl = env[u.searchParams.get("b") ?? "RL"];
              try {
                return Response.json(await rl.limit(JSON.parse(u.searchParams.get("o") ?? '{"key":"k"}')));
              } catch (e) { return Response.json({ error: e.constructor.name, message: e.message }); }
            } };
            """;

    private static String limiter(String name, String namespace, int limit, int period) {
        return "[[ratelimits]]\nname = \"" + name + "\"\nnamespace_id = \"" + namespace + "\"\nsimple = { limit = "
                + limit + ", period = " + period + " }\n";
    }

    private static String get(Simulator sim, String query) {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("/?" + query));
        assertEquals(200, r.status(), r.text());
        return r.text();
    }

    private static String call(Simulator sim, String binding, String key) {
        return get(sim, "b=" + binding + "&o=" + java.net.URLEncoder.encode("{\"key\":\"" + key + "\"}", java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aKeyGetsLimitCallsPerWindowThenTheNextWindowStartsAfresh() {
        try (Simulator sim = Simulator.builder().script(WORKER).inlineConfig(limiter("RL", "1", 2, 10)).http(false).build().start()) {
            // Start at the beginning of a 10 s window so the calls below cannot straddle two.
            Instant start = Instant.ofEpochSecond((sim.clock().millis() / 10_000 + 1) * 10);
            sim.clock().set(start);
            assertEquals("{\"success\":true}", call(sim, "RL", "a"));
            assertEquals("{\"success\":true}", call(sim, "RL", "a"));
            assertEquals("{\"success\":false}", call(sim, "RL", "a"));
            assertEquals("{\"success\":true}", call(sim, "RL", "b"), "each key has its own counter");
            // Fixed windows aligned to the clock: 9 s later is still the same window...
            sim.clock().set(start.plusSeconds(9));
            assertEquals("{\"success\":false}", call(sim, "RL", "a"));
            // ...and one more second starts the next one.
            sim.clock().set(start.plusSeconds(10));
            assertEquals("{\"success\":true}", call(sim, "RL", "a"));
            // Not a sliding window: a key used up halfway through a window is free again when it ends.
            sim.clock().set(start.plusSeconds(15));
            call(sim, "RL", "c");
            call(sim, "RL", "c");
            assertEquals("{\"success\":false}", call(sim, "RL", "c"));
            sim.clock().set(start.plusSeconds(20));
            assertEquals("{\"success\":true}", call(sim, "RL", "c"));
        }
    }

    @Test
    void bindingsOfOneNamespaceShareCountersAcrossWorkers() {
        String toml = limiter("RL", "7", 3, 60) + limiter("OTHER", "8", 3, 60);
        try (Simulator sim = Simulator.builder().name("a").script(WORKER).inlineConfig(toml).http(false)
                .auxiliaryScript("b", WORKER, limiter("RL", "7", 5, 60)).build().start()) {
            sim.clock().set(Instant.ofEpochSecond((sim.clock().millis() / 60_000 + 1) * 60));
            Simulator b = sim.auxiliary("b");
            for (int i = 0; i < 3; i++) assertEquals("{\"success\":true}", call(sim, "RL", "k"));
            assertEquals("{\"success\":false}", call(sim, "RL", "k"));
            // Worker b's binding has limit 5 on the same namespace: the 3 calls above count for it.
            assertEquals("{\"success\":true}", call(b, "RL", "k"));
            assertEquals("{\"success\":true}", call(b, "RL", "k"));
            assertEquals("{\"success\":false}", call(b, "RL", "k"));
            assertEquals("{\"success\":true}", call(sim, "OTHER", "k"), "another namespace counts apart");
        }
    }

    @Test
    void badArgumentsThrowWorkerdsErrors() {
        try (Simulator sim = Simulator.builder().script(WORKER).inlineConfig(limiter("RL", "1", 2, 10)).http(false).build().start()) {
            assertEquals("{\"error\":\"Error\",\"message\":\"invalid key: 5\"}", get(sim, "o=%7B%22key%22%3A5%7D"));
            assertEquals("{\"error\":\"Error\",\"message\":\"invalid rate limit options\"}", get(sim, "o=null"));
            assertEquals("{\"error\":\"Error\",\"message\":\"bad rate limit options: [foo]\"}", get(sim, "o=%7B%22foo%22%3A1%7D"));
            assertEquals("{\"error\":\"Error\",\"message\":\"unsupported period: 30\"}", get(sim, "o=%7B%22period%22%3A30%7D"));
            assertEquals("{\"error\":\"RangeError\",\"message\":\"delta must be non-zero\"}", get(sim, "o=%7B%22delta%22%3A0%7D"));
            // No key counts against the empty key.
            assertEquals("{\"success\":true}", get(sim, "o=%7B%7D"));
        }
    }

    @Test
    void wrongSettingsFailAtStart() {
        assertTrue(failure(limiter("RL", "1", 2, 30)).contains("ratelimits[0]: \"simple.period\" must be 10 or 60 (seconds) (got 30)"));
        assertTrue(failure(limiter("RL", "1", 0, 10)).contains("ratelimits[0]: \"simple.limit\" must be a positive whole number (got 0)"));
        assertTrue(failure(limiter("RL", "abc", 1, 10)).contains("\"namespace_id\" must be a positive integer, as a string (got \"abc\")"));
        assertTrue(failure("[[ratelimits]]\nname = \"RL\"\nnamespace_id = \"1\"\n").contains("ratelimits[0]: missing \"simple\""));
    }

    private static String failure(String toml) {
        return StartFailure.of(Simulator.builder().script(WORKER).inlineConfig(toml).http(false));
    }
}
