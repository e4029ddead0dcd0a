package dev.workersim.bindings.durableobjects;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.obj;
import static dev.workersim.core.testing.JsonAssert.sameJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable Objects through real workers: requests in, responses out. */
class DurableObjectsTest {
    private static final String CONFIG = """
            name = "main"
            [[durable_objects.bindings]]
            name = "OBJ"
            class_name = "Thing"
            [[migrations]]
            tag = "v1"
            new_sqlite_classes = ["Thing"]
            """;

    // GET /<method>?name=N&arg=A calls stub.<method>(A) on the object named N and answers its result as JSON.
    private static final String FRONT = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                const stub = env.OBJ.getByName(url.searchParams.get("name") || "a");
                const arg = url.searchParams.get("arg");
                try {
                  return Response.json(await stub[url.pathname.slice(1)](arg === null ? undefined : arg));
                } catch (e) {
                  return Response.json({ error: e.name, message: e.message }, { status: 500 });
                }
              },
            };
            """;

    private static final String THING = """
            import { DurableObject } from "cloudflare:workers";
            let constructed = 0;
            export class Thing extends DurableObject {
              constructor(ctx, env) {
                super(ctx, env);
                constructed++;
                this.hits = 0;
                this.busy = false;
                ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS log (v TEXT)");
              }
              hit() { this.hits++; return { hits: this.hits, constructed, id: this.ctx.id.toString(), name: this.ctx.id.name }; }
              async add(v) {
                const n = ((await this.ctx.storage.get("n")) ?? 0) + 1;
                await this.ctx.storage.put("n", n);
                this.ctx.storage.sql.exec("INSERT INTO log VALUES (?)", v);
                return n;
              }
              async read() {
                return { n: (await this.ctx.storage.get("n")) ?? 0, log: this.ctx.storage.sql.exec("SELECT v FROM log").toArray().map((r) => r.v) };
              }
              slow() {
                return this.ctx.blockConcurrencyWhile(async () => {
                  this.busy = true;
                  await new Promise((r) => setTimeout(r, 400));
                  this.busy = false;
                  return "slow done";
                });
              }
              peek() { return { busy: this.busy }; }
              async schedule(inMs) {
                await this.ctx.storage.put("failures", 0);
                await this.ctx.storage.setAlarm(Date.now() + Number(inMs));
                return await this.ctx.storage.getAlarm();
              }
              async failTwice() { await this.ctx.storage.put("failTimes", 2); return true; }
              async alarm(info) {
                const left = (await this.ctx.storage.get("failTimes")) ?? 0;
                const runs = (await this.ctx.storage.get("runs")) ?? [];
                runs.push(info);
                await this.ctx.storage.put("runs", runs);
                if (left > 0) { await this.ctx.storage.put("failTimes", left - 1); throw new Error("alarm failed on purpose"); }
              }
              async alarms() { return { runs: (await this.ctx.storage.get("runs")) ?? [], pending: await this.ctx.storage.getAlarm() }; }
            }
            """;

    private static WorkerFixture start(Path persist) {
        return WorkerFixture.script(THING + FRONT).toml(CONFIG).configure(b -> persist == null ? b.name("main").inMemory() : b.name("main"))
                .persistTo(persist).start();
    }

    /** /alarms once the object's alarm runs are {@code runs} and no alarm is pending (alarms fire on their own time). */
    private static JsonNode awaitRuns(WorkerFixture worker, String name, Object... runs) throws InterruptedException {
        Map<String, Object> want = obj("runs", List.of(runs), "pending", null);
        JsonNode alarms = worker.await("/alarms?name=" + name, r -> r.status() == 200 && sameJson(want, r.json())).json();
        assertJson(want, alarms);
        return alarms;
    }

    /** One alarm run as the object records it. */
    private static Map<String, Object> run(int retryCount) {
        return obj("retryCount", retryCount, "isRetry", retryCount > 0);
    }

    @Test
    void oneInstancePerIdAndNamesAreIsolated() {
        try (WorkerFixture worker = start(null)) {
            String first = worker.getText("/hit?name=a");
            assertTrue(first.startsWith("{\"hits\":1,\"constructed\":1,\"id\":\""), first);
            assertTrue(first.endsWith("\",\"name\":\"a\"}"), first);
            // The same object answers again: its field kept counting, and no second constructor ran.
            assertTrue(worker.getText("/hit?name=a").startsWith("{\"hits\":2,\"constructed\":1,"));
            // Another name is another instance with its own storage.
            assertTrue(worker.getText("/hit?name=b").startsWith("{\"hits\":1,\"constructed\":2,"));
            assertEquals("1", worker.getText("/add?name=a&arg=x"));
            assertEquals("2", worker.getText("/add?name=a&arg=y"));
            assertJson(obj("n", 0, "log", List.of()), worker.getJson("/read?name=b"));
            assertJson(obj("n", 2, "log", List.of("x", "y")), worker.getJson("/read?name=a"));
        }
    }

    @Test
    void storageSurvivesARestart(@TempDir Path dir) {
        Path root;
        try (WorkerFixture worker = start(dir)) {
            root = worker.simulator().persistRoot();
            worker.getText("/add?name=p&arg=kept");
            worker.getText("/add?name=p&arg=too");
        }
        assertEquals(List.of("main-Thing"), List.of(root.resolve("do").toFile().list()));
        String[] files = root.resolve("do").resolve("main-Thing").toFile().list((d, n) -> n.endsWith(".sqlite"));
        assertEquals(1, files.length, "one SQLite file per object");
        assertTrue(files[0].matches("[0-9a-f]{64}\\.sqlite"), files[0]);
        try (WorkerFixture worker = start(dir)) {
            assertJson(obj("n", 2, "log", List.of("kept", "too")), worker.getJson("/read?name=p"));
        }
    }

    @Test
    void aReloadedWorkerHostsFreshInstancesOverTheSameStorage() {
        try (WorkerFixture worker = start(null)) {
            worker.getText("/add?name=z&arg=before");
            assertTrue(worker.getText("/hit?name=z").startsWith("{\"hits\":1,\"constructed\":1,"));
            assertEquals(null, worker.simulator().reload());
            // The new isolate builds the object again (module state starts over); its storage stays.
            assertTrue(worker.getText("/hit?name=z").startsWith("{\"hits\":1,\"constructed\":1,"));
            assertJson(obj("n", 1, "log", List.of("before")), worker.getJson("/read?name=z"));
        }
    }

    @Test
    void blockConcurrencyWhileHoldsOtherEventsBack() throws Exception {
        try (WorkerFixture worker = start(null)) {
            worker.getText("/hit?name=g");
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> worker.getText("/slow?name=g"));
            Thread.sleep(150); // the slow call is inside blockConcurrencyWhile now
            long t0 = System.nanoTime();
            assertJson(Map.of("busy", false), worker.getJson("/peek?name=g"));
            assertTrue((System.nanoTime() - t0) / 1_000_000 >= 100, "peek waited for the gate");
            assertEquals("\"slow done\"", slow.get()); // a JSON string
        }
    }

    @Test
    void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
        try (WorkerFixture worker = start(null)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<CompletableFuture<String>> all = new ArrayList<>();
                for (int i = 0; i < 24; i++) all.add(CompletableFuture.supplyAsync(() -> worker.getText("/add?name=c&arg=v"), pool));
                for (CompletableFuture<String> f : all) f.get();
            } finally {
                pool.shutdown();
            }
            assertTrue(worker.getText("/read?name=c").startsWith("{\"n\":24,"));
        }
    }

    @Test
    void alarmsFireOnTheSimulatorClockAndRetryWithBackoff() throws Exception {
        try (WorkerFixture worker = start(null)) {
            worker.getText("/failTwice?name=al");
            worker.getText("/schedule?name=al&arg=3600000");
            Thread.sleep(100);
            assertTrue(worker.getText("/alarms?name=al").startsWith("{\"runs\":[],\"pending\":"), "an hour ahead: not yet");

            worker.simulator().clock().advance(Duration.ofHours(2));
            awaitRuns(worker, "al", run(0));
            worker.simulator().clock().advance(Duration.ofSeconds(2)); // first retry after 2 s
            awaitRuns(worker, "al", run(0), run(1));
            worker.simulator().clock().advance(Duration.ofSeconds(4)); // second retry after 4 s more; it succeeds
            JsonNode three = awaitRuns(worker, "al", run(0), run(1), run(2));
            worker.simulator().clock().advance(Duration.ofMinutes(10));
            Thread.sleep(100);
            assertEquals(three, worker.getJson("/alarms?name=al"), "no run after a success");
        }
    }

    @Test
    void anAlarmSetBeforeARestartFiresAfterIt(@TempDir Path dir) throws Exception {
        try (WorkerFixture worker = start(dir)) {
            worker.getText("/schedule?name=r&arg=3600000");
        }
        try (WorkerFixture worker = start(dir)) {
            worker.simulator().clock().advance(Duration.ofHours(2));
            awaitRuns(worker, "r", run(0));
        }
    }

    @Test
    void aBindingWithScriptNameReachesObjectsHostedByTheOtherWorker() {
        String host = """
                import { DurableObject } from "cloudflare:workers";
                export class Counter extends DurableObject {
                  async bump() {
                    const v = ((await this.ctx.storage.get("v")) ?? 0) + 1;
                    await this.ctx.storage.put("v", v);
                    return { v, host: this.env.WHO };
                  }
                }
                export default { async fetch(req, env) { return Response.json(await env.COUNTER.getByName("shared").bump()); } };
                """;
        String hostConfig = """
                [vars]
                WHO = "b"
                [[durable_objects.bindings]]
                name = "COUNTER"
                class_name = "Counter"
                [[migrations]]
                tag = "v1"
                new_sqlite_classes = ["Counter"]
                """;
        String front = """
                export default { async fetch(req, env) {
                  const stub = env.REMOTE.getByName("shared");
                  const r = await stub.bump();
                  return Response.json({ ...r, caller: env.WHO, hasClass: typeof env.REMOTE.idFromName });
                } };
                """;
        String frontConfig = """
                [vars]
                WHO = "a"
                [[durable_objects.bindings]]
                name = "REMOTE"
                class_name = "Counter"
                script_name = "b"
                """;
        try (WorkerFixture worker = WorkerFixture.script(front).toml(frontConfig)
                .configure(b -> b.inMemory().auxiliaryScript("b", host, hostConfig)).start()) {
            assertJson(Map.of("v", 1, "host", "b", "caller", "a", "hasClass", "function"), worker.getJson("/"));
            // The host's own binding reaches the same object: one instance, in b's isolate.
            assertJson(Map.of("v", 2, "host", "b"), worker.auxiliary("b").getJson("/"));
            assertJson(Map.of("v", 3, "host", "b", "caller", "a", "hasClass", "function"), worker.getJson("/"));
        }
    }
}
