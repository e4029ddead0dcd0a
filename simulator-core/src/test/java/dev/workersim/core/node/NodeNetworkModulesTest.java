package dev.workersim.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.workersim.core.testing.WorkerFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node: modules workerd added for networking and loading (os, module, http, https, http2, net,
 * tls, dns, ...): which load at which date and flag, createRequire, the HTTP client over fetch, and
 * workerd's "not implemented" errors (messages recorded from wrangler dev 4.168.0).
 */
class NodeNetworkModulesTest {
    private static HttpServer origin;

    @BeforeAll
    static void startOrigin() throws IOException {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", NodeNetworkModulesTest::echo);
        origin.start();
    }

    @AfterAll
    static void stopOrigin() {
        origin.stop(0);
    }

    // Answers with what it received: method, path, one header and the body.
    private static void echo(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        byte[] out = (ex.getRequestMethod() + " " + ex.getRequestURI() + " x-test=" + ex.getRequestHeaders().getFirst("x-test")
                + " body=" + body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Set-Cookie", "a=1");
        ex.getResponseHeaders().add("Set-Cookie", "b=2");
        ex.getResponseHeaders().add("X-Reply", "yes");
        ex.sendResponseHeaders(201, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private static String config(String date, String... flags) {
        StringBuilder f = new StringBuilder("\"nodejs_compat\"");
        for (String flag : flags) f.append(", \"").append(flag).append('"');
        return "compatibility_date = \"" + date + "\"\ncompatibility_flags = [" + f + "]\n";
    }

    private static JsonNode run(String script, String config, String path) {
        try (WorkerFixture w = WorkerFixture.script(script).toml(config).start()) {
            return w.getJson(path);
        }
    }

    private static final String LOADS = """
            export default {
              async fetch(request) {
                const out = {};
                for (const name of new URL(request.url).searchParams.getAll("m")) {
                  try { out[name] = Object.keys(await import("node:" + name)).length; }
                  catch (e) { out[name] = e.message; }
                }
                return Response.json(out);
              },
            };
            """;

    @Test
    void modulesLoadByWorkerdsDatesAndFlags() {
        String q = "/?m=os&m=http&m=https&m=http2&m=net&m=tls&m=dns&m=module&m=constants&m=_tls_wrap&m=perf_hooks";
        JsonNode early = run(LOADS, config("2024-09-23"), q);
        assertEquals("No such module \"node:os\".", early.get("os").asText());
        assertEquals("No such module \"node:http\".", early.get("http").asText());
        assertEquals("No such module \"node:http2\".", early.get("http2").asText());
        assertEquals(18, early.get("net").asInt());
        assertEquals(18, early.get("tls").asInt());
        assertEquals(50, early.get("dns").asInt());
        assertEquals(32, early.get("module").asInt());
        assertEquals(240, early.get("constants").asInt());
        assertEquals(3, early.get("_tls_wrap").asInt());
        JsonNode late = run(LOADS, config("2025-09-15"), q);
        assertEquals(24, late.get("os").asInt());
        assertEquals(21, late.get("http").asInt());
        assertEquals(7, late.get("https").asInt());
        assertEquals(12, late.get("http2").asInt());
        assertEquals("No such module \"node:perf_hooks\".", late.get("perf_hooks").asText());
        JsonNode optedOut = run(LOADS, config("2025-09-15", "disable_nodejs_os_module"), "/?m=os&m=http");
        assertEquals("No such module \"node:os\".", optedOut.get("os").asText());
        assertEquals(21, optedOut.get("http").asInt());
    }

    @Test
    void createRequireServesTheBuiltinsAnImportGets() {
        String script = """
                import { createRequire } from "node:module";
                import * as events from "node:events";
                const require = createRequire("/bundle/worker.js");
                const attempt = (f) => { try { return f(); } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
                export default {
                  fetch: () => Response.json({
                    same: require("events") === events && require("node:events") === events,
                    http: typeof require("http").request,
                    gated: attempt(() => require("node:http2")),
                    local: attempt(() => require("./x.js")),
                    badPath: attempt(() => createRequire("relative")),
                    builtin: [require("module").isBuiltin("node:anything"), require("module").isBuiltin("left-pad")],
                  }),
                };
                """;
        JsonNode r = run(script, config("2025-08-20"), "/");
        assertEquals(true, r.get("same").asBoolean());
        assertEquals("function", r.get("http").asText());
        assertEquals("Error undefined No such module \"node:http2\".", r.get("gated").asText());
        assertEquals("Error undefined No such module \"bundle/x.js\".", r.get("local").asText());
        assertEquals("TypeError ERR_INVALID_ARG_VALUE The argument 'path' The argument must be a file URL object, a file URL "
                + "string, or an absolute path string.. Received 'relative'", r.get("badPath").asText());
        assertEquals("[true,false]", r.get("builtin").toString());
    }

    @Test
    void httpRequestGoesThroughFetch() {
        String script = """
                import http from "node:http";
                import https from "node:https";
                const read = (res) => new Promise((resolve) => {
                  let body = "";
                  res.setEncoding("utf8");
                  res.on("data", (c) => body += c);
                  res.on("end", () => resolve({ status: res.statusCode, message: res.statusMessage,
                    cookies: res.headers["set-cookie"], reply: res.headers["x-reply"], body }));
                });
                export default {
                  async fetch(request, env) {
                    const got = await new Promise((resolve, reject) =>
                      http.get(env.ORIGIN + "/get?x=1", { headers: { "X-Test": "one" } }, (res) => read(res).then(resolve)).on("error", reject));
                    const posted = await new Promise((resolve, reject) => {
                      const u = new URL(env.ORIGIN);
                      const req = http.request({ hostname: u.hostname, port: u.port, path: "/post", method: "post" },
                        (res) => read(res).then(resolve));
                      req.on("error", reject);
                      req.setHeader("x-test", "two");
                      req.write("hello ");
                      req.end("world");
                    });
                    let protocol;
                    try { https.request(env.ORIGIN); } catch (e) { protocol = `${e.code} ${e.message}`; }
                    return Response.json({ got, posted, protocol });
                  },
                };
                """;
        String toml = config("2025-09-15") + "[vars]\nORIGIN = \"http://127.0.0.1:" + origin.getAddress().getPort() + "\"\n";
        JsonNode r = run(script, toml, "/");
        assertEquals("{\"status\":201,\"message\":\"Created\",\"cookies\":[\"a=1\",\"b=2\"],\"reply\":\"yes\","
                + "\"body\":\"GET /get?x=1 x-test=one body=\"}", r.get("got").toString());
        assertEquals("POST /post x-test=two body=hello world", r.get("posted").get("body").asText());
        assertEquals("ERR_INVALID_PROTOCOL Protocol \"http:\" not supported. Expected \"https:\"", r.get("protocol").asText());
    }

    @Test
    void unsupportedPartsThrowWorkerdsErrors() {
        String script = """
                import http2 from "node:http2";
                import * as module from "node:module";
                import tls from "node:tls";
                import net from "node:net";
                import dns from "node:dns";
                import os from "node:os";
                const attempt = (f) => { try { f(); return "no error"; } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
                export default {
                  fetch: () => Response.json({
                    http2: attempt(() => http2.connect("https://example.com")),
                    register: attempt(() => module.register("x")),
                    tlsServer: attempt(() => tls.createServer()),
                    securePair: attempt(() => tls.createSecurePair()),
                    setServers: attempt(() => dns.setServers(["1.1.1.1"])),
                    lookup: attempt(() => dns.lookup("example.com")),
                    connect: attempt(() => net.connect()),
                    priority: attempt(() => os.setPriority(0, "x")),
                    ip: [net.isIP("1.2.3.4"), net.isIP("::1"), net.isIP("x")],
                    os: [os.platform(), os.arch(), os.homedir(), os.cpus().length, os.EOL],
                  }),
                };
                """;
        JsonNode r = run(script, config("2025-09-15"), "/");
        assertEquals("Error ERR_METHOD_NOT_IMPLEMENTED The http2.connect method is not implemented", r.get("http2").asText());
        assertEquals("Error ERR_METHOD_NOT_IMPLEMENTED The module.register method is not implemented", r.get("register").asText());
        assertEquals("Error undefined Not implemented", r.get("tlsServer").asText());
        assertEquals("Error ERR_METHOD_NOT_IMPLEMENTED The createSecurePair method is not implemented", r.get("securePair").asText());
        assertEquals("Error undefined Not implemented", r.get("setServers").asText());
        assertEquals("TypeError ERR_INVALID_ARG_TYPE The \"callback\" argument must be of type function. Received undefined",
                r.get("lookup").asText());
        assertEquals("TypeError ERR_MISSING_ARGS The \"options\" or \"port\" or \"path\" argument must be specified",
                r.get("connect").asText());
        assertEquals("TypeError ERR_INVALID_ARG_TYPE The \"priority\" argument must be of type number. Received type string ('x')",
                r.get("priority").asText());
        assertEquals("[4,6,0]", r.get("ip").toString());
        assertEquals("[\"linux\",\"x64\",\"/tmp/\",0,\"\\n\"]", r.get("os").toString());
    }
}
