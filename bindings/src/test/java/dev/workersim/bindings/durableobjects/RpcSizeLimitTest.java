package dev.workersim.bindings.durableobjects;

import static dev.workersim.core.testing.JsonAssert.assertJson;

import dev.workersim.core.testing.WorkerFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RPC arguments and results are limited to 32 MiB, measured as V8's serializer measures them, with
 * workerd's message (recorded from wrangler dev 4.168: a string of n Latin-1 characters is n + 12
 * bytes as the one argument, n + 7 as a result). Through a Durable Object stub and a service
 * binding to the worker's own entrypoint.
 */
class RpcSizeLimitTest {
    private static final String WORKER = """
            import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";
            export class Obj extends DurableObject {
              echo(x) { return x.length; }
              big(n) { return "x".repeat(n); }
            }
            export class Ep extends WorkerEntrypoint { echo(x) { return x.length; } }
            export default {
              async fetch(req, env) {
                const n = Number(new URL(req.url).searchParams.get("n"));
                const stub = env.DO.get(env.DO.idFromName("a"));
                const out = {};
                const run = async (k, f) => { try { out[k] = { ok: await f() }; } catch (e) { out[k] = { err: e.name, msg: e.message }; } };
                await run("doArg", () => stub.echo("x".repeat(n)));
                await run("doResult", () => stub.big(n).then((s) => s.length));
                await run("serviceArg", () => env.SELF.echo("x".repeat(n)));
                return Response.json(out);
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture worker = WorkerFixture.script(WORKER).toml("""
            name = "sized"
            [[durable_objects.bindings]]
            name = "DO"
            class_name = "Obj"
            [[migrations]]
            tag = "v1"
            new_sqlite_classes = ["Obj"]
            [[services]]
            binding = "SELF"
            service = "sized"
            entrypoint = "Ep"
            """).configure(b -> b.name("sized").inMemory());

    private static String refused(long size) {
        return "Serialized RPC arguments or return values are limited to 32MiB, but the size of this value was: "
                + size + " bytes.";
    }

    @Test
    void aValueJustUnderTheLimitCrosses() {
        int n = 33_554_000; // 432 bytes under the limit as an argument: crossed under wrangler dev too
        assertJson(Map.of("doArg", Map.of("ok", n), "doResult", Map.of("ok", n), "serviceArg", Map.of("ok", n)),
                worker.getJson("/?n=" + n));
    }

    @Test
    void aValuePastTheLimitIsRefusedWithItsSerializedSize() {
        int n = 32 * 1024 * 1024;
        assertJson(Map.of(
                "doArg", Map.of("err", "Error", "msg", refused(n + 12L)),
                "doResult", Map.of("err", "Error", "msg", refused(n + 7L)),
                "serviceArg", Map.of("err", "Error", "msg", refused(n + 12L))),
                worker.getJson("/?n=" + n));
    }
}
