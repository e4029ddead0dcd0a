package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** structuredClone (web/structured-clone.js): supported types, identity and cycles, and what it refuses. */
class StructuredCloneTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String WORKER = """
            function attempt(fn) { try { fn(); return "ok"; } catch (e) { return [e.name, e.message, e instanceof DOMException, e.code]; } }
            export default {
              async fetch(request) {
                const buf = new ArrayBuffer(8);
                new Uint8Array(buf).set([1, 2, 3, 4, 5, 6, 7, 8]);
                const shared = { n: 1 };
                const src = {
                  date: new Date(86400000), re: /a+b/gi, map: new Map([[shared, "v"]]), set: new Set([shared, 2]),
                  u8: new Uint8Array(buf, 2, 3), view: new DataView(buf, 4, 2), big: 12n, holes: [1, , 3],
                  err: new RangeError("out", { cause: shared }), wrapped: Object("str"), shared, also: shared,
                };
                src.self = src;
                const c = structuredClone(src);
                const t = new ArrayBuffer(16);
                const moved = structuredClone(t, { transfer: [t] });
                return Response.json({
                  date: [c.date instanceof Date, c.date !== src.date, c.date.getTime()],
                  re: [c.re.source, c.re.flags, c.re !== src.re],
                  mapKeyIsClonedShared: [...c.map.keys()][0] === c.shared && c.shared !== shared,
                  setHasShared: c.set.has(c.shared), sharedOnce: c.shared === c.also, cycle: c.self === c,
                  u8: [[...c.u8], c.u8.byteOffset, c.u8.buffer === c.view.buffer, c.u8.buffer !== buf],
                  view: [c.view.getUint8(0), c.view.byteLength], big: typeof c.big, holes: [c.holes.length, 1 in c.holes],
                  err: [c.err instanceof RangeError, c.err.message, c.err.cause === c.shared], wrapped: [typeof c.wrapped, String(c.wrapped)],
                  transfer: [t.byteLength, moved.byteLength],
                  fn: attempt(() => structuredClone({ f: function named() {} })), sym: attempt(() => structuredClone(Symbol("q"))),
                  promise: attempt(() => structuredClone(Promise.resolve())),
                  badTransfer: attempt(() => structuredClone(1, { transfer: [{}] })),
                });
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER);

    @Test
    void clonesDeeplyKeepingIdentityAndCycles() throws Exception {
        WorkerResponse r = sim.fetch(FetchRequest.get("http://localhost/"));
        assertEquals(200, r.status(), r.text());
        JsonNode j = JSON.readTree(r.text());
        assertJson(List.of(true, true, 86400000), j.get("date"));
        assertJson(List.of("a+b", "gi", true), j.get("re"));
        assertEquals(true, j.get("mapKeyIsClonedShared").asBoolean());
        assertEquals(true, j.get("setHasShared").asBoolean());
        assertEquals(true, j.get("sharedOnce").asBoolean());
        assertEquals(true, j.get("cycle").asBoolean());
        assertJson(List.of(List.of(3, 4, 5), 2, true, true), j.get("u8"));
        assertJson(List.of(5, 2), j.get("view"));
        assertEquals("bigint", j.get("big").asText());
        assertJson(List.of(3, false), j.get("holes"));
        assertJson(List.of(true, "out", true), j.get("err"));
        assertJson(List.of("object", "str"), j.get("wrapped"));
        assertJson(List.of(0, 16), j.get("transfer"));
    }

    @Test
    void refusesWhatCannotBeCloned() throws Exception {
        JsonNode j = JSON.readTree(sim.fetch(FetchRequest.get("http://localhost/")).text());
        assertJson(List.of("DataCloneError", "function named() {} could not be cloned.", true, 25), j.get("fn"));
        assertJson(List.of("DataCloneError", "Symbol(q) could not be cloned.", true, 25), j.get("sym"));
        assertEquals("DataCloneError", j.get("promise").get(0).asText());
        assertEquals("DataCloneError", j.get("badTransfer").get(0).asText());
    }
}
