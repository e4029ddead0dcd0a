package dev.workersim.core.node;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** node:stream: data flows through pipeline() with a Transform, backpressure holds, errors propagate. */
class NodeStreamTest {
    private static final String WORKER = """
            import { Readable, Writable, Transform, PassThrough, Duplex, pipeline, finished } from "node:stream";
            import { pipeline as pipelineP } from "node:stream/promises";
            import { inherits } from "node:util";

            function collector(out, opts = {}) {
              return new Writable({ ...opts, write(chunk, enc, cb) { out.push(chunk.toString()); setTimeout(cb, 1); } });
            }
            const upper = () => new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });

            // An old-style subclass: Readable.call(this) + util.inherits.
            function Counter(max) { Readable.call(this); this.n = 0; this.max = max; }
            inherits(Counter, Readable);
            Counter.prototype._read = function () { this.push(this.n < this.max ? String(this.n++) : null); };

            const routes = {
              async pipeline() {
                const out = [];
                const events = [];
                const sink = collector(out);
                sink.on("finish", () => events.push("finish"));
                await new Promise((resolve, reject) => pipeline(Readable.from(["a", "b", "c"]), upper(), new PassThrough(), sink,
                  (err) => (err ? reject(err) : resolve())));
                return { out: out.join(""), events };
              },
              async promises() {
                const out = [];
                await pipelineP(new Counter(5), upper(), collector(out));
                return out.join(",");
              },
              async backpressure() {
                const writes = [];
                const w = new Writable({ highWaterMark: 3, write(chunk, enc, cb) { writes.push(chunk.length); setTimeout(cb, 1); } });
                const results = [w.write("ab"), w.write("cd")];
                await new Promise((r) => w.once("drain", r));
                results.push(w.write("e"));
                w.end();
                await new Promise((r) => finished(w, r));
                return { results, writes, finished: w.writableFinished };
              },
              async iterate() {
                const chunks = [];
                for await (const c of Readable.from([1, 2, 3])) chunks.push(c);
                const text = [];
                const r = new Readable({ read() {} });
                r.setEncoding("utf8");
                r.push(Buffer.from([0xe2, 0x82]));
                r.push(Buffer.from([0xac]));
                r.push(null);
                for await (const c of r) text.push(c);
                return { chunks, text };
              },
              async paused() {
                const r = new Readable({ read() {} });
                r.push("x");
                r.push("y");
                r.push(null);
                await new Promise((res) => r.once("readable", res));
                return String(r.read());
              },
              async error() {
                const failing = new Transform({ transform(chunk, enc, cb) { cb(new Error("bad chunk")); } });
                const err = await new Promise((resolve) => pipeline(Readable.from(["a"]), failing, collector([]), resolve));
                return { message: err?.message, destroyed: failing.destroyed };
              },
              async duplex() {
                const seen = [];
                const d = new Duplex({
                  read() {},
                  write(chunk, enc, cb) { seen.push(chunk.toString()); this.push(chunk.toString().repeat(2)); cb(); },
                  final(cb) { this.push(null); cb(); },
                });
                const out = [];
                d.on("data", (c) => out.push(c.toString()));
                d.write("a");
                d.end("b");
                await new Promise((r) => d.on("end", r));
                return { seen, out };
              },
              async writeAfterEnd() {
                const w = collector([]);
                w.end();
                return await new Promise((r) => w.write("x", (err) => r(err.code + ": " + err.message)));
              },
            };
            export default {
              async fetch(request) {
                const name = new URL(request.url).pathname.slice(1);
                return Response.json(await routes[name]());
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER).toml(AsyncLocalStorageTest.CONFIG);

    private static String get(String route) throws Exception {
        return sim.fetch(FetchRequest.get("http://localhost/" + route)).ok().json().toString();
    }

    @Test
    void pipelineRunsThroughTransforms() throws Exception {
        assertJson(Map.of("out", "ABC", "events", List.of("finish")), get("pipeline"));
        assertEquals("\"0,1,2,3,4\"", get("promises"), "an old-style Readable subclass through stream/promises");
    }

    @Test
    void writeReturnsFalseAtTheHighWaterMarkAndDrains() throws Exception {
        assertJson(Map.of("results", List.of(true, false, true), "writes", List.of(2, 2, 1), "finished", true),
                get("backpressure"));
    }

    @Test
    void readablesIterateAndDecodeWholeCharacters() throws Exception {
        assertJson(Map.of("chunks", List.of(1, 2, 3), "text", List.of("€")), get("iterate"),
                "the split € waits for its last byte");
        assertEquals("\"xy\"", get("paused"));
    }

    @Test
    void errorsDestroyThePipeline() throws Exception {
        assertJson(Map.of("message", "bad chunk", "destroyed", true), get("error"));
        assertEquals("\"ERR_STREAM_WRITE_AFTER_END: write after end\"", get("writeAfterEnd"));
    }

    @Test
    void duplexHasBothSides() throws Exception {
        assertJson(Map.of("seen", List.of("a", "b"), "out", List.of("aa", "bb")), get("duplex"));
    }
}
