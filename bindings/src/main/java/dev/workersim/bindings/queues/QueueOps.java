package dev.workersim.bindings.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.spi.HostLoop;
import dev.workersim.core.spi.Pending;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The Java half of WorkerQueue (queue.js), made per isolate. queue.js validates arguments and
 * encodes bodies; this hands the messages to the broker and answers once they are stored.
 */
public final class QueueOps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String queue;
    private final Integer deliveryDelay;
    private final QueueBroker broker;
    private final HostLoop loop;

    QueueOps(String queue, Integer deliveryDelay, QueueBroker broker, HostLoop loop) {
        this.queue = queue;
        this.deliveryDelay = deliveryDelay;
        this.broker = broker;
        this.loop = loop;
    }

    /** The queue's backlog now, as metrics JSON (WorkerQueue.metrics()). */
    @HostAccess.Export
    public String metrics() {
        return broker.metrics(queue);
    }

    /**
     * {@code messagesJson}: [{contentType, body, delaySeconds}], body a string (for "bytes" one char
     * per byte) or null when JSON could not encode it; delaySeconds an integer or null. Calls
     * {@code resolve(metricsJson)} or {@code reject(message)} on the loop.
     */
    @HostAccess.Export
    public Pending send(boolean batch, String messagesJson, Value batchDelay) {
        List<QueueBroker.Outgoing> outgoing = new ArrayList<>();
        try {
            for (JsonNode m : JSON.readTree(messagesJson)) {
                String type = m.get("contentType").asText();
                JsonNode body = m.get("body");
                byte[] bytes = body == null || body.isNull() ? null
                        : body.asText().getBytes(type.equals("bytes") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                JsonNode delay = m.get("delaySeconds");
                outgoing.add(new QueueBroker.Outgoing(type, bytes, delay == null || delay.isNull() ? null : delay.asInt()));
            }
        } catch (java.io.IOException e) {
            return Pending.rejected("Internal Server Error");
        }
        Integer delay = batchDelay.isNull() ? deliveryDelay : Integer.valueOf(batchDelay.asInt());
        return loop.complete(broker.enqueue(queue, batch, outgoing, delay).exceptionally(QueueOps::reported));
    }

    /** What a failed send rejects with: a refused message's reason, or the producer API's 500 for anything else. */
    private static String reported(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        throw new CompletionException(new IllegalStateException(
                cause instanceof IllegalArgumentException ? cause.getMessage() : "Internal Server Error"));
    }
}
