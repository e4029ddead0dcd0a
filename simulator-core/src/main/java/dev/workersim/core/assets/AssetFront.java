package dev.workersim.core.assets;

import dev.workersim.core.runtime.ExchangeHandle;
import dev.workersim.core.runtime.IncomingRequest;
import dev.workersim.core.runtime.WorkerHost;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The assets in front of a worker ({@link WorkerHost#frontRoute}): a request the assets claim is
 * answered from disk on the calling thread and the worker never runs; any other goes on to it.
 */
public final class AssetFront implements WorkerHost.FrontRoute {
    private final AssetRouter router;
    private final boolean hasWorker;

    /** @param hasWorker false for an assets-only worker (no {@code main}): misses are 404s, never the worker's. */
    public AssetFront(AssetRouter router, boolean hasWorker) {
        this.router = router;
        this.hasWorker = hasWorker;
    }

    @Override
    public boolean handle(ExchangeHandle exchange, IncomingRequest request) {
        AssetResponse r = router.beforeWorker(request.method(), request.url(), request.headers().pairs(), hasWorker);
        if (r == null) return false;
        // The file is read off the calling thread (Undertow's IO thread for the front door).
        CompletableFuture.runAsync(() -> {
            try {
                byte[] body = r.body();
                exchange.respondFromHost(r.status(), r.headers(), body == null ? null : ByteBuffer.wrap(body), r.streamed());
            } catch (IOException e) {
                exchange.respondFromHost(404, List.of(), null, false); // removed since it was found
            }
        });
        return true;
    }
}
