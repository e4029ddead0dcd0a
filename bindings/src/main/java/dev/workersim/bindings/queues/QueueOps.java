package dev.workersim.bindings.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.spi.HostLoop;
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

    /** {@code resolve(metricsJson)}: the queue's backlog now (WorkerQueue.metrics()). */
    @HostAccess.Export
    public void metrics(Value resolve) {
        resolve.execute(broker.metrics(queue));
    }

    /**
     * {@code messagesJson}: [{contentType, body, delaySeconds}], body a string (for "bytes" one char
     * per byte) or null when JSON could not encode it; delaySeconds an integer or null. Calls
     * {@code resolve(metricsJson)} or {@code reject(message)} on the loop.
     */
    @HostAccess.Export
    public void send(boolean batch, String messagesJson, Value batchDelay, Value resolve, Value reject) {
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
            reject.execute("Internal Server Error");
            return;
        }
        Integer delay = batchDelay.isNull() ? deliveryDelay : Integer.valueOf(batchDelay.asInt());
        loop.complete(broker.enqueue(queue, batch, outgoing, delay).exceptionally(QueueOps::reported), resolve, reject);
    }

    /** What a failed send rejects with: a refused message's reason, or the producer API's 500 for anything else. */
    private static String reported(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        throw new CompletionException(new IllegalStateException(
                cause instanceof IllegalArgumentException ? cause.getMessage() : "Internal Server Error"));
    }
}
