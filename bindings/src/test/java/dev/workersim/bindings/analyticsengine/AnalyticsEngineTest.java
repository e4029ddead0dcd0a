package dev.workersim.bindings.analyticsengine;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** writeDataPoint() returns undefined, accepts what wrangler dev accepts, and the points can be read back in Java. */
class AnalyticsEngineTest {
    @Test
    void pointsAreAcceptedUncheckedAndLogged() {
        String js = """
                export default { fetch(req, env) {
                  const r = [];
                  r.push(env.AE.writeDataPoint({ blobs: ["GET", new TextEncoder().encode("/x").buffer, null], doubles: [1.5], indexes: ["user-1"] }));
                  r.push(env.AE.writeDataPoint({ indexes: ["a", "b"], blobs: Array(21).fill("x").slice(0, 1), doubles: ["not a number"] }));
                  r.push(env.AE.writeDataPoint());
                  r.push(env.AE.writeDataPoint("x"));
                  return Response.json({ r: r.map((v) => typeof v), ctor: env.AE.constructor.name, env: env.AE.env });
                } };
                """;
        try (Simulator sim = Simulator.builder().script(js)
                .inlineConfig("[[analytics_engine_datasets]]\nbinding = \"AE\"\ndataset = \"hits\"\n").http(false).build().start()) {
            assertJson(Map.of("r", List.of("undefined", "undefined", "undefined", "undefined"),
                    "ctor", "LocalAnalyticsEngineDataset", "env", Map.of("dataset", "hits")),
                    sim.dispatchFetch(FetchRequest.get("/")).text());
            assertEquals(List.of("{\"blobs\":[\"GET\",\"/x\",null],\"doubles\":[1.5],\"indexes\":[\"user-1\"]}",
                    "{\"blobs\":[\"x\"],\"doubles\":[\"not a number\"],\"indexes\":[\"a\",\"b\"]}"),
                    AnalyticsEngineLog.of(sim).points("hits"));
            assertEquals(List.of(), AnalyticsEngineLog.of(sim).points("other"));
        }
    }
}
