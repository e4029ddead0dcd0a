package dev.workersim.bindings.r2;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import java.nio.file.Path;

/** Simulators with one R2 bucket bound as env.B, running a worker made of named routes. */
final class R2Workers {
    static final String CONFIG = "compatibility_date = \"2025-09-01\"\n[[r2_buckets]]\nbinding = \"B\"\nbucket_name = \"test-bucket\"\n";

    /** A worker whose routes are {@code "/name": async (bucket, request, url) => value}, answered as JSON. */
    static String worker(String routes) {
        return """
                async function attempt(fn) {
                  try { const v = await fn(); return v === undefined ? "undefined" : v; }
                  catch (e) { return e.name + ": " + e.message; }
                }
                const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
                const routes = {
                """ + routes + """
                };
                export default { async fetch(req, env) {
                  const url = new URL(req.url);
                  const route = routes[url.pathname];
                  if (!route) return new Response("no route " + url.pathname, { status: 404 });
                  const v = await route(env.B, req, url);
                  return v instanceof Response ? v : Response.json(v);
                } };
                """;
    }

    static Simulator start(String routes, Path persist) {
        return start(routes, persist, CONFIG);
    }

    static Simulator start(String routes, Path persist, String config) {
        Simulator.Builder b = Simulator.builder().script(worker(routes)).inlineConfig(config).http(false);
        if (persist != null) b.persistTo(persist);
        return b.build().start();
    }

    static String get(Simulator sim, String path) {
        return ok(sim.dispatchFetch(FetchRequest.get(path)), path);
    }

    static FetchResponse send(Simulator sim, FetchRequest request) {
        return sim.dispatchFetch(request);
    }

    static String ok(FetchResponse r, String path) {
        if (r.status() != 200) throw new AssertionError(path + " answered " + r.status() + ": " + r.text());
        return r.text();
    }

    private R2Workers() {
    }
}
