package dev.workersim.core.runtime;

import java.util.List;

/**
 * The builtin modules of the JS half of the runtime (cloudflare:workers, cloudflare:sockets, node:*). The runtime's own
 * files and their load order are JsModuleGraph's (each file declares its imports).
 */
final class JsPrelude {
    private JsPrelude() {
    }

    /** Builtin ES modules user code can import, by specifier. */
    static final List<String[]> MODULES = List.<String[]>of(
            new String[] {"cloudflare:workers", "runtime/cloudflare-workers.mjs"},
            new String[] {"cloudflare:sockets", "web/sockets/cloudflare-sockets.mjs"});

    /**
     * Node.js modules under nodejs_compat, each `node:NAME` from node/NAME.mjs (bare NAME too), with
     * the flag that serves it: workerd adds modules behind flags that later dates turn on
     * (enable_nodejs_os_module from 2025-09-15, ...). The list is what wrangler dev loads at each date
     * (conformance node/module-shapes-*). `module` comes last: its require() serves the others.
     */
    record NodeModule(String name, String flag) {
    }

    private static final String ALWAYS = "nodejs_compat";

    static final List<NodeModule> NODE_MODULES = nodeModules();

    private static List<NodeModule> nodeModules() {
        List<NodeModule> out = new java.util.ArrayList<>();
        for (String name : List.of("buffer", "events", "async_hooks", "util", "util/types", "sys", "path", "path/posix",
                "path/win32", "assert", "assert/strict", "crypto", "constants", "stream", "stream/promises",
                "stream/web", "stream/consumers", "_stream_duplex", "_stream_passthrough", "_stream_readable",
                "_stream_transform", "_stream_writable", "string_decoder", "querystring", "url", "timers",
                "timers/promises", "zlib", "process", "diagnostics_channel", "test", "dns", "dns/promises", "net",
                "tls", "_tls_common", "_tls_wrap", "fs/promises")) {
            out.add(new NodeModule(name, ALWAYS));
        }
        out.add(new NodeModule("os", "enable_nodejs_os_module"));
        out.add(new NodeModule("http2", "enable_nodejs_http2_module"));
        // workerd serves node:_http_server from enable_nodejs_http_server_modules (2025-09-01), two weeks
        // after node:http; here it comes with node:http, whose Server it holds.
        for (String name : List.of("_http_server", "_http_agent", "_http_client", "_http_common", "_http_incoming",
                "_http_outgoing", "http", "https")) {
            out.add(new NodeModule(name, "enable_nodejs_http_modules"));
        }
        out.add(new NodeModule("module", ALWAYS));
        return List.copyOf(out);
    }

    /** The node: modules a worker with these flags is served (nodejs_compat on). */
    static List<String> nodeModules(Compatibility compat) {
        List<String> out = new java.util.ArrayList<>();
        for (NodeModule m : NODE_MODULES) {
            if (compat.enabled(m.flag())) out.add(m.name());
        }
        return out;
    }

    /** Every Node.js builtin module name: a bare import of one that is not served fails as in workerd. */
    private static final java.util.Set<String> NODE_NAMES = NodeBuiltins.NAMES;

    /**
     * Bare names for the node: modules (`buffer` for `node:buffer`) under nodejs_compat v2: each a
     * module that re-exports the node: one, so both names share one instance.
     */
    static java.util.Map<String, String> bareAliases(Compatibility compat) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (!nodeV2(compat)) return out;
        for (String name : nodeModules(compat)) {
            String spec = "'node:" + name + "'";
            out.put(name, "export * from " + spec + ";\nexport { default } from " + spec + ";\n");
        }
        return out;
    }

    /** workerd's error for importing {@code specifier} when no module has that name, or null: a file. */
    static String missingModule(Compatibility compat, String specifier) {
        if (specifier.startsWith("node:") || specifier.startsWith("cloudflare:") || specifier.startsWith("workerd:")) {
            return "No such module \"" + specifier + "\".";
        }
        if (!NODE_NAMES.contains(specifier)) return null;
        return "No such module \"" + (nodeV2(compat) ? "node:" : "") + specifier + "\".";
    }

    /** Bare names and the Buffer/process globals come with nodejs_compat_v2 (on with nodejs_compat from 2024-09-23). */
    private static boolean nodeV2(Compatibility compat) {
        return compat.enabled("nodejs_compat") && compat.enabled("nodejs_compat_v2");
    }

    /** The builtin modules of a worker with these flags, as specifier and resource pairs. */
    static List<String[]> modules(Compatibility compat) {
        List<String[]> all = new java.util.ArrayList<>(MODULES);
        if (compat.enabled("nodejs_compat")) {
            for (String name : nodeModules(compat)) all.add(new String[] {"node:" + name, "node/" + name + ".mjs"});
        } else if (compat.enabled("nodejs_als")) {
            all.add(new String[] {"node:async_hooks", "node/async_hooks.mjs"});
        }
        return all;
    }
}
