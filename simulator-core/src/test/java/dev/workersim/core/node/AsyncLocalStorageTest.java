package dev.workersim.core.node;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.list;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AsyncLocalStorage (node:async_hooks over GraalJS's AsyncContext): a store set by run() is seen
 * after await of a pending promise, in promise reactions, timers and microtasks, and two requests
 * that interleave on the one event loop each see their own.
 */
class AsyncLocalStorageTest {
    static final String CONFIG = "compatibility_date = \"2025-09-01\"\ncompatibility_flags = [\"nodejs_compat\"]";

    private static final String WORKER = """
            import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
            const als = new AsyncLocalStorage();
            const other = new AsyncLocalStorage();
            // /wait?id=a parks until /release?id=b arrives, so the two requests interleave.
            let release;
            const released = new Promise((r) => (release = r));
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                const id = url.searchParams.get("id");
                if (url.pathname === "/release") {
                  return als.run(id, async () => {
                    release();
                    await new Promise((r) => setTimeout(r, 5));
                    return Response.json({ id, store: als.getStore() });
                  });
                }
                if (url.pathname === "/wait") {
                  return als.run(id, async () => {
                    const before = als.getStore();
                    await released; // pending until the other request runs in its own store
                    return Response.json({ id, before, after: als.getStore() });
                  });
                }
                return als.run({ id }, () => other.run("second", async () => {
                  const seen = [];
                  await new Promise((r) => setTimeout(r, 2));
                  seen.push(als.getStore().id, other.getStore());
                  seen.push(await new Promise((r) => setTimeout(() => r(als.getStore().id), 1)));
                  seen.push(await new Promise((r) => queueMicrotask(() => r(als.getStore().id))));
                  seen.push(await Promise.resolve().then(() => als.getStore().id));
                  const bound = AsyncLocalStorage.bind(() => als.getStore().id);
                  const snapshot = AsyncLocalStorage.snapshot();
                  const resource = new AsyncResource("test");
                  seen.push(als.run({ id: "inner" }, () => [bound(), snapshot(() => als.getStore().id),
                    resource.runInAsyncScope(() => als.getStore().id), als.getStore().id]));
                  seen.push(als.exit(() => als.getStore()) ?? null);
                  const interval = await new Promise((r) => {
                    let n = 0;
                    const t = setInterval(() => { if (++n === 2) { clearInterval(t); r(als.getStore().id); } }, 1);
                  });
                  seen.push(interval);
                  return Response.json({ seen, outside: typeof globalThis.AsyncContext });
                }));
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER).toml(CONFIG);

    @Test
    void theStoreFollowsAwaitTimersAndMicrotasks() throws Exception {
        JsonNode r = sim.fetch(FetchRequest.get("http://localhost/?id=x")).ok().json();
        assertJson(list("x", "second", "x", "x", "x", List.of("x", "x", "x", "inner"), null, "x"), r.get("seen"));
        assertEquals("undefined", r.get("outside").asText(), "AsyncContext is the engine's, not a Workers global");
    }

    @Test
    void interleavedRequestsEachSeeTheirOwnStore() throws Exception {
        CompletableFuture<WorkerResponse> waiting = CompletableFuture.supplyAsync(
                () -> sim.fetch(FetchRequest.get("http://localhost/wait?id=a")));
        Thread.sleep(200); // let /wait park on its pending promise first
        JsonNode releaser = sim.fetch(FetchRequest.get("http://localhost/release?id=b")).ok().json();
        JsonNode waiter = waiting.get(30, TimeUnit.SECONDS).ok().json();
        assertEquals("b", releaser.get("store").asText());
        assertEquals("a", waiter.get("before").asText());
        assertEquals("a", waiter.get("after").asText(), "resumed after the other request ran in its store");
    }
}
