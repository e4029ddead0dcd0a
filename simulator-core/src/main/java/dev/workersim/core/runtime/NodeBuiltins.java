package dev.workersim.core.runtime;

import java.util.Set;

/** The names of Node.js's builtin modules (without `node:`): the runtime and the bundler both need them. */
public final class NodeBuiltins {
    public static final Set<String> NAMES = Set.of(
            "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
            "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain", "events", "fs", "fs/promises",
            "http", "http2", "https", "inspector", "inspector/promises", "module", "net", "os", "path", "path/posix",
            "path/win32", "perf_hooks", "process", "punycode", "querystring", "readline", "readline/promises", "repl",
            "sqlite", "stream", "stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "test",
            "timers", "timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi",
            "worker_threads", "zlib");

    private NodeBuiltins() {
    }
}
