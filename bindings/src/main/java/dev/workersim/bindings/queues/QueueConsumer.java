package dev.workersim.bindings.queues;

/**
 * One {@code [[queues.consumers]]} entry: which worker consumes {@code queue}, and how its batches
 * are made and retried. Missing settings take wrangler dev's defaults (Miniflare's: 5 messages, 1 s,
 * 2 retries), not the deployed service's (10, 5 s, 3).
 *
 * @param maxBatchTimeoutMillis how long the first waiting message waits for the batch to fill
 * @param retryDelay seconds before a retried message is delivered again, unless the handler says
 * @param maxConcurrency batches of this queue in flight at once
 */
record QueueConsumer(String queue, String workerName, int maxBatchSize, long maxBatchTimeoutMillis, int maxRetries,
        String deadLetterQueue, int retryDelay, int maxConcurrency) {
    static final int DEFAULT_BATCH_SIZE = 5;
    static final double DEFAULT_BATCH_TIMEOUT = 1;
    static final int DEFAULT_RETRIES = 2;

    int maxAttempts() {
        return maxRetries + 1;
    }
}
