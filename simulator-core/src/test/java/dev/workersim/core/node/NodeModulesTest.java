package dev.workersim.core.node;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which node: modules a worker can import, by flag: all of them under nodejs_compat (also by bare
 * name, as the same module), only node:async_hooks under nodejs_als, none otherwise, with workerd's
 * error for the rest (recorded from wrangler dev: `No such module "node:fs".`).
 */
class NodeModulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // Imports each specifier in the query and reports its export count or its error.
    private static final String PROBE = """
            export default {
              async fetch(request) {
                const out = {};
                for (const spec of new URL(request.url).searchParams.getAll("m")) {
                  try { out[spec] = Object.keys(await import(spec)).length; }
                  catch (e) { out[spec] = (e instanceof Error ? e.name : typeof e) + ": " + e.message; }
                }
                out.globals = [typeof Buffer, typeof process, typeof global, typeof setImmediate];
                try {
                  out.same = (await import("buffer")).Buffer === (await import("node:buffer")).Buffer
                    && (await import("node:buffer")).Buffer === globalThis.Buffer;
                } catch { out.same = null; }
                return Response.json(out);
              },
            };
            """;

    /** One request to a fresh worker with this config; its JSON answer. */
    private static JsonNode run(String script, String config, String url) throws Exception {
        try (Simulator sim = Simulator.builder().script(script).http(false).inlineConfig(config).build().start()) {
            FetchResponse r = sim.dispatchFetch(FetchRequest.get(url));
            assertEquals(200, r.status(), r.text());
            return JSON.readTree(r.text());
        }
    }

    private static JsonNode probe(String config, String... specifiers) throws Exception {
        StringBuilder q = new StringBuilder("http://localhost/?");
        for (String s : specifiers) q.append("m=").append(java.net.URLEncoder.encode(s, "UTF-8")).append('&');
        return run(PROBE, config, q.toString());
    }

    private static final String NODE = "compatibility_date = \"2025-09-01\"\ncompatibility_flags = [\"nodejs_compat\"]";

    @Test
    void nodejsCompatServesTheModulesAndTheirBareNames() throws Exception {
        String[] names = {"buffer", "events", "async_hooks", "util", "util/types", "path", "path/posix", "assert",
                "assert/strict", "crypto", "stream", "stream/promises", "stream/web", "string_decoder", "querystring",
                "url", "timers", "timers/promises", "zlib", "process", "diagnostics_channel"};
        String[] specs = new String[names.length * 2];
        for (int i = 0; i < names.length; i++) {
            specs[2 * i] = "node:" + names[i];
            specs[2 * i + 1] = names[i];
        }
        JsonNode r = probe(NODE, specs);
        for (String s : specs) assertTrue(r.get(s).isInt() && r.get(s).asInt() > 0, s + " -> " + r.get(s));
        assertEquals(r.get("node:buffer").asInt(), r.get("buffer").asInt());
        assertTrue(r.get("same").asBoolean(), "`buffer`, `node:buffer` and the global are one Buffer");
        assertJson(List.of("function", "object", "object", "function"), r.get("globals"));
    }

    @Test
    void unsupportedModulesFailAsInWorkerd() throws Exception {
        JsonNode r = probe(NODE, "node:fs", "fs", "node:child_process", "node:nope");
        assertEquals("Error: No such module \"node:fs\".", r.get("node:fs").asText());
        assertEquals("Error: No such module \"node:fs\".", r.get("fs").asText(), "a bare name is reported as node:");
        assertEquals("Error: No such module \"node:child_process\".", r.get("node:child_process").asText());
        assertEquals("Error: No such module \"node:nope\".", r.get("node:nope").asText());
    }

    @Test
    void withoutTheFlagThereAreNoNodeModules() throws Exception {
        JsonNode r = probe("compatibility_date = \"2025-09-01\"", "node:buffer", "buffer", "node:async_hooks");
        assertEquals("Error: No such module \"node:buffer\".", r.get("node:buffer").asText());
        assertEquals("Error: No such module \"buffer\".", r.get("buffer").asText());
        assertEquals("Error: No such module \"node:async_hooks\".", r.get("node:async_hooks").asText());
        assertJson(List.of("undefined", "undefined", "undefined", "undefined"), r.get("globals"));
    }

    // Recorded from wrangler dev at 2024-06-01 (nodejs_compat without v2): node: modules only, no globals.
    @Test
    void beforeV2ThereAreNoBareNamesOrGlobals() throws Exception {
        JsonNode r = probe("compatibility_date = \"2024-06-01\"\ncompatibility_flags = [\"nodejs_compat\"]",
                "node:buffer", "buffer", "node:process", "process");
        assertTrue(r.get("node:buffer").asInt() > 0, r.toString());
        assertTrue(r.get("node:process").asInt() > 0, r.toString());
        assertEquals("Error: No such module \"buffer\".", r.get("buffer").asText());
        assertEquals("Error: No such module \"process\".", r.get("process").asText());
        assertJson(List.of("undefined", "undefined", "undefined", "undefined"), r.get("globals"));
    }

    @Test
    void nodejsAlsAloneServesOnlyAsyncHooks() throws Exception {
        JsonNode r = probe("compatibility_date = \"2025-09-01\"\ncompatibility_flags = [\"nodejs_als\"]",
                "node:async_hooks", "node:buffer");
        assertTrue(r.get("node:async_hooks").asInt() > 0, r.toString());
        assertEquals("Error: No such module \"node:buffer\".", r.get("node:buffer").asText());
        assertEquals("undefined", r.get("globals").get(0).asText(), "no Buffer global without nodejs_compat");
    }

    // process.env: vars as strings (JSON ones as their text) when populate_process_env is on (from 2025-04-01).
    private static final String ENV_WORKER = """
            import process from "node:process";
            export default { fetch() { return Response.json({ env: process.env, same: process === globalThis.process,
              version: process.version, platform: process.platform, cwd: process.cwd(), versions: Object.keys(process.versions) }); } };
            """;

    private static JsonNode env(String dateAndFlags) throws Exception {
        return run(ENV_WORKER, dateAndFlags + "\n[vars]\nPLAIN = \"plain value\"\nJSON_VAR = { a = 1, b = [true, \"x\"] }\n",
                "http://localhost/");
    }

    @Test
    void processEnvIsPopulatedByDateOrFlag() throws Exception {
        JsonNode on = env(NODE);
        assertJson(Map.of("PLAIN", "plain value", "JSON_VAR", "{\"a\":1,\"b\":[true,\"x\"]}"), on.get("env"));
        assertTrue(on.get("same").asBoolean());
        assertEquals("v22.14.0", on.get("version").asText());
        assertEquals("linux", on.get("platform").asText());
        assertEquals("/", on.get("cwd").asText());
        assertJson(List.of("node"), on.get("versions"));
        assertJson(Map.of(), env("compatibility_date = \"2025-03-01\"\ncompatibility_flags = [\"nodejs_compat\"]").get("env"),
                "before 2025-04-01 process.env starts empty");
        assertEquals("{}", env("compatibility_date = \"2025-09-01\"\ncompatibility_flags = [\"nodejs_compat\", "
                + "\"nodejs_compat_do_not_populate_process_env\"]").get("env").toString());
        assertEquals(2, env("compatibility_date = \"2025-03-01\"\ncompatibility_flags = [\"nodejs_compat\", "
                + "\"nodejs_compat_populate_process_env\"]").get("env").size());
    }
}
