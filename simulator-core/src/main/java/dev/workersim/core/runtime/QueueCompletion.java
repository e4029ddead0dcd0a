package dev.workersim.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess;

/**
 * Where {@code $.dispatchQueue} (runtime/queue.js) reports how one queue batch's handler ended: JS
 * calls {@link #complete} once, on the consumer's loop; the queue broker waits on {@link #future()}.
 */
public final class QueueCompletion {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the handler asked for, as workerd reports it to the broker.
     *
     * @param ok false when the handler threw or rejected (or could not be run at all)
     * @param ackAll whether {@code ackAll()} took effect
     * @param retryAll whether {@code retryAll()} took effect
     * @param retryAllDelay its delaySeconds, or null
     * @param explicitAcks ids of messages {@code ack()}ed
     * @param retries ids of messages {@code retry()}ed, to their delaySeconds (null: none given)
     * @param error the handler's error when it failed
     */
    public record Result(boolean ok, boolean ackAll, boolean retryAll, Integer retryAllDelay, Set<String> explicitAcks,
            Map<String, Integer> retries, WorkerError error) {
    }

    private final CompletableFuture<Result> future = new CompletableFuture<>();

    @HostAccess.Export
    public void complete(String outcome, String verdictsJson, String errorName, String errorMessage, String errorStack) {
        WorkerError error = errorName == null && errorMessage == null ? null : new WorkerError(errorName, errorMessage, errorStack);
        try {
            JsonNode v = JSON.readTree(verdictsJson);
            Set<String> acks = new HashSet<>();
            v.get("explicitAcks").forEach(id -> acks.add(id.asText()));
            Map<String, Integer> retries = new HashMap<>();
            v.get("retryMessages").forEach(r -> retries.put(r.get("msgId").asText(), delay(r)));
            JsonNode batch = v.get("retryBatch");
            future.complete(new Result("ok".equals(outcome), v.get("ackAll").asBoolean(), batch.get("retry").asBoolean(),
                    delay(batch), acks, retries, error));
        } catch (java.io.IOException | RuntimeException e) {
            failFromHost(new WorkerError("Error", "unreadable queue verdicts: " + e.getMessage(), null));
        }
    }

    private static Integer delay(JsonNode node) {
        JsonNode d = node.get("delaySeconds");
        return d == null || !d.isNumber() ? null : d.asInt();
    }

    /** The worker could not be invoked at all (it failed to load, or the host call threw). */
    public void failFromHost(WorkerError error) {
        future.complete(new Result(false, false, false, null, Set.of(), Map.of(), error));
    }

    public CompletableFuture<Result> future() {
        return future;
    }
}
