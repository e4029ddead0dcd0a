package dev.workersim.bindings.ratelimit;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.bindings.StartFailure;
import dev.workersim.core.Simulator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.time.Instant;
import java.util.Map;
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

    /** What limit() resolved to: allowed, or over the limit. */
    private static final Map<String, Object> ALLOWED = Map.of("success", true);
    private static final Map<String, Object> LIMITED = Map.of("success", false);

    /** limit() of the binding the query names ({@code b}, default RL) with the options {@code o} (JSON), as JSON. */
    private static JsonNode get(WorkerFixture worker, String query) {
        return worker.getJson("/?" + query);
    }

    private static JsonNode call(WorkerFixture worker, String binding, String key) {
        return get(worker, "b=" + binding + "&o=" + java.net.URLEncoder.encode("{\"key\":\"" + key + "\"}", java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The error limit() threw, as the worker reports it. */
    private static Map<String, Object> error(String name, String message) {
        return Map.of("error", name, "message", message);
    }

    @Test
    void aKeyGetsLimitCallsPerWindowThenTheNextWindowStartsAfresh() {
        try (WorkerFixture worker = WorkerFixture.script(WORKER).toml(limiter("RL", "1", 2, 10)).start()) {
            // Start at the beginning of a 10 s window so the calls below cannot straddle two.
            Instant start = Instant.ofEpochSecond((worker.simulator().clock().millis() / 10_000 + 1) * 10);
            worker.simulator().clock().set(start);
            assertJson(ALLOWED, call(worker, "RL", "a"));
            assertJson(ALLOWED, call(worker, "RL", "a"));
            assertJson(LIMITED, call(worker, "RL", "a"));
            assertJson(ALLOWED, call(worker, "RL", "b"), "each key has its own counter");
            // Fixed windows aligned to the clock: 9 s later is still the same window...
            worker.simulator().clock().set(start.plusSeconds(9));
            assertJson(LIMITED, call(worker, "RL", "a"));
            // ...and one more second starts the next one.
            worker.simulator().clock().set(start.plusSeconds(10));
            assertJson(ALLOWED, call(worker, "RL", "a"));
            // Not a sliding window: a key used up halfway through a window is free again when it ends.
            worker.simulator().clock().set(start.plusSeconds(15));
            call(worker, "RL", "c");
            call(worker, "RL", "c");
            assertJson(LIMITED, call(worker, "RL", "c"));
            worker.simulator().clock().set(start.plusSeconds(20));
            assertJson(ALLOWED, call(worker, "RL", "c"));
        }
    }

    @Test
    void bindingsOfOneNamespaceShareCountersAcrossWorkers() {
        String toml = limiter("RL", "7", 3, 60) + limiter("OTHER", "8", 3, 60);
        try (WorkerFixture worker = WorkerFixture.script(WORKER).toml(toml)
                .configure(b -> b.name("a").auxiliaryScript("b", WORKER, limiter("RL", "7", 5, 60))).start()) {
            worker.simulator().clock().set(Instant.ofEpochSecond((worker.simulator().clock().millis() / 60_000 + 1) * 60));
            WorkerFixture b = worker.auxiliary("b");
            for (int i = 0; i < 3; i++) assertJson(ALLOWED, call(worker, "RL", "k"));
            assertJson(LIMITED, call(worker, "RL", "k"));
            // Worker b's binding has limit 5 on the same namespace: the 3 calls above count for it.
            assertJson(ALLOWED, call(b, "RL", "k"));
            assertJson(ALLOWED, call(b, "RL", "k"));
            assertJson(LIMITED, call(b, "RL", "k"));
            assertJson(ALLOWED, call(worker, "OTHER", "k"), "another namespace counts apart");
        }
    }

    @Test
    void badArgumentsThrowWorkerdsErrors() {
        try (WorkerFixture worker = WorkerFixture.script(WORKER).toml(limiter("RL", "1", 2, 10)).start()) {
            assertJson(error("Error", "invalid key: 5"), get(worker, "o=%7B%22key%22%3A5%7D"));
            assertJson(error("Error", "invalid rate limit options"), get(worker, "o=null"));
            assertJson(error("Error", "bad rate limit options: [foo]"), get(worker, "o=%7B%22foo%22%3A1%7D"));
            assertJson(error("Error", "unsupported period: 30"), get(worker, "o=%7B%22period%22%3A30%7D"));
            assertJson(error("RangeError", "delta must be non-zero"), get(worker, "o=%7B%22delta%22%3A0%7D"));
            // No key counts against the empty key.
            assertJson(ALLOWED, get(worker, "o=%7B%7D"));
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
