package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.RecordingConsumer.consumer;
import static dev.workersim.bindings.queues.RecordingConsumer.producer;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import org.junit.jupiter.api.Test;

/** Wrong queue settings fail at start with the entry and the allowed range. */
class QueueConfigTest {
    private static String failure(Simulator.Builder b) {
        Throwable t = assertThrows(RuntimeException.class, () -> b.build().start().close());
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) all.append(c.getMessage()).append('\n');
        return all.toString();
    }

    @Test
    void outOfRangeSettingsAreRefused() {
        String msg = failure(Simulator.builder().script(RecordingConsumer.script(null, null)).http(false)
                .inlineConfig(consumer("q", "max_batch_size = 101")));
        assertTrue(msg.contains("queues.consumers[0]: \"max_batch_size\" must be a number from 0 to 100 (got 101)"), msg);
        msg = failure(Simulator.builder().script(RecordingConsumer.script(null, null)).http(false)
                .inlineConfig(producer("q") + "delivery_delay = 86401\n"));
        assertTrue(msg.contains("queues.producers[0]: \"delivery_delay\" must be a whole number of seconds from 0 to 86400"), msg);
        msg = failure(Simulator.builder().script(RecordingConsumer.script(null, null)).http(false)
                .inlineConfig("[[queues.producers]]\nbinding = \"Q\"\n"));
        assertTrue(msg.contains("queues.producers[0]: missing \"queue\""), msg);
    }

    @Test
    void aQueueHasOneConsumer() {
        String msg = failure(Simulator.builder().name("a").script(RecordingConsumer.script(null, null)).http(false)
                .inlineConfig(consumer("shared-q", ""))
                .auxiliaryScript("b", RecordingConsumer.script(null, null), consumer("shared-q", "")));
        assertTrue(msg.contains("queue \"shared-q\" already has a consumer"), msg);
    }
}
