package dev.workersim.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The newer helpers of node:util, node:assert, node:stream and node:stream/consumers that workerd
 * serves (answers recorded from wrangler dev 4.168.0).
 */
class NodeNewerHelpersTest {
    @RegisterExtension
    static WorkerFixture worker = WorkerFixture.script("""
            import util from "node:util";
            import assert from "node:assert";
            import { Readable, Writable, duplexPair } from "node:stream";
            import { text } from "node:stream/consumers";
            import { resolveObject } from "node:url";
            const attempt = (f) => { try { return f(); } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
            export default {
              async fetch() {
                const m = new util.MIMEType("Text/HTML; charset=UTF-8");
                const fromWeb = await text(Readable.fromWeb(new Response("web body").body));
                const toWeb = await new Response(Readable.toWeb(Readable.from(["a", "b"]))).text();
                const written = [];
                const sink = Writable.toWeb(new Writable({ write(c, e, cb) { written.push(String(c)); cb(); } }));
                const w = sink.getWriter(); await w.write("x"); await w.write("y"); await w.close();
                const [left, right] = duplexPair();
                left.end("over the pair");
                return Response.json({
                  style: [util.styleText("red", "hi"), attempt(() => util.styleText("nope", "hi")).slice(0, 77)],
                  mime: [m.type, m.subtype, m.essence, m.params.get("charset"), String(m)],
                  env: util.parseEnv("A=1\\nB='x y'\\n# c\\nC=\\"q\\\\nr\\""),
                  diff: util.diff("abc", "abd"),
                  signal: util.convertProcessSignalToExitCode("SIGTERM"),
                  parseArgs: attempt(() => util.parseArgs({})),
                  errno: attempt(() => util._errnoException(1, "x")),
                  partial: [attempt(() => assert.partialDeepStrictEqual({ a: 1, b: [1, 2] }, { b: [2] }) ?? "ok"),
                    attempt(() => assert.partialDeepStrictEqual({ a: 1 }, { a: 2 }))],
                  strictAssert: [attempt(() => new assert.Assert().equal(1, "1")).split(" ")[0], new assert.Assert({ strict: false }).equal(1, "1") ?? "loose"],
                  resolved: resolveObject("http://a/b/c", "../d").href,
                  streams: [fromWeb, toWeb, written.join(""), await text(right)],
                });
              },
            };
            """).toml("compatibility_date = \"2025-09-15\"\ncompatibility_flags = [\"nodejs_compat\"]");

    @Test
    void helpersAnswerAsInWorkerd() {
        JsonNode r = worker.getJson("/");
        assertEquals("[\"hi\",\"TypeError ERR_INVALID_ARG_VALUE The argument 'format' must be one of: 'reset'\"]",
                r.get("style").toString());
        assertEquals("[\"text\",\"html\",\"text/html\",\"UTF-8\",\"text/html;charset=UTF-8\"]", r.get("mime").toString());
        assertEquals("{\"A\":\"1\",\"B\":\"x y\",\"C\":\"q\\nr\"}", r.get("env").toString());
        assertEquals("[[0,\"a\"],[0,\"b\"],[1,\"c\"],[-1,\"d\"]]", r.get("diff").toString());
        assertEquals(143, r.get("signal").asInt());
        assertEquals("Error undefined node:util parseArgs is not implemented", r.get("parseArgs").asText());
        assertEquals("Error ERR_METHOD_NOT_IMPLEMENTED The _errnoException method is not implemented", r.get("errno").asText());
        assertEquals("[\"ok\",\"AssertionError ERR_ASSERTION Expected actual to be partially deeply strictly equal to expected\"]",
                r.get("partial").toString());
        assertEquals("[\"AssertionError\",\"loose\"]", r.get("strictAssert").toString());
        assertEquals("http://a/d", r.get("resolved").asText());
        assertEquals("[\"web body\",\"ab\",\"xy\",\"over the pair\"]", r.get("streams").toString());
    }
}
