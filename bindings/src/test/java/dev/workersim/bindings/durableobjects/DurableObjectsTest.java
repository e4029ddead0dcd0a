package dev.workersim.bindings.durableobjects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
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

    private static Simulator start(Path persist) {
        Simulator.Builder b = Simulator.builder().name("main").script(THING + FRONT).inlineConfig(CONFIG).http(false);
        if (persist != null) b.persistTo(persist); else b.inMemory();
        return b.build().start();
    }

    private static String get(Simulator sim, String path) {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get(path));
        assertEquals(200, r.status(), () -> path + " answered " + r.status() + ": " + r.text());
        return r.text();
    }

    private static String until(Supplier<String> read, String expected) throws InterruptedException {
        String last = null;
        for (int i = 0; i < 200; i++) {
            last = read.get();
            if (last.equals(expected)) return last;
            Thread.sleep(25);
        }
        return last;
    }

    @Test
    void oneInstancePerIdAndNamesAreIsolated() {
        try (Simulator sim = start(null)) {
            String first = get(sim, "/hit?name=a");
            assertTrue(first.startsWith("{\"hits\":1,\"constructed\":1,\"id\":\""), first);
            assertTrue(first.endsWith("\",\"name\":\"a\"}"), first);
            // The same object answers again: its field kept counting, and no second constructor ran.
            assertTrue(get(sim, "/hit?name=a").startsWith("{\"hits\":2,\"constructed\":1,"));
            // Another name is another instance with its own storage.
            assertTrue(get(sim, "/hit?name=b").startsWith("{\"hits\":1,\"constructed\":2,"));
            assertEquals("1", get(sim, "/add?name=a&arg=x"));
            assertEquals("2", get(sim, "/add?name=a&arg=y"));
            assertEquals("{\"n\":0,\"log\":[]}", get(sim, "/read?name=b"));
            assertEquals("{\"n\":2,\"log\":[\"x\",\"y\"]}", get(sim, "/read?name=a"));
        }
    }

    @Test
    void storageSurvivesARestart(@TempDir Path dir) {
        Path root;
        try (Simulator sim = start(dir)) {
            root = sim.persistRoot();
            get(sim, "/add?name=p&arg=kept");
            get(sim, "/add?name=p&arg=too");
        }
        assertEquals(List.of("main-Thing"), List.of(root.resolve("do").toFile().list()));
        String[] files = root.resolve("do").resolve("main-Thing").toFile().list((d, n) -> n.endsWith(".sqlite"));
        assertEquals(1, files.length, "one SQLite file per object");
        assertTrue(files[0].matches("[0-9a-f]{64}\\.sqlite"), files[0]);
        try (Simulator sim = start(dir)) {
            assertEquals("{\"n\":2,\"log\":[\"kept\",\"too\"]}", get(sim, "/read?name=p"));
        }
    }

    @Test
    void aReloadedWorkerHostsFreshInstancesOverTheSameStorage() {
        try (Simulator sim = start(null)) {
            get(sim, "/add?name=z&arg=before");
            assertTrue(get(sim, "/hit?name=z").startsWith("{\"hits\":1,\"constructed\":1,"));
            assertEquals(null, sim.reload());
            // The new isolate builds the object again (module state starts over); its storage stays.
            assertTrue(get(sim, "/hit?name=z").startsWith("{\"hits\":1,\"constructed\":1,"));
            assertEquals("{\"n\":1,\"log\":[\"before\"]}", get(sim, "/read?name=z"));
        }
    }

    @Test
    void blockConcurrencyWhileHoldsOtherEventsBack() throws Exception {
        try (Simulator sim = start(null)) {
            get(sim, "/hit?name=g");
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> get(sim, "/slow?name=g"));
            Thread.sleep(150); // the slow call is inside blockConcurrencyWhile now
            long t0 = System.nanoTime();
            assertEquals("{\"busy\":false}", get(sim, "/peek?name=g"));
            assertTrue((System.nanoTime() - t0) / 1_000_000 >= 100, "peek waited for the gate");
            assertEquals("\"slow done\"", slow.get());
        }
    }

    @Test
    void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
        try (Simulator sim = start(null)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<CompletableFuture<String>> all = new ArrayList<>();
                for (int i = 0; i < 24; i++) all.add(CompletableFuture.supplyAsync(() -> get(sim, "/add?name=c&arg=v"), pool));
                for (CompletableFuture<String> f : all) f.get();
            } finally {
                pool.shutdown();
            }
            assertTrue(get(sim, "/read?name=c").startsWith("{\"n\":24,"));
        }
    }

    @Test
    void alarmsFireOnTheSimulatorClockAndRetryWithBackoff() throws Exception {
        try (Simulator sim = start(null)) {
            get(sim, "/failTwice?name=al");
            get(sim, "/schedule?name=al&arg=3600000");
            Thread.sleep(100);
            assertTrue(get(sim, "/alarms?name=al").startsWith("{\"runs\":[],\"pending\":"), "an hour ahead: not yet");

            sim.clock().advance(Duration.ofHours(2));
            assertEquals("{\"runs\":[{\"retryCount\":0,\"isRetry\":false}],\"pending\":null}",
                    until(() -> get(sim, "/alarms?name=al"), "{\"runs\":[{\"retryCount\":0,\"isRetry\":false}],\"pending\":null}"));
            sim.clock().advance(Duration.ofSeconds(2)); // first retry after 2 s
            String two = "{\"runs\":[{\"retryCount\":0,\"isRetry\":false},{\"retryCount\":1,\"isRetry\":true}],\"pending\":null}";
            assertEquals(two, until(() -> get(sim, "/alarms?name=al"), two));
            sim.clock().advance(Duration.ofSeconds(4)); // second retry after 4 s more; it succeeds
            String three = "{\"runs\":[{\"retryCount\":0,\"isRetry\":false},{\"retryCount\":1,\"isRetry\":true},"
                    + "{\"retryCount\":2,\"isRetry\":true}],\"pending\":null}";
            assertEquals(three, until(() -> get(sim, "/alarms?name=al"), three));
            sim.clock().advance(Duration.ofMinutes(10));
            Thread.sleep(100);
            assertEquals(three, get(sim, "/alarms?name=al"), "no run after a success");
        }
    }

    @Test
    void anAlarmSetBeforeARestartFiresAfterIt(@TempDir Path dir) throws Exception {
        try (Simulator sim = start(dir)) {
            get(sim, "/schedule?name=r&arg=3600000");
        }
        try (Simulator sim = start(dir)) {
            sim.clock().advance(Duration.ofHours(2));
            String fired = "{\"runs\":[{\"retryCount\":0,\"isRetry\":false}],\"pending\":null}";
            assertEquals(fired, until(() -> get(sim, "/alarms?name=r"), fired));
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
        try (Simulator sim = Simulator.builder().script(front).inlineConfig(frontConfig).http(false).inMemory()
                .auxiliaryScript("b", host, hostConfig).build().start()) {
            assertEquals("{\"v\":1,\"host\":\"b\",\"caller\":\"a\",\"hasClass\":\"function\"}", get(sim, "/"));
            // The host's own binding reaches the same object: one instance, in b's isolate.
            FetchResponse r = sim.auxiliary("b").dispatchFetch(FetchRequest.get("/"));
            assertEquals("{\"v\":2,\"host\":\"b\"}", r.text());
            assertEquals("{\"v\":3,\"host\":\"b\",\"caller\":\"a\",\"hasClass\":\"function\"}", get(sim, "/"));
        }
    }
}
