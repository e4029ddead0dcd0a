package dev.workersim.core.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Configured crons fire on the simulator's clock; tests move the clock instead of waiting. */
class CronSchedulerTest {
    static final String WORKER = """
            export default {
              async scheduled(controller) { console.log("fired " + controller.cron); },
              async fetch() { return new Response("x"); },
            };
            """;

    /** The clock is set before start(), so the scheduler begins watching from {@code now}. */
    private static Simulator sim(boolean crons, String now) {
        Simulator sim = Simulator.builder().http(false).script(WORKER)
                .inlineConfig("[triggers]\ncrons = [\"*/5 * * * *\", \"0 12 * * MON\"]\n")
                .crons(crons).build();
        sim.clock().set(Instant.parse(now));
        return sim.start();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            Thread.sleep(20);
        }
    }

    @Test
    void movingTheClockFiresEachDueRunInOrder() throws Exception {
        // Monday 1 Jan 2024, 11:59:30 UTC; moving 31 minutes passes 12:00 (both crons), 12:05 ... 12:30.
        try (Simulator sim = sim(true, "2024-01-01T11:59:30Z")) {
            assertEquals(List.of(), sim.pastScheduledEvents());
            sim.clock().advance(Duration.ofMinutes(31));
            await(() -> sim.pastScheduledEvents().size() == 8);
            List<ScheduledOutcome> runs = sim.pastScheduledEvents();
            assertEquals("*/5 * * * *", runs.get(0).cron());
            assertEquals(Instant.parse("2024-01-01T12:00:00Z"), runs.get(0).scheduledTime());
            assertEquals("0 12 * * MON", runs.get(1).cron());
            assertEquals(Instant.parse("2024-01-01T12:00:00Z"), runs.get(1).scheduledTime());
            assertEquals(Instant.parse("2024-01-01T12:30:00Z"), runs.get(7).scheduledTime());
            assertTrue(runs.stream().allMatch(ScheduledOutcome::ok));
            assertEquals(List.of("fired 0 12 * * MON"), runs.get(1).logs());
        }
    }

    @Test
    void aClockMovedBackFiresNothingUntilItCatchesUp() throws Exception {
        try (Simulator sim = sim(true, "2024-01-02T00:04:00Z")) {
            sim.clock().set(Instant.parse("2024-01-01T00:00:00Z"));
            Thread.sleep(500); // the scheduler looks every 100 ms and must see the clock go back
            assertEquals(0, sim.pastScheduledEvents().size());
            sim.clock().set(Instant.parse("2024-01-01T00:05:10Z"));
            await(() -> sim.pastScheduledEvents().size() == 1);
            assertEquals(Instant.parse("2024-01-01T00:05:00Z"), sim.pastScheduledEvents().get(0).scheduledTime());
        }
    }

    @Test
    void cronsAreOffUnlessAskedFor() throws Exception {
        try (Simulator sim = sim(false, "2024-01-01T00:04:00Z")) {
            sim.clock().advance(Duration.ofMinutes(10));
            Thread.sleep(400);
            assertEquals(List.of(), sim.pastScheduledEvents());
        }
    }

    @Test
    void nextFireTimesMergesTheCrons() {
        try (Simulator sim = sim(false, "2024-01-01T11:52:00Z")) {
            List<CronTriggers.Fire> next = sim.nextFireTimes(4);
            assertEquals(List.of(
                    new CronTriggers.Fire("*/5 * * * *", Instant.parse("2024-01-01T11:55:00Z")),
                    new CronTriggers.Fire("*/5 * * * *", Instant.parse("2024-01-01T12:00:00Z")),
                    new CronTriggers.Fire("0 12 * * MON", Instant.parse("2024-01-01T12:00:00Z")),
                    new CronTriggers.Fire("*/5 * * * *", Instant.parse("2024-01-01T12:05:00Z"))), next);
        }
    }
}
