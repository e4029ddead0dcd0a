package dev.workersim.core.testing;

/**
 * JS for a worker made of named routes, each an async function whose value is the answer: a
 * {@code Response} as it is, anything else as JSON (a Map as its entries). The binding tests write
 * one route per behaviour and read it back with {@link WorkerFixture#getJson}.
 *
 * <p>Helpers the routes may use: {@code attempt(fn)} (the value, "undefined", or "Name: message"
 * when it throws) and {@code hex(buffer)}.
 */
public final class RouteWorker {
    private RouteWorker() {
    }

    /** A fixture (not started) running {@link #script} with the bindings of {@code toml}. */
    public static WorkerFixture fixture(String routes, String args, String toml) {
        return WorkerFixture.script(script(routes, args)).toml(toml);
    }

    /**
     * {@code routes} is the body of a JS object literal, {@code "/name": async (ARGS) => value,};
     * {@code args} is what each route is called with, from {@code env}, {@code req} and {@code url}
     * (e.g. {@code "env.KV, url, env"}).
     */
    public static String script(String routes, String args) {
        return """
                async function attempt(fn) {
                  try { const v = await fn(); return v === undefined ? "undefined" : v; }
                  catch (e) { return e.name + ": " + e.message; }
                }
                const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
                const show = (v) => v instanceof Map ? [...v.entries()] : v;
                const routes = {
                """ + routes + """
                };
                export default { async fetch(req, env) {
                  const url = new URL(req.url);
                  const route = routes[url.pathname];
                  if (!route) return new Response("no route " + url.pathname, { status: 404 });
                  const v = await route(""" + args + """
                );
                  return v instanceof Response ? v : Response.json(show(v));
                } };
                """;
    }
}
