package dev.workersim.core.node;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.list;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** node:util, node:path, node:assert, node:events, node:string_decoder, node:url: outputs recorded from wrangler dev. */
class NodeUtilTest {
    private static final String WORKER = """
            import util from "node:util";
            import path from "node:path";
            import assert from "node:assert";
            import { EventEmitter, once } from "node:events";
            import { StringDecoder } from "node:string_decoder";
            import * as url from "node:url";
            import dc from "node:diagnostics_channel";
            function t(fn) { try { return fn(); } catch (e) { return e.name + ": " + e.message + (e.code ? " [" + e.code + "]" : ""); } }
            export default {
              async fetch() {
                const ev = new EventEmitter();
                const log = [];
                ev.on("x", (a) => log.push("on:" + a));
                ev.once("x", (a) => log.push("once:" + a));
                ev.prependListener("x", () => log.push("first"));
                ev.emit("x", 1);
                ev.emit("x", 2);
                const later = new EventEmitter();
                const onceGo = once(later, "go"); // listening before the timer fires
                setTimeout(() => later.emit("go", 1, 2), 1);
                const sd = new StringDecoder("utf8");
                const euro = Buffer.from("€");
                const promisified = util.promisify((a, cb) => setTimeout(() => cb(null, a * 2), 1));
                const callbackified = await new Promise((r) => util.callbackify(async (x) => x + 1)(1, (err, v) => r([err, v])));
                const heard = [];
                const ch = dc.channel("app:test");
                const listener = (msg, name) => heard.push(name + "=" + msg.n);
                const before = dc.hasSubscribers("app:test");
                dc.subscribe("app:test", listener);
                ch.publish({ n: 1 });
                dc.unsubscribe("app:test", listener);
                ch.publish({ n: 2 });
                const trace = dc.tracingChannel("op");
                trace.subscribe({ start: () => heard.push("start"), end: (c) => heard.push("end:" + c.result) });
                trace.traceSync(() => 7);
                return Response.json({
                  diagnostics: [before, heard],
                  format: util.format("%s=%d %i %j %o %% %s", "a", 42.5, 42.5, { x: 1 }, [1], "extra", { y: 2 }),
                  formatObj: util.format({ a: 1, b: "s", c: [1, 2], d: { e: { f: { g: 1 } } } }),
                  inspect: util.inspect({ a: 1, s: "x", n: null, u: undefined, arr: [1, "2"], m: new Map([[1, 2]]), st: new Set([1]), f() {}, d: new Date(0), re: /x/g, e: "boom" }),
                  inspectMisc: [util.inspect("str"), util.inspect(1n), util.inspect(Symbol("s")), util.inspect([]), util.inspect({}), util.inspect(Buffer.from("abc"))],
                  columns: util.inspect(Array.from({ length: 30 }, (_, i) => i * 7)),
                  nested: util.inspect({ a: { b: { c: { d: 1 } } }, "key-x": [new Uint8Array(2)] }),
                  types: [util.types.isPromise(Promise.resolve()), util.types.isDate(new Date()), util.types.isRegExp(/x/), util.types.isUint8Array(Buffer.alloc(1))],
                  deep: [util.isDeepStrictEqual({ a: [1] }, { a: [1] }), util.isDeepStrictEqual([1], ["1"])],
                  promisify: await promisified(21),
                  callbackify: callbackified,
                  path: [path.join("/a/b", "../c", "d.txt"), path.resolve("x"), path.basename("/a/b.txt", ".txt"), path.extname("a.b.c"),
                    path.dirname("/a/b/c"), path.normalize("a//b/../c/"), path.relative("/a/b", "/a/c/d"), path.parse("/home/u/f.txt"),
                    path.sep, path.isAbsolute("/x"), path.format({ dir: "/d", name: "n", ext: ".e" })],
                  events: [log, ev.listenerCount("x"), ev.eventNames(), EventEmitter.defaultMaxListeners],
                  errorEvent: t(() => new EventEmitter().emit("error", new Error("unhandled boom"))),
                  errorEventNonErr: t(() => new EventEmitter().emit("error", "str")),
                  once: await onceGo,
                  sd: [sd.write(euro.subarray(0, 1)), sd.write(euro.subarray(1)), sd.end()],
                  url: [url.fileURLToPath("file:///a/b%20c"), url.pathToFileURL("/x y").href, url.format(new URL("http://a.com/b?c")),
                    JSON.stringify(url.parse("http://u:p@host:8080/p/a?x=1#h"))],
                  assertEq: t(() => assert.strictEqual(1, 2)),
                  assertDeep: t(() => assert.deepStrictEqual({ a: 1 }, { a: 2 })),
                  assertOk: t(() => assert.ok(false)),
                  assertThrows: t(() => assert.throws(() => { throw new TypeError("x"); }, TypeError)) ?? "passed",
                  assertMissing: t(() => assert.throws(() => {}, TypeError)),
                  assertMsg: t(() => assert.equal(1, 2, "custom")),
                  rejects: await assert.rejects(Promise.reject(new Error("r")), /r/).then(() => "passed"),
                });
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER).toml(AsyncLocalStorageTest.CONFIG);

    @Test
    void matchesWorkerd() throws Exception {
        JsonNode r = sim.fetch(FetchRequest.get("http://localhost/")).ok().json();
        assertEquals("a=42.5 42 {\"x\":1} [ 1, [length]: 1 ] % extra { y: 2 }", r.get("format").asText());
        assertEquals("{ a: 1, b: 's', c: [ 1, 2 ], d: { e: { f: [Object] } } }", r.get("formatObj").asText());
        assertEquals("{\n  a: 1,\n  s: 'x',\n  n: null,\n  u: undefined,\n  arr: [ 1, '2' ],\n  m: Map(1) { 1 => 2 },\n"
                + "  st: Set(1) { 1 },\n  f: [Function: f],\n  d: 1970-01-01T00:00:00.000Z,\n  re: /x/g,\n  e: 'boom'\n}", r.get("inspect").asText());
        assertJson(List.of("'str'", "1n", "Symbol(s)", "[]", "{}", "<Buffer 61 62 63>"), r.get("inspectMisc"));
        // Node groups long number arrays in right-aligned columns.
        assertEquals("[\n    0,   7,  14,  21,  28,  35,  42,  49,\n   56,  63,  70,  77,  84,  91,  98, 105,\n"
                + "  112, 119, 126, 133, 140, 147, 154, 161,\n  168, 175, 182, 189, 196, 203\n]", r.get("columns").asText());
        assertEquals("{ a: { b: { c: [Object] } }, 'key-x': [ Uint8Array(2) [ 0, 0 ] ] }", r.get("nested").asText());
        assertJson(List.of(true, true, true, true), r.get("types"));
        assertJson(List.of(true, false), r.get("deep"));
        assertEquals(42, r.get("promisify").asInt());
        assertJson(list(null, 2), r.get("callbackify"));
        assertJson(List.of("/a/c/d.txt", "/x", "b", ".c", "/a/b", "a/c/", "../c/d",
                Map.of("root", "/", "dir", "/home/u", "base", "f.txt", "ext", ".txt", "name", "f"), "/", true, "/d/n.e"),
                r.get("path"));
        assertJson(List.of(List.of("first", "on:1", "once:1", "first", "on:2"), 2, List.of("x"), 10), r.get("events"));
        assertEquals("Error: unhandled boom", r.get("errorEvent").asText());
        assertEquals("Error: Unhandled error. ('str') [ERR_UNHANDLED_ERROR]", r.get("errorEventNonErr").asText());
        assertJson(List.of(1, 2), r.get("once"));
        assertJson(List.of("", "€", ""), r.get("sd"));
        assertJson(List.of("/a/b c", "file:///x%20y", "http://a.com/b?c",
                "{\"protocol\":\"http:\",\"slashes\":true,\"auth\":\"u:p\",\"host\":\"host:8080\",\"port\":\"8080\",\"hostname\":\"host\",\"hash\":\"#h\",\"search\":\"?x=1\",\"query\":\"x=1\",\"pathname\":\"/p/a\",\"path\":\"/p/a?x=1\",\"href\":\"http://u:p@host:8080/p/a?x=1#h\"}"),
                r.get("url"));
        assertEquals("AssertionError: Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   1\n+   2\n [ERR_ASSERTION]", r.get("assertEq").asText());
        assertEquals("AssertionError: Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { a: 1 }\n- { a: 2 }\n       ^ [ERR_ASSERTION]",
                r.get("assertDeep").asText());
        assertEquals("AssertionError: false == true [ERR_ASSERTION]", r.get("assertOk").asText());
        assertEquals("passed", r.get("assertThrows").asText());
        assertEquals("AssertionError: Missing expected exception (TypeError). [ERR_ASSERTION]", r.get("assertMissing").asText());
        assertEquals("AssertionError: custom [ERR_ASSERTION]", r.get("assertMsg").asText());
        assertEquals("passed", r.get("rejects").asText());
        assertJson(List.of(false, List.of("app:test=1", "start", "end:7")), r.get("diagnostics"));
    }
}
