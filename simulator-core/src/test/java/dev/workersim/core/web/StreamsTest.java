package dev.workersim.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * WHATWG Streams (web/streams.js) through the real runtime. One worker holds every scenario; each
 * answers {@code GET /<case>} with JSON observations (or a streamed body), compared here with what the
 * Streams Standard says must happen.
 */
class StreamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Simulator sim;

    @BeforeAll
    static void startWorker() {
        sim = Simulator.builder().script(WORKER).http(false).build();
        sim.start();
    }

    @AfterAll
    static void stopWorker() {
        if (sim != null) sim.close();
    }

    private static FetchResponse get(String name) {
        return sim.dispatchFetch(FetchRequest.get("http://localhost/" + name));
    }

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return EXPECTED.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            FetchResponse r = get(e.getKey());
            assertEquals(200, r.status(), r.text());
            String expected = e.getValue();
            if (expected.startsWith("{") || expected.startsWith("[")) {
                JsonNode want = JSON.readTree(expected);
                JsonNode got = JSON.readTree(r.text());
                assertEquals(want, got, () -> "expected " + want + "\n     got " + got);
            } else {
                assertEquals(expected, r.text());
            }
        }));
    }

    @Test
    void everyScenarioHasAnExpectation() throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(get("__list").text()).forEach(n -> names.add(n.asText()));
        assertEquals(names, new ArrayList<>(EXPECTED.keySet()));
    }

    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    private static void expect(String name, String json) {
        EXPECTED.put(name, json.strip());
    }

    static {
        expect("read-order", """
                {"got":["a","b","c","done"],"again":{"done":true},"lockedBefore":true,"lockedAfter":false,"pulls":1,"closed":["err","TypeError","The reader's lock was released"]}""");
        // pull runs only while a read is pending: none before the first read, one per read after
        expect("backpressure-hwm0", """
                {"before":0,"afterOne":1,"afterTwo":2,"values":[1,2]}""");
        // with HWM 1 the source fills one chunk ahead, then waits however long the consumer idles
        expect("backpressure-hwm1", """
                {"idle":1,"values":[1,2,3],"pullsAfterThreeReads":4}""");
        // desiredSize = HWM - queued; pull is called again only while it is > 0
        expect("backpressure-count-strategy", """
                {"sizes":[3,2,0,-1],"pullsAtStart":1,"pullsWhenFull":2,"byteDesired":6,"bl":false}""");
        expect("async-pull-not-reentered", """
                {"vals":[1,2,3,4,5,6],"maxActive":1}""");
        expect("cancel", """
                {"log":["cancel:why"],"cancelResult":["ok",null],"pending":{"done":true},"closed":["ok",null],"enqueueAfter":"TypeError","desiredSize":0,"streamCancelWhileLocked":["err","TypeError","Cannot cancel a locked ReadableStream"]}""");
        expect("cancel-unlocked", """
                {"log":["bye"],"r1":["ok",null],"read":{"done":true}}""");
        expect("error", """
                {"pending":["err","Error","boom"],"closed":["err","Error","boom"],"next":["err","Error","boom"],"cancel":["err","Error","boom"],"desiredSize":null,"closeAfter":"TypeError"}""");
        // a size() that throws errors the stream; a RangeError from a bad size reaches enqueue()'s caller
        expect("error-from-callbacks", """
                {"startThrows":"RangeError","startRejects":["err","Error","async start"],"pullThrows":["err","Error","pull"],"sizeErrored":["err","Error","size"],"badSize":["RangeError",["err","RangeError","The chunk size must be a finite, non-negative number"]]}""");
        expect("tee", """
                {"teeLocked":true,"va":[1,2,3],"vb":[1,2,3],"sourceCancelled":false}""");
        // cancelling one branch waits until the other is cancelled too, and never reaches the source alone
        expect("tee-cancel", """
                {"afterOne":{"calls":0,"firstSettled":false},"bRead":{"value":1,"done":false},"locked":true}""");
        expect("tee-cancel-both", """
                {"reasons":[["r1","r2"]]}""");
        expect("tee-error", """
                {"a":["err","TypeError","bad"],"b":["err","TypeError","bad"]}""");
        expect("pipe-to", """
                {"log":[1,2,3,"close"],"result":["ok",null],"locked":false}""");
        expect("pipe-to-prevent-close", """
                {"log":[1,2,3,"close"]}""");
        expect("pipe-to-errors", """
                {"r1":["err","Error","src"],"log1":["abort:src"],"r2":["err","Error","sink failed"],"log2":[2],"cancels":["sink failed"],"r3":["err","Error","e3"],"ws3Locked":false,"log3":[]}""");
        expect("pipe-to-signal", """
                {"r":["err","String","stop"],"cancels":["stop"],"aborted":"abort:stop","wrote":true,"r2":["err","String","early"],"badSignal":["err","TypeError","options.signal must be an AbortSignal"]}""");
        // a sink that holds its write keeps the pipe from reading more than one chunk ahead
        expect("pipe-to-backpressure", """
                {"snapshot":{"pulled":1,"written":1},"total":20}""");
        expect("pipe-through", """
                {"out":["A","B","C","!"],"isTs":true}""");
        expect("async-iter-break", """
                {"got":[1,2],"cancelled":["cancel:undefined"],"locked":false,"preventCancel":[],"after":{"value":2,"done":false},"seq":[{"value":1,"done":false},{"done":true},{"done":true},{"value":"x","done":true}],"sameFn":true,"tag":"[object ReadableStream AsyncIterator]"}""");
        expect("async-iter-error", """
                {"got":[],"caught":"mid"}""");
        expect("from", """
                {"a":[1,2],"b":[1,2,3],"first":"p","returned":["finally"],"fromString":["h","i"],"nested":[7,8],"bad":"TypeError","isRs":true}""");
        expect("locked", """
                {"twice":"TypeError","ctorTwice":"TypeError","pendingAfterRelease":["err","TypeError","The reader's lock was released"],"readAfterRelease":["err","TypeError","The reader has been released"],"closedAfterRelease":["err","TypeError","The reader's lock was released"],"relocked":true,"cancelLocked":["err","TypeError","Cannot cancel a locked ReadableStream"],"pipeLocked":["err","TypeError","Cannot pipe a locked ReadableStream"],"pipeThroughLocked":"TypeError","r2":true}""");
        expect("brand-checks", """
                {"getReader":"TypeError","locked":"TypeError","cancel":["err","TypeError","Not a ReadableStream"],"pipeTo":["err","TypeError","Not a ReadableStream"],"read":["err","TypeError","Not a ReadableStreamDefaultReader"],"closed":["err","TypeError","Not a ReadableStreamDefaultReader"],"write":["err","TypeError","Not a WritableStreamDefaultWriter"],"wsAbort":["err","TypeError","Not a WritableStream"],"controllerCtor":"TypeError","tsReadable":"TypeError","strategy":"TypeError","tags":["[object ReadableStream]","[object WritableStream]","[object TransformStream]","[object ReadableStreamDefaultReader]","[object WritableStreamDefaultWriter]","[object CountQueuingStrategy]"],"enumerable":["locked","cancel","getReader","pipeThrough","pipeTo","tee","values"],"ctorLength":[0,0,0,1,1],"global":false,"sharedSize":true,"byteSize":5}""");
        expect("validation", """
                {"negativeHwm":"RangeError","nanHwm":"RangeError","badType":"TypeError","notObject":"TypeError","badPull":"TypeError","sinkType":"RangeError","readableType":"RangeError","strategyNoHwm":"TypeError","badMode":"TypeError","nullSource":false}""");
        expect("writable", """
                {"log":["a","b","closed"],"sizes":[2,1,0],"readyWhileFull":false,"readyAfter":true,"writeAfterClose":["err","TypeError","The stream is closing or closed"],"closed":["ok",null],"signal":"boolean","locked":true}""");
        expect("writable-abort", """
                {"aborted":true,"reason":"stop","first":["err","String","stop"],"second":["err","String","stop"],"abort":["ok",null],"log":["abort:stop"],"closed":["err","String","stop"],"ready":["err","String","stop"]}""");
        expect("writable-error", """
                {"r1":["ok",null],"r2":["err","Error","bad chunk"],"r3":["err","Error","bad chunk"],"desired":null,"closed2":["err","Error","ctl"],"released":"TypeError","closedReleased":["err","TypeError","The writer's lock was released"]}""");
        expect("transform", """
                {"out":["start",2,3,4,6,"end"],"identity":["x"]}""");
        expect("transform-terminate-error", """
                {"out":[1,2],"w3":["err","TypeError","The transform stream has been terminated"],"wr":["err","Error","tf"],"rd":["err","Error","tf"],"cancels":["gone"],"w3b":["err","String","gone"]}""");
        // the readable side has HWM 0, so no transform runs until someone reads
        expect("transform-backpressure", """
                {"sizes":[1],"stuck":0,"first":1,"afterRead":1}""");
        expect("byte-default-reader", """
                {"detached":0,"a":["Uint8Array","abc"],"b":["Uint8Array",2],"done":true}""");
        expect("byob-read", """
                {"tag":"[object ReadableStreamBYOBReader]","value":"ABC","done":false,"sameSize":8,"mineDetached":0,"offset":0}""");
        expect("byob-min-and-enqueue", """
                {"r1":"xyxy","r2":"xy","r3":[true,0,5],"pulls":3}""");
        // a Uint16Array read takes whole elements; a trailing odd byte at close is an error
        expect("byob-elements", """
                {"r1":["Uint16Array",[1,2]],"r2":["err","TypeError","Insufficient bytes to fill elements in the given buffer"]}""");
        expect("auto-allocate", """
                {"sizes":[16],"value":"hey","bufferSize":16,"zero":"TypeError"}""");
        expect("byob-close-pending", """
                {"done":true,"len":0,"cap":4,"after":true}""");
        expect("byob-respond-with-new-view", """
                {"value":[9,8]}""");
        expect("byte-errors", """
                {"empty":["err","TypeError","view must have a non-zero byteLength"],"notView":"TypeError","minTooBig":"RangeError","minZero":"TypeError","tooMuch":"RangeError","enqueueEmpty":"TypeError","enqueueNotView":"TypeError","pending":["err","Error","bytes broke"],"defaultStreamByob":"TypeError","sizeWithBytes":"RangeError","ctorBYOB":"TypeError","invalidated":null}""");
        expect("byte-tee", """
                {"a":["c1","c2","c3"],"b":"c1c2c3"}""");
        expect("byte-pipe-and-iterate", """
                {"got":["Uint8Array:one","Uint8Array:two"],"it":["z"]}""");
        expect("byte-response", """
                byte stream body""");
        expect("identity-transform", """
                {"out":"keep-ab","kept":4,"bad":"TypeError","otherRead":"TypeError","isTs":true,"tag":"[object IdentityTransformStream]"}""");
        // too many bytes fails the write, too few fails close(); either way the readable side errors
        expect("fixed-length", """
                {"out":["abc","def"],"tooMany":["err","TypeError","Attempt to write too many bytes through a FixedLengthStream."],"overRead":"TypeError","tooFew":["err","TypeError","FixedLengthStream did not see all expected bytes before close()."],"underRead":"TypeError","negative":"TypeError","isIdentity":true}""");
        expect("fixed-length-response", """
                hello world""");
        expect("response-stream", """
                Hello, streamed world""");
        expect("response-pipethrough", """
                ABCDEF""");
    }

    /** The worker: scenario name -> async function returning observations. */
    private static final String WORKER = """
            // Stream scenarios; each returns an object of observations that the test compares.
            const tick = async (n = 10) => { for (let i = 0; i < n; i++) await null; };
            const errName = (e) => (e && e.constructor ? e.constructor.name : String(e));
            const settle = (p) => p.then((v) => ["ok", v], (e) => ["err", errName(e), e && e.message !== undefined ? e.message : e]);
            async function readAll(stream) {
              const out = [];
              for await (const chunk of stream) out.push(chunk);
              return out;
            }
            function throwsType(fn) {
              try { fn(); return "no throw"; } catch (e) { return errName(e); }
            }
            function counterSource(limit, log) {
              let n = 0;
              return {
                pull(c) { log.push("pull"); n++; if (n > limit) c.close(); else c.enqueue(n); },
                cancel(reason) { log.push("cancel:" + reason); },
              };
            }
            function collector(log, opts = {}) {
              return new WritableStream({
                write(chunk) { log.push(chunk); if (opts.failOn === chunk) throw new Error("sink failed"); },
                close() { log.push("close"); },
                abort(reason) { log.push("abort:" + (reason && reason.message ? reason.message : reason)); },
              }, opts.strategy);
            }
            function makeSignal() {
              if (typeof AbortController === "function") return new AbortController();
              const ls = [];
              const signal = { aborted: false, reason: undefined, addEventListener(t, f) { ls.push(f); }, removeEventListener() {} };
              return { signal, abort(r) { signal.aborted = true; signal.reason = r; ls.forEach((f) => f()); } };
            }
            const bytes = (s) => { const u = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i); return u; };
            const str = (u) => { let s = ""; for (const b of u) s += String.fromCharCode(b); return s; };

            const cases = {
              async "read-order"() {
                let pulls = 0;
                const rs = new ReadableStream({
                  start(c) { c.enqueue("a"); c.enqueue("b"); },
                  pull(c) { pulls++; c.enqueue("c"); c.close(); },
                });
                const reader = rs.getReader();
                const got = [];
                for (;;) { const r = await reader.read(); got.push(r.done ? "done" : r.value); if (r.done) break; }
                const again = await reader.read();
                const lockedBefore = rs.locked;
                reader.releaseLock();
                return { got, again, lockedBefore, lockedAfter: rs.locked, pulls, closed: await settle(reader.closed) };
              },

              async "backpressure-hwm0"() {
                const log = [];
                const rs = new ReadableStream(counterSource(10, log), { highWaterMark: 0 });
                await tick();
                const before = log.length;
                const reader = rs.getReader();
                const a = await reader.read();
                await tick();
                const afterOne = log.length;
                const b = await reader.read();
                await tick();
                return { before, afterOne, afterTwo: log.length, values: [a.value, b.value] };
              },

              async "backpressure-hwm1"() {
                const log = [];
                const rs = new ReadableStream(counterSource(10, log));
                await tick(50); // a slow consumer: nothing reads for a while
                const idle = log.length;
                const reader = rs.getReader();
                const values = [];
                for (let i = 0; i < 3; i++) { values.push((await reader.read()).value); await tick(); }
                return { idle, values, pullsAfterThreeReads: log.length };
              },

              async "backpressure-count-strategy"() {
                let pulls = 0;
                let ctl;
                const rs = new ReadableStream({ start(c) { ctl = c; }, pull() { pulls++; } }, new CountQueuingStrategy({ highWaterMark: 3 }));
                const sizes = [ctl.desiredSize];
                await tick();
                const pullsAtStart = pulls; // desiredSize 3 > 0: one pull, then no more since it enqueued nothing yet
                ctl.enqueue(1); sizes.push(ctl.desiredSize);
                ctl.enqueue(2); ctl.enqueue(3); sizes.push(ctl.desiredSize);
                ctl.enqueue(4); sizes.push(ctl.desiredSize);
                await tick();
                const pullsWhenFull = pulls;
                const bl = new ReadableStream({ start(c) { ctl = c; } }, new ByteLengthQueuingStrategy({ highWaterMark: 10 }));
                ctl.enqueue(new Uint8Array(4));
                const byteDesired = ctl.desiredSize;
                return { sizes, pullsAtStart, pullsWhenFull, byteDesired, bl: bl.locked };
              },

              async "async-pull-not-reentered"() {
                let pulls = 0, active = 0, maxActive = 0;
                const rs = new ReadableStream({
                  async pull(c) {
                    pulls++; active++; maxActive = Math.max(maxActive, active);
                    await tick(3);
                    c.enqueue(pulls);
                    active--;
                  },
                }, { highWaterMark: 4 });
                const reader = rs.getReader();
                const vals = [];
                for (let i = 0; i < 6; i++) vals.push((await reader.read()).value);
                return { vals, maxActive };
              },

              async "cancel"() {
                const log = [];
                let ctl;
                const rs = new ReadableStream({ start(c) { ctl = c; c.enqueue("queued"); }, cancel(r) { log.push("cancel:" + r); return tick(); } });
                const reader = rs.getReader();
                await reader.read();
                const pending = reader.read();
                const cancelResult = await settle(reader.cancel("why"));
                return {
                  log, cancelResult, pending: await pending, closed: await settle(reader.closed),
                  enqueueAfter: throwsType(() => ctl.enqueue("x")), desiredSize: ctl.desiredSize,
                  streamCancelWhileLocked: await settle(rs.cancel()),
                };
              },

              async "cancel-unlocked"() {
                const log = [];
                const rs = new ReadableStream({ cancel(r) { log.push(r); } });
                const r1 = await settle(rs.cancel("bye"));
                const read = await rs.getReader().read();
                return { log, r1, read };
              },

              async "error"() {
                let ctl;
                const boom = new Error("boom");
                const rs = new ReadableStream({ start(c) { ctl = c; } });
                const reader = rs.getReader();
                const pending = settle(reader.read());
                ctl.error(boom);
                return {
                  pending: await pending, closed: await settle(reader.closed), next: await settle(reader.read()),
                  cancel: await settle(reader.cancel()), desiredSize: ctl.desiredSize, closeAfter: throwsType(() => ctl.close()),
                };
              },

              async "error-from-callbacks"() {
                const startThrows = (() => { try { new ReadableStream({ start() { throw new RangeError("s"); } }); return "no"; } catch (e) { return errName(e); } })();
                const startRejects = await settle(new ReadableStream({ start() { return Promise.reject(new Error("async start")); } }).getReader().read());
                const pullThrows = await settle(new ReadableStream({ pull() { throw new Error("pull"); } }).getReader().read());
                const sizeThrows = new ReadableStream({ start(c) { try { c.enqueue(1); } catch (e) { this.err = e.message; } } }, { size() { throw new Error("size"); } });
                let badSizeError;
                const badSizeStream = new ReadableStream({ start(c) { try { c.enqueue(1); } catch (e) { badSizeError = errName(e); } } }, { size() { return -1; } });
                const badSize = [badSizeError, await settle(badSizeStream.getReader().read())];
                return { startThrows, startRejects, pullThrows, sizeErrored: await settle(sizeThrows.getReader().closed), badSize };
              },

              async "tee"() {
                const log = [];
                const rs = new ReadableStream(counterSource(3, log));
                const [a, b] = rs.tee();
                const teeLocked = rs.locked;
                const [va, vb] = await Promise.all([readAll(a), readAll(b)]);
                return { teeLocked, va, vb, sourceCancelled: log.includes("cancel:undefined") };
              },

              async "tee-cancel"() {
                const log = [];
                const rs = new ReadableStream({ start(c) { c.enqueue(1); }, cancel(r) { log.push(r); } });
                const [a, b] = rs.tee();
                // Cancelling one branch settles only once both are cancelled.
                let firstSettled = false;
                a.cancel("r1").then(() => { firstSettled = true; });
                await tick();
                const afterOne = { calls: log.length, firstSettled };
                const bRead = await b.getReader().read(); // the other branch still reads normally
                return { afterOne, bRead, locked: b.locked };
              },

              async "tee-cancel-both"() {
                const log = [];
                const rs = new ReadableStream({ cancel(r) { log.push(r); } });
                const [a, b] = rs.tee();
                const p1 = a.cancel("r1");
                const p2 = b.cancel("r2");
                await Promise.all([p1, p2]);
                return { reasons: log };
              },

              async "tee-error"() {
                let ctl;
                const rs = new ReadableStream({ start(c) { ctl = c; } });
                const [a, b] = rs.tee();
                const ra = settle(a.getReader().read()), rb = settle(b.getReader().read());
                ctl.error(new TypeError("bad"));
                return { a: await ra, b: await rb };
              },

              async "pipe-to"() {
                const log = [];
                const rs = new ReadableStream(counterSource(3, []));
                const result = await settle(rs.pipeTo(collector(log)));
                return { log, result, locked: rs.locked };
              },

              async "pipe-to-prevent-close"() {
                const log = [];
                const ws = collector(log);
                await ReadableStream.from([1, 2]).pipeTo(ws, { preventClose: true });
                const w = ws.getWriter();
                await w.write(3);
                await w.close();
                return { log };
              },

              async "pipe-to-errors"() {
                // Forward: a source error aborts the destination.
                const log1 = [];
                const src1 = new ReadableStream({ start(c) { c.enqueue("x"); c.error(new Error("src")); } });
                const r1 = await settle(src1.pipeTo(collector(log1)));
                // Backward: a destination error cancels the source.
                const log2 = [];
                const cancels = [];
                const src2 = new ReadableStream({ pull(c) { c.enqueue(c.desiredSize === undefined ? 0 : 2); }, cancel(r) { cancels.push(r.message); } });
                const r2 = await settle(src2.pipeTo(collector(log2, { failOn: 2 })));
                // preventAbort keeps the destination usable.
                const log3 = [];
                const ws3 = collector(log3);
                const r3 = await settle(new ReadableStream({ start(c) { c.error(new Error("e3")); } }).pipeTo(ws3, { preventAbort: true }));
                return { r1, log1, r2, log2: log2.slice(0, 1), cancels, r3, ws3Locked: ws3.locked, log3 };
              },

              async "pipe-to-signal"() {
                const ac = makeSignal();
                const log = [];
                const cancels = [];
                let n = 0;
                const rs = new ReadableStream({ pull(c) { c.enqueue(++n); }, cancel(r) { cancels.push(String(r)); } });
                const p = settle(rs.pipeTo(collector(log), { signal: ac.signal }));
                await tick(20);
                ac.abort("stop");
                const r = await p;
                const pre = makeSignal();
                pre.abort("early");
                const r2 = await settle(new ReadableStream().pipeTo(new WritableStream(), { signal: pre.signal }));
                return { r, cancels, aborted: log[log.length - 1], wrote: log.length > 1, r2, badSignal: await settle(new ReadableStream().pipeTo(new WritableStream(), { signal: {} })) };
              },

              async "pipe-to-backpressure"() {
                // The destination takes one chunk at a time; the source must not run ahead.
                const pulled = [];
                let n = 0;
                const rs = new ReadableStream({ pull(c) { n++; pulled.push(n); c.enqueue(n); if (n === 20) c.close(); } }, { highWaterMark: 0 });
                const written = [];
                let release;
                const ws = new WritableStream({ write(chunk) { written.push(chunk); return new Promise((r) => { release = r; }); } }, { highWaterMark: 1 });
                const done = rs.pipeTo(ws);
                await tick(30);
                const snapshot = { pulled: pulled.length, written: written.length };
                for (let i = 0; i < 30 && release; i++) { const r = release; release = undefined; r(); await tick(10); }
                await done;
                return { snapshot, total: written.length };
              },

              async "pipe-through"() {
                const upper = new TransformStream({
                  transform(chunk, c) { c.enqueue(chunk.toUpperCase()); },
                  flush(c) { c.enqueue("!"); },
                });
                const out = ReadableStream.from(["a", "b", "c"]).pipeThrough(upper);
                return { out: await readAll(out), isTs: out === upper.readable };
              },

              async "async-iter-break"() {
                const log = [];
                const rs = new ReadableStream(counterSource(100, log));
                const got = [];
                for await (const v of rs) { got.push(v); if (v === 2) break; }
                const pk = [];
                const rs2 = new ReadableStream(counterSource(100, pk));
                for await (const v of rs2.values({ preventCancel: true })) { if (v === 1) break; }
                const after = await rs2.getReader().read();
                const it = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } })[Symbol.asyncIterator]();
                const seq = [await it.next(), await it.next(), await it.next(), await it.return("x")];
                return {
                  got, cancelled: log.filter((x) => x.startsWith("cancel")), locked: rs.locked,
                  preventCancel: pk.filter((x) => x.startsWith("cancel")), after, seq,
                  sameFn: ReadableStream.prototype.values === ReadableStream.prototype[Symbol.asyncIterator],
                  tag: Object.prototype.toString.call(it),
                };
              },

              async "async-iter-error"() {
                const rs = new ReadableStream({ start(c) { c.enqueue(1); c.error(new Error("mid")); } });
                const got = [];
                let caught;
                try { for await (const v of rs) got.push(v); } catch (e) { caught = e.message; }
                return { got, caught };
              },

              async "from"() {
                async function* gen() { yield 1; await null; yield 2; }
                const returned = [];
                function* sync() { try { yield Promise.resolve("p"); yield "q"; yield "r"; } finally { returned.push("finally"); } }
                const a = await readAll(ReadableStream.from(gen()));
                const b = await readAll(ReadableStream.from([1, Promise.resolve(2), 3]));
                const s = ReadableStream.from(sync());
                const reader = s.getReader();
                const first = await reader.read();
                await reader.cancel("enough");
                const fromString = await readAll(ReadableStream.from("hi"));
                const nested = await readAll(ReadableStream.from(ReadableStream.from([7, 8])));
                return { a, b, first: first.value, returned, fromString, nested, bad: throwsType(() => ReadableStream.from(5)), isRs: ReadableStream.from([]) instanceof ReadableStream };
              },

              async "locked"() {
                const rs = new ReadableStream();
                const r1 = rs.getReader();
                const twice = throwsType(() => rs.getReader());
                const ctorTwice = throwsType(() => new ReadableStreamDefaultReader(rs));
                const pending = settle(r1.read());
                r1.releaseLock();
                const pendingAfterRelease = await pending;
                const readAfterRelease = await settle(r1.read());
                const closedAfterRelease = await settle(r1.closed);
                r1.releaseLock(); // a second release is a no-op
                const r2 = new ReadableStreamDefaultReader(rs);
                return {
                  twice, ctorTwice, pendingAfterRelease, readAfterRelease, closedAfterRelease, relocked: rs.locked,
                  cancelLocked: await settle(rs.cancel()), pipeLocked: await settle(rs.pipeTo(new WritableStream())),
                  pipeThroughLocked: throwsType(() => rs.pipeThrough(new TransformStream())), r2: r2 instanceof ReadableStreamDefaultReader,
                };
              },

              async "brand-checks"() {
                const fake = {};
                const proto = ReadableStream.prototype;
                return {
                  getReader: throwsType(() => proto.getReader.call(fake)),
                  locked: throwsType(() => Object.getOwnPropertyDescriptor(proto, "locked").get.call(fake)),
                  cancel: await settle(proto.cancel.call(fake)),
                  pipeTo: await settle(proto.pipeTo.call(fake, new WritableStream())),
                  read: await settle(ReadableStreamDefaultReader.prototype.read.call(fake)),
                  closed: await settle(Object.getOwnPropertyDescriptor(ReadableStreamDefaultReader.prototype, "closed").get.call(fake)),
                  write: await settle(WritableStreamDefaultWriter.prototype.write.call(fake, 1)),
                  wsAbort: await settle(WritableStream.prototype.abort.call(fake)),
                  controllerCtor: throwsType(() => new ReadableStreamDefaultController()),
                  tsReadable: throwsType(() => Object.getOwnPropertyDescriptor(TransformStream.prototype, "readable").get.call(fake)),
                  strategy: throwsType(() => Object.getOwnPropertyDescriptor(CountQueuingStrategy.prototype, "highWaterMark").get.call(fake)),
                  tags: [new ReadableStream(), new WritableStream(), new TransformStream(), new ReadableStream().getReader(), new WritableStream().getWriter(), new CountQueuingStrategy({ highWaterMark: 1 })].map((x) => Object.prototype.toString.call(x)),
                  enumerable: Object.keys(ReadableStream.prototype),
                  ctorLength: [ReadableStream.length, WritableStream.length, TransformStream.length, ReadableStreamDefaultReader.length, CountQueuingStrategy.length],
                  global: Object.getOwnPropertyDescriptor(globalThis, "ReadableStream").enumerable,
                  sharedSize: new CountQueuingStrategy({ highWaterMark: 1 }).size === new CountQueuingStrategy({ highWaterMark: 2 }).size,
                  byteSize: new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size(new Uint8Array(5)),
                };
              },

              async "validation"() {
                return {
                  negativeHwm: throwsType(() => new ReadableStream({}, { highWaterMark: -1 })),
                  nanHwm: throwsType(() => new ReadableStream({}, { highWaterMark: NaN })),
                  badType: throwsType(() => new ReadableStream({ type: "nope" })),
                  notObject: throwsType(() => new ReadableStream(5)),
                  badPull: throwsType(() => new ReadableStream({ pull: 1 })),
                  sinkType: throwsType(() => new WritableStream({ type: "bytes" })),
                  readableType: throwsType(() => new TransformStream({ readableType: "bytes" })),
                  strategyNoHwm: throwsType(() => new CountQueuingStrategy({})),
                  badMode: throwsType(() => new ReadableStream().getReader({ mode: "nope" })),
                  nullSource: new ReadableStream(null).locked,
                };
              },

              async "writable"() {
                const log = [];
                let ctl;
                const ws = new WritableStream({
                  start(c) { ctl = c; },
                  async write(chunk) { await tick(2); log.push(chunk); },
                  close() { log.push("closed"); },
                }, { highWaterMark: 2 });
                const w = ws.getWriter();
                const sizes = [w.desiredSize];
                const p1 = w.write("a");
                sizes.push(w.desiredSize);
                const p2 = w.write("b");
                sizes.push(w.desiredSize);
                let readyResolved = false;
                w.ready.then(() => { readyResolved = true; });
                await tick(1);
                const readyWhileFull = readyResolved;
                await Promise.all([p1, p2]);
                await tick(1);
                const c = w.close();
                const writeAfterClose = await settle(w.write("c"));
                await c;
                return {
                  log, sizes, readyWhileFull, readyAfter: readyResolved, writeAfterClose, closed: await settle(w.closed),
                  signal: typeof ctl.signal.aborted, locked: ws.locked,
                };
              },

              async "writable-abort"() {
                const log = [];
                let ctl;
                const ws = new WritableStream({
                  start(c) { ctl = c; },
                  write() { return tick(5); },
                  abort(r) { log.push("abort:" + r); },
                });
                const w = ws.getWriter();
                const p = settle(w.write(1));
                const q = settle(w.write(2));
                const a = settle(w.abort("stop"));
                return {
                  aborted: ctl.signal.aborted, reason: ctl.signal.reason, first: await p, second: await q, abort: await a,
                  log, closed: await settle(w.closed), ready: await settle(w.ready),
                };
              },

              async "writable-error"() {
                const ws = new WritableStream({ write(chunk) { if (chunk === 2) throw new Error("bad chunk"); } });
                const w = ws.getWriter();
                const r1 = await settle(w.write(1));
                const r2 = await settle(w.write(2));
                const r3 = await settle(w.write(3));
                let ctl;
                const ws2 = new WritableStream({ start(c) { ctl = c; } });
                ctl.error(new Error("ctl"));
                const w2 = ws2.getWriter();
                w.releaseLock();
                return { r1, r2, r3, desired: w2.desiredSize, closed2: await settle(w2.closed), released: throwsType(() => w.desiredSize), closedReleased: await settle(w.closed) };
              },

              async "transform"() {
                const ts = new TransformStream({
                  start(c) { c.enqueue("start"); },
                  transform(chunk, c) { c.enqueue(chunk * 2); c.enqueue(chunk * 3); },
                  flush(c) { c.enqueue("end"); },
                });
                const w = ts.writable.getWriter();
                const reading = readAll(ts.readable);
                await w.write(1);
                await w.write(2);
                await w.close();
                const identity = new TransformStream();
                const iw = identity.writable.getWriter();
                iw.write("x"); iw.close();
                return { out: await reading, identity: await readAll(identity.readable) };
              },

              async "transform-terminate-error"() {
                const ts = new TransformStream({ transform(chunk, c) { c.enqueue(chunk); if (chunk === 2) c.terminate(); } });
                const w = ts.writable.getWriter();
                const reading = readAll(ts.readable);
                await w.write(1);
                await w.write(2);
                const w3 = await settle(w.write(3));
                const out = await reading;
                const ts2 = new TransformStream({ transform() { throw new Error("tf"); } });
                const w2 = ts2.writable.getWriter();
                const r = ts2.readable.getReader();
                const rd = settle(r.read()); // the readable side has HWM 0: the write waits for a read
                const wr = await settle(w2.write(1));
                const cancels = [];
                const ts3 = new TransformStream({ cancel(r) { cancels.push(r); } });
                await ts3.readable.cancel("gone");
                const w3b = await settle(ts3.writable.getWriter().write(1));
                return { out, w3, wr, rd: await rd, cancels, w3b };
              },

              async "transform-backpressure"() {
                let transforms = 0;
                const ts = new TransformStream({ transform(chunk, c) { transforms++; c.enqueue(chunk); } });
                const w = ts.writable.getWriter();
                const sizes = [w.desiredSize];
                w.write(1); w.write(2); w.write(3);
                await tick(20);
                const stuck = transforms; // the readable side has HWM 0 and nobody reads
                const reader = ts.readable.getReader();
                const first = await reader.read();
                await tick(20);
                return { sizes, stuck, first: first.value, afterRead: transforms };
              },

              async "byte-default-reader"() {
                const chunk = bytes("abc");
                const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(chunk); c.enqueue(new Uint16Array([0x4241])); c.close(); } });
                const detached = chunk.byteLength; // enqueue transfers the buffer away from the caller
                const reader = rs.getReader();
                const a = await reader.read();
                const b = await reader.read();
                const c = await reader.read();
                return { detached, a: [a.value.constructor.name, str(a.value)], b: [b.value.constructor.name, b.value.length], done: c.done };
              },

              async "byob-read"() {
                const rs = new ReadableStream({
                  type: "bytes",
                  pull(c) {
                    const v = c.byobRequest.view;
                    for (let i = 0; i < 3; i++) v[i] = 65 + i;
                    c.byobRequest.respond(3);
                  },
                });
                const reader = rs.getReader({ mode: "byob" });
                const mine = new Uint8Array(8);
                const r = await reader.read(mine);
                return {
                  tag: Object.prototype.toString.call(reader), value: str(r.value), done: r.done, sameSize: r.value.buffer.byteLength,
                  mineDetached: mine.byteLength, offset: r.value.byteOffset,
                };
              },

              async "byob-min-and-enqueue"() {
                let n = 0;
                const rs = new ReadableStream({ type: "bytes", pull(c) { n++; c.enqueue(bytes("xy")); if (n === 3) c.close(); } });
                const reader = rs.getReader({ mode: "byob" });
                const r1 = await reader.read(new Uint8Array(5), { min: 4 });
                const r2 = await reader.read(new Uint8Array(5));
                const r3 = await reader.read(new Uint8Array(5));
                return { r1: str(r1.value), r2: str(r2.value), r3: [r3.done, r3.value.byteLength, r3.value.buffer.byteLength], pulls: n };
              },

              async "byob-elements"() {
                // A Uint16Array read gets whole elements only; an odd trailing byte waits for the next read.
                const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 0, 2, 0, 3])); c.close(); } });
                const reader = rs.getReader({ mode: "byob" });
                const r1 = await reader.read(new Uint16Array(4));
                const r2 = await settle(reader.read(new Uint16Array(4)));
                return { r1: [r1.value.constructor.name, Array.from(r1.value)], r2 };
              },

              async "auto-allocate"() {
                const sizes = [];
                const rs = new ReadableStream({
                  type: "bytes",
                  autoAllocateChunkSize: 16,
                  pull(c) { const v = c.byobRequest.view; sizes.push(v.byteLength); v.set(bytes("hey")); c.byobRequest.respond(3); },
                });
                const r = await rs.getReader().read();
                return { sizes, value: str(r.value), bufferSize: r.value.buffer.byteLength, zero: throwsType(() => new ReadableStream({ type: "bytes", autoAllocateChunkSize: 0 })) };
              },

              async "byob-close-pending"() {
                let ctl;
                const rs = new ReadableStream({ type: "bytes", start(c) { ctl = c; } });
                const reader = rs.getReader({ mode: "byob" });
                const p = reader.read(new Uint8Array(4));
                await tick();
                ctl.close();
                ctl.byobRequest.respond(0);
                const r = await p;
                return { done: r.done, len: r.value.byteLength, cap: r.value.buffer.byteLength, after: (await reader.read(new Uint8Array(2))).done };
              },

              async "byob-respond-with-new-view"() {
                const rs = new ReadableStream({
                  type: "bytes",
                  pull(c) {
                    const v = c.byobRequest.view;
                    const mine = new Uint8Array(v.buffer, v.byteOffset, 2);
                    mine.set([9, 8]);
                    c.byobRequest.respondWithNewView(mine);
                  },
                });
                const r = await rs.getReader({ mode: "byob" }).read(new Uint8Array(4));
                return { value: Array.from(r.value) };
              },

              async "byte-errors"() {
                let ctl, req;
                const rs = new ReadableStream({ type: "bytes", start(c) { ctl = c; }, pull(c) { req = c.byobRequest; } });
                const reader = rs.getReader({ mode: "byob" });
                const empty = await settle(reader.read(new Uint8Array(0)));
                const notView = await settle(reader.read([1, 2]));
                const minTooBig = await settle(reader.read(new Uint8Array(2), { min: 3 }));
                const minZero = await settle(reader.read(new Uint8Array(2), { min: 0 }));
                const pending = settle(reader.read(new Uint8Array(2)));
                await tick();
                const tooMuch = throwsType(() => req.respond(3));
                const enqueueEmpty = throwsType(() => ctl.enqueue(new Uint8Array(0)));
                const enqueueNotView = throwsType(() => ctl.enqueue("x"));
                ctl.error(new Error("bytes broke"));
                return {
                  empty, notView: notView[1], minTooBig: minTooBig[1], minZero: minZero[1], tooMuch, enqueueEmpty, enqueueNotView,
                  pending: await pending, defaultStreamByob: throwsType(() => new ReadableStream().getReader({ mode: "byob" })),
                  sizeWithBytes: throwsType(() => new ReadableStream({ type: "bytes" }, { size() { return 1; } })),
                  ctorBYOB: throwsType(() => new ReadableStreamBYOBReader(new ReadableStream())),
                  invalidated: req.view,
                };
              },

              async "byte-tee"() {
                let n = 0;
                const rs = new ReadableStream({ type: "bytes", pull(c) { n++; if (n > 3) c.close(); else c.enqueue(bytes("c" + n)); } });
                const [a, b] = rs.tee();
                const readB = (async () => {
                  const reader = b.getReader({ mode: "byob" });
                  let s = "";
                  for (;;) { const r = await reader.read(new Uint8Array(10)); if (r.done) break; s += str(r.value); }
                  return s;
                })();
                const chunksA = (await readAll(a)).map(str);
                return { a: chunksA, b: await readB };
              },

              async "byte-pipe-and-iterate"() {
                const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(bytes("one")); c.enqueue(bytes("two")); c.close(); } });
                const got = [];
                await rs.pipeTo(new WritableStream({ write(chunk) { got.push(chunk.constructor.name + ":" + str(chunk)); } }));
                const it = [];
                for await (const chunk of new ReadableStream({ type: "bytes", start(c) { c.enqueue(bytes("z")); c.close(); } })) it.push(str(chunk));
                return { got, it };
              },

              async "byte-response"() {
                let i = 0;
                const words = ["byte ", "stream ", "body"];
                return new Response(new ReadableStream({ type: "bytes", pull(c) { if (i < words.length) c.enqueue(bytes(words[i++])); else c.close(); } }));
              },

              async "identity-transform"() {
                const ts = new IdentityTransformStream();
                const w = ts.writable.getWriter();
                const mine = bytes("keep");
                const reading = (async () => {
                  const reader = ts.readable.getReader({ mode: "byob" });
                  let s = "";
                  for (;;) { const r = await reader.read(new Uint8Array(3)); if (r.done) break; s += str(r.value); }
                  return s;
                })();
                await w.write(mine);
                await w.write(bytes("-ab").buffer);
                await w.close();
                const other = new IdentityTransformStream();
                const otherRead = settle(readAll(other.readable));
                const bad = await settle(other.writable.getWriter().write("text"));
                return {
                  out: await reading, kept: mine.byteLength, bad: bad[1], otherRead: (await otherRead)[1], isTs: ts instanceof TransformStream,
                  tag: Object.prototype.toString.call(ts),
                };
              },

              async "fixed-length"() {
                const ok = new FixedLengthStream(6);
                const w = ok.writable.getWriter();
                const reading = readAll(ok.readable);
                await w.write(bytes("abc"));
                await w.write(bytes("def"));
                await w.close();
                const out = (await reading).map(str);

                const over = new FixedLengthStream(2);
                const ow = over.writable.getWriter();
                const overRead = settle(readAll(over.readable));
                const tooMany = await settle(ow.write(bytes("abc")));

                const under = new FixedLengthStream(5n);
                const uw = under.writable.getWriter();
                const underRead = settle(readAll(under.readable));
                await uw.write(bytes("ab"));
                const tooFew = await settle(uw.close());
                return {
                  out, tooMany, overRead: (await overRead)[1], tooFew, underRead: (await underRead)[1],
                  negative: throwsType(() => new FixedLengthStream(-1)), isIdentity: over instanceof IdentityTransformStream,
                };
              },

              async "fixed-length-response"() {
                const { readable, writable } = new FixedLengthStream(11);
                const w = writable.getWriter();
                w.write(bytes("hello ")).then(() => w.write(bytes("world"))).then(() => w.close());
                return new Response(readable);
              },

              async "response-stream"() {
                const parts = ["Hello, ", "streamed ", "world"];
                let i = 0;
                const body = new ReadableStream({
                  pull(c) { if (i < parts.length) c.enqueue(bytes(parts[i++])); else c.close(); },
                });
                return new Response(body, { headers: { "content-type": "text/plain" } });
              },

              async "response-pipethrough"() {
                const upper = new TransformStream({ transform(chunk, c) { c.enqueue(bytes(str(chunk).toUpperCase())); } });
                return new Response(ReadableStream.from([bytes("abc"), bytes("def")]).pipeThrough(upper));
              },
            };

            export default {
              async fetch(request) {
                const name = request.url.slice(request.url.indexOf("/", 8) + 1);
                if (name === "__list") return new Response(JSON.stringify(Object.keys(cases)));
                const run = cases[name];
                if (!run) return new Response("no such case", { status: 404 });
                const result = await run();
                return result instanceof Response ? result : new Response(JSON.stringify(result));
              },
            };
            """;
}
