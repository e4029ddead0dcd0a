package dev.workersim.core.dispatch;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import dev.workersim.core.outbound.OutboundBody;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.runtime.LogSink;
import dev.workersim.core.testing.WorkerResponse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers for Platforms in one simulator: a dispatcher with a {@code [[dispatch_namespaces]]}
 * binding, user Workers that declare {@code dispatch_namespace}, and an outbound Worker that sees
 * their subrequests. The network is the test's outbound handler, which records what reaches it.
 */
class DispatchNamespaceTest {
    private static final String DISPATCHER = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                const [, action, script, ...rest] = url.pathname.split("/");
                const r = (v) => Response.json(v);
                const user = (name, options) => env.DISPATCHER.get(name, {}, options);
                const path = "https://user.internal/" + rest.join("/");
                try {
                  switch (action) {
                    case "route": return await user(script, { outbound: { customer: script, secret: "no" } }).fetch(path, { headers: { "x-in": "1" } });
                    case "pair": {
                      const [a, b] = await Promise.all(["first", "second"].map((c) =>
                        user(script, { outbound: { customer: c } }).fetch(path).then((res) => res.json())));
                      return r({ a, b });
                    }
                    case "limited": return await user(script, { outbound: { customer: "l" }, limits: { subRequests: 2 } }).fetch(path);
                    case "cpu": return await user(script, { limits: { cpuMs: Number(url.searchParams.get("ms")) } }).fetch(path);
                    case "rpc": return r({ greeting: await user(script).greet("rpc") });
                    case "type": return r({ tag: Object.prototype.toString.call(env.DISPATCHER), fetcher: Object.prototype.toString.call(user(script)) });
                  }
                  return new Response("no action", { status: 400 });
                } catch (e) {
                  return r({ caught: e.name, message: e.message });
                }
              },
            };
            """;
    private static final String DISPATCHER_TOML = """
            compatibility_date = "2025-09-01"
            [[dispatch_namespaces]]
            binding = "DISPATCHER"
            namespace = "customers"
            outbound = { service = "egress", parameters = ["customer", "missing"] }
            """;
    private static final String USER = """
            import { WorkerEntrypoint } from "cloudflare:workers";
            export default class extends WorkerEntrypoint {
              async fetch(request) {
                const url = new URL(request.url);
                const env = this.env;
                switch (url.pathname) {
                  case "/hello": return new Response("hello from customer-a " + url.pathname + " " + request.headers.get("x-in"));
                  case "/call": {
                    const res = await fetch("http://api.example/data?q=1");
                    return new Response(await res.text(), { status: res.status });
                  }
                  case "/later": {
                    // The outbound route must survive awaits and timers of this invocation.
                    await new Promise((resolve) => setTimeout(resolve, 50));
                    return fetch("http://api.example/later");
                  }
                  case "/three": {
                    const out = [];
                    for (let i = 0; i < 3; i++) {
                      try { out.push((await fetch("http://api.example/n" + i)).status); } catch (e) { out.push(e.name + ": " + e.message); }
                    }
                    return Response.json(out);
                  }
                  case "/spin": { let x = 0; for (;;) x++; }
                  case "/throw": throw new TypeError("customer code broke");
                  case "/env": return Response.json({ keys: Object.keys(env), global: typeof DISPATCHER });
                }
                return new Response("user 404", { status: 404 });
              }
              greet(who) { return "hi " + who + " from " + this.env.WHO; }
            }
            """;
    private static final String USER_TOML = """
            dispatch_namespace = "customers"
            [vars]
            WHO = "customer-a"
            """;
    /** The outbound Worker: echoes its parameters for blocked hosts, forwards the rest with a header. */
    private static final String EGRESS = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                if (url.pathname === "/blocked") return new Response("blocked", { status: 403 });
                const headers = new Headers(request.headers);
                headers.set("x-customer", String(env.customer));
                const res = await fetch(new Request(request, { headers }));
                return new Response(JSON.stringify({ origin: await res.text(), customer: env.customer,
                  secret: env.secret ?? null, missing: env.missing ?? null, own: env.OWN }), { status: res.status });
              },
            };
            """;

    private static final List<String> network = new CopyOnWriteArrayList<>();
    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.builder().script(DISPATCHER).inlineConfig(DISPATCHER_TOML).name("dispatcher").http(false)
                .outbound(request -> {
                    network.add(request.method() + " " + request.url() + " customer=" + request.header("x-customer"));
                    byte[] body = ("origin saw " + request.url()).getBytes(StandardCharsets.UTF_8);
                    return CompletableFuture.completedFuture(new OutboundResponse(200, null, List.of(), OutboundBody.of(body)));
                })
                .auxiliaryScript("customer-a", USER, USER_TOML)
                .auxiliaryScript("other-namespace", USER, "dispatch_namespace = \"others\"\n")
                .auxiliaryScript("egress", EGRESS, "[vars]\nOWN = \"egress var\"\n")
                .build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clearNetwork() {
        network.clear();
    }

    private static JsonNode json(String path) throws Exception {
        return WorkerResponse.of(sim.dispatchFetch(FetchRequest.get(path))).ok().json();
    }

    @Test
    void getRoutesToTheUserWorkerByName() {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("/route/customer-a/hello"));
        assertEquals(200, r.status());
        assertEquals("hello from customer-a /hello 1", r.text());
    }

    @Test
    void anUnknownScriptIsNotFoundWhenCalled() throws Exception {
        JsonNode missing = json("/route/nobody/hello");
        assertEquals("Error", missing.get("caught").asText());
        assertEquals("Worker not found.", missing.get("message").asText());
        // Running workers outside the namespace are not in it either.
        assertEquals("Worker not found.", json("/route/other-namespace/hello").get("message").asText());
        assertEquals("Worker not found.", json("/route/egress/hello").get("message").asText());
        assertEquals("Worker not found.", json("/rpc/nobody").get("message").asText());
    }

    @Test
    void theBindingAndItsFetchersAreWhatWorkerdShows() throws Exception {
        JsonNode t = json("/type/customer-a");
        assertEquals("[object DispatchNamespace]", t.get("tag").asText());
        assertEquals("[object Fetcher]", t.get("fetcher").asText());
    }

    @Test
    void rpcReachesTheUserWorkerWithItsOwnEnv() throws Exception {
        assertEquals("hi rpc from customer-a", json("/rpc/customer-a").get("greeting").asText());
    }

    @Test
    void aUserWorkerSeesNeitherTheDispatchersEnvNorItsBindings() throws Exception {
        JsonNode env = json("/route/customer-a/env");
        assertJson(List.of("WHO"), env.get("keys"));
        assertEquals("undefined", env.get("global").asText());
    }

    @Test
    void aUserWorkersExceptionTunnelsToTheDispatcher() throws Exception {
        JsonNode e = json("/route/customer-a/throw");
        assertEquals("TypeError", e.get("caught").asText());
        assertEquals("customer code broke", e.get("message").asText());
    }

    @Test
    void beforeTheTunnelFlagAnExceptionIsAnEmpty500() {
        String toml = DISPATCHER_TOML.replace("2025-09-01", "2023-02-01");
        try (Simulator old = Simulator.builder().script(DISPATCHER).inlineConfig(toml).name("old-dispatcher").http(false)
                .auxiliaryScript("customer-a", USER, USER_TOML).build().start()) {
            FetchResponse r = old.dispatchFetch(FetchRequest.get("/route/customer-a/throw"));
            assertEquals(500, r.status());
            assertEquals("", r.text());
        }
    }

    @Test
    void subrequestsGoToTheOutboundWorkerWithTheParameters() throws Exception {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("/route/customer-a/call"));
        assertEquals(200, r.status());
        JsonNode seen = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.text());
        assertEquals("customer-a", seen.get("customer").asText());
        assertTrue(seen.get("secret").isNull(), "an undeclared parameter stays out of env: " + seen);
        assertTrue(seen.get("missing").isNull(), "a declared parameter not passed is undefined: " + seen);
        assertEquals("egress var", seen.get("own").asText());
        assertEquals("origin saw http://api.example/data?q=1", seen.get("origin").asText());
        // The outbound Worker's own fetch went to the network once, and was not intercepted again.
        assertEquals(List.of("GET http://api.example/data?q=1 customer=customer-a"), network);
    }

    @Test
    void concurrentDispatchesKeepTheirOwnParameters() throws Exception {
        JsonNode pair = json("/pair/customer-a/later");
        assertEquals("first", pair.get("a").get("customer").asText());
        assertEquals("second", pair.get("b").get("customer").asText());
        assertEquals(2, network.size());
        assertTrue(network.contains("GET http://api.example/later customer=first"), network.toString());
        assertTrue(network.contains("GET http://api.example/later customer=second"), network.toString());
    }

    @Test
    void theSubrequestLimitStopsTheUserWorkersFetch() {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("/limited/customer-a/three"));
        assertJson(List.of(200, 200, "Error: Too many subrequests by single Worker invocation."), r.text());
        assertEquals(2, network.size());
        // Without limits, the same worker makes all three.
        assertEquals("[200,200,200]", sim.dispatchFetch(FetchRequest.get("/route/customer-a/three")).text());
    }

    /** As `sim dev -c dispatcher -c user -c egress`: the user Worker's `dispatch_namespace` is a known key, not a warning. */
    @Test
    void configsOnDiskLoadAndServe(@TempDir Path dir) {
        String head = "compatibility_date = \"2025-09-01\"\n";
        TestProjects.project(dir, "wrangler.toml", "name = \"dispatcher\"\nmain = \"d.js\"\n" + DISPATCHER_TOML, "d.js", DISPATCHER,
                "user.toml", "name = \"customer-a\"\nmain = \"u.js\"\n" + head + USER_TOML, "u.js", USER,
                "egress.toml", "name = \"egress\"\nmain = \"e.js\"\n" + head, "e.js", EGRESS);
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (Simulator onDisk = Simulator.builder().config(dir.resolve("wrangler.toml")).auxiliary(dir.resolve("user.toml"))
                .auxiliary(dir.resolve("egress.toml")).inMemory()
                .log((level, text) -> { if (level == LogSink.Level.WARN) warnings.add(text); }).build().start()) {
            HttpResponse<String> r = TestProjects.get(onDisk.url(), "/route/customer-a/hello");
            assertEquals("hello from customer-a /hello 1", r.body());
            assertEquals(List.of(), warnings);
        }
    }

    /** The blog's `parameters = [customer_name,url]` (unquoted) is not TOML: the config fails, naming the line. */
    @Test
    void unquotedParameterNamesAreAConfigError() {
        String toml = DISPATCHER_TOML.replace("[\"customer\", \"missing\"]", "[customer,missing]");
        Simulator.Builder b = Simulator.builder().script(DISPATCHER).inlineConfig(toml).http(false);
        dev.workersim.core.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.workersim.core.config.ConfigException.class, b::build);
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void theCpuLimitStopsABusyUserWorker() throws Exception {
        long t0 = System.nanoTime();
        JsonNode e = json("/cpu/customer-a/spin?ms=300");
        assertEquals("Worker exceeded CPU time limit.", e.get("message").asText());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "stopped well before the test's timeout");
        // The user Worker's isolate serves the next request.
        assertEquals("hello from customer-a /hello null", sim.dispatchFetch(FetchRequest.get("/cpu/customer-a/hello?ms=20000")).text());
    }
}
