package dev.workersim.bindings.kv;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import java.nio.file.Path;

/** Simulators with one KV namespace bound as env.KV, running a worker made of named routes. */
final class KvWorkers {
    static final String CONFIG = "[[kv_namespaces]]\nbinding = \"KV\"\nid = \"abc\"\n";

    /** A worker whose routes are {@code "/name": async (kv, url, env) => value}, answered as JSON. */
    static String worker(String routes) {
        return """
                async function attempt(fn) {
                  try { const v = await fn(); return v === undefined ? "undefined" : v; }
                  catch (e) { return e.name + ": " + e.message; }
                }
                const show = (v) => v instanceof Map ? [...v.entries()] : v;
                const routes = {
                """ + routes + """
                };
                export default { async fetch(req, env) {
                  const url = new URL(req.url);
                  const route = routes[url.pathname];
                  if (!route) return new Response("no route " + url.pathname, { status: 404 });
                  return Response.json(show(await route(env.KV, url, env)));
                } };
                """;
    }

    static Simulator start(String routes, Path persist) {
        Simulator.Builder b = Simulator.builder().script(worker(routes)).inlineConfig(CONFIG).http(false);
        if (persist != null) b.persistTo(persist);
        return b.build().start();
    }

    static String get(Simulator sim, String path) {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get(path));
        if (r.status() != 200) throw new AssertionError(path + " answered " + r.status() + ": " + r.text());
        return r.text();
    }

    private KvWorkers() {
    }
}
