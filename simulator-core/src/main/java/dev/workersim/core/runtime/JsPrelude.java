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

    /** Node.js modules under nodejs_compat, each `node:NAME` from node/NAME.mjs (bare NAME too). */
    static final List<String> NODE_MODULES = List.of(
            "buffer", "events", "async_hooks", "util", "util/types", "path", "path/posix", "assert",
            "assert/strict", "crypto", "stream", "stream/promises", "stream/web", "string_decoder", "querystring", "url", "timers", "timers/promises",
            "zlib", "process", "diagnostics_channel");

    /** Every Node.js builtin module name: a bare import of one that is not served fails as in workerd. */
    private static final java.util.Set<String> NODE_NAMES = NodeBuiltins.NAMES;

    /**
     * Bare names for the node: modules (`buffer` for `node:buffer`) under nodejs_compat v2: each a
     * module that re-exports the node: one, so both names share one instance.
     */
    static java.util.Map<String, String> bareAliases(Compatibility compat) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (!nodeV2(compat)) return out;
        for (String name : NODE_MODULES) {
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
            for (String name : NODE_MODULES) all.add(new String[] {"node:" + name, "node/" + name + ".mjs"});
        } else if (compat.enabled("nodejs_als")) {
            all.add(new String[] {"node:async_hooks", "node/async_hooks.mjs"});
        }
        return all;
    }
}
