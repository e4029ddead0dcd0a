package dev.workersim.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerResponse;
import dev.workersim.core.Simulator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Date and performance read the simulator's clock, so a test that moves it moves the worker's time too. */
class ClockTest {
    private static final String WORKER = """
            class Sub extends Date {}
            export default { fetch() {
              return Response.json({ now: Date.now(), fresh: new Date().getTime(), str: typeof Date(), parsed: new Date(0).getTime(),
                sub: new Sub() instanceof Date, ctor: new Date().constructor === Date, perf: Number.isInteger(performance.now()),
                utc: Date.UTC(2020, 0, 1), name: Date.name, len: Date.length });
            } };
            """;

    @Test
    void dateFollowsTheSimulatorsClock() throws Exception {
        try (Simulator sim = Simulator.builder().script(WORKER).http(false).build().start()) {
            Instant target = Instant.parse("2031-05-06T07:08:09Z");
            sim.clock().set(target);
            JsonNode r = WorkerResponse.of(sim.dispatchFetch(FetchRequest.get("/"))).ok().json();
            assertTrue(Math.abs(r.get("now").asLong() - target.toEpochMilli()) < 5_000, r.toString());
            assertTrue(Math.abs(r.get("fresh").asLong() - target.toEpochMilli()) < 5_000, r.toString());
            sim.clock().advance(Duration.ofDays(1));
            long later = WorkerResponse.of(sim.dispatchFetch(FetchRequest.get("/"))).ok().json().get("now").asLong();
            assertTrue(later - r.get("now").asLong() >= Duration.ofDays(1).toMillis(), "advanced by a day");
            assertEquals("string", r.get("str").asText());
            assertEquals(0, r.get("parsed").asLong());
            assertTrue(r.get("sub").asBoolean() && r.get("ctor").asBoolean() && r.get("perf").asBoolean(), r.toString());
            assertEquals(1577836800000L, r.get("utc").asLong());
            assertEquals("Date", r.get("name").asText());
            assertEquals(7, r.get("len").asInt());
        }
    }
}
