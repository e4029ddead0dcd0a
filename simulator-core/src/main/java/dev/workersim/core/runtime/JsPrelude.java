package dev.workersim.core.runtime;

import java.util.List;

/**
 * The JS half of the runtime, in load order. Each file is a script returning {@code function(ops, $)}
 * (see resources js/README.md). A later file may use what an earlier one put on {@code $}.
 */
final class JsPrelude {
    private JsPrelude() {
    }

    static final List<String> FILES = List.of(
            "runtime/internal.js",     // $.expose, brand helpers, error formatting
            "web/codegen/code-generation.js", // eval, new Function, WebAssembly from bytes: startup only, as in workerd
            "web/console/console.js",          // console over ops.console
            "web/timers/timers.js",           // setTimeout & co over ops.timers, queueMicrotask
            "web/events/events.js",           // Event, EventTarget, AbortController, AbortSignal, DOMException
            "web/timers/scheduler.js",        // scheduler.wait
            "web/encoding/encoding.js",         // atob/btoa; TextEncoder/TextDecoder come from GraalJS (js.text-encoding)
            "web/encoding/text-decoder.js",     // TextDecoder: UTF-8 on GraalJS's, plus UTF-16 and windows-1252
            "web/clone/structured-clone.js", // structuredClone
            "web/url/url.js",              // URL, URLSearchParams
            "web/url/url-pattern.js",      // URLPattern
            "web/streams/streams.js",          // ReadableStream, WritableStream, TransformStream
            "web/encoding/encoding-streams.js", // TextEncoderStream, TextDecoderStream
            "web/crypto/crypto-keys.js",      // Web Crypto's algorithms and CryptoKey, over ops.crypto
            "web/crypto/crypto.js",           // crypto, Crypto, SubtleCrypto, crypto.DigestStream (a WritableStream)
            "web/compression/compression.js",      // CompressionStream, DecompressionStream over ops.compression
            "web/fetch/headers.js",          // Headers
            "web/fetch/body.js",             // the Body mixin shared by Request and Response
            "web/blob/blob.js",             // Blob, File (+ Blob bodies)
            "web/fetch/formdata.js",         // FormData (+ multipart and urlencoded bodies)
            "web/fetch/request.js",          // Request
            "web/fetch/response.js",         // Response
            "web/html/html-selectors.js",   // the CSS selectors HTMLRewriter accepts
            "web/html/html-rewriter.js",    // HTMLRewriter over ops.html (the tokenizer)
            "web/fetch/fetch.js",            // fetch() over ops.fetch (the outbound seam)
            "web/websocket/websocket.js",        // WebSocketPair, WebSocket, MessageEvent, CloseEvent over ops.webSocket
            "runtime/entrypoints.js",  // WorkerEntrypoint, DurableObject, RpcTarget (cloudflare:workers)
            "runtime/dispatch.js",     // handler discovery, ctx, fetch dispatch, service-worker events
            "scheduled/scheduled.js",    // ScheduledController, ScheduledEvent, scheduled dispatch (Cron Triggers)
            "services/rpc.js",          // RPC between workers (service bindings): wire encoding, $.dispatchRpc
            "runtime/queue.js",        // QueueController, QueueMessage, QueueEvent, queue consumer dispatch
            "tail/tail.js",         // Tail Workers: traces of invocations (producer), tail() dispatch (consumer)
            "node/node.js");        // the runtime side of node:* modules (nodejs_compat), handed to modules/node/

    /** Builtin ES modules user code can import, by specifier. */
    static final List<String[]> MODULES = List.<String[]>of(
            new String[] {"cloudflare:workers", "runtime/cloudflare-workers.mjs"});

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
            all.add(new String[] {"node:async_hooks", "modules/node/async_hooks.mjs"});
        }
        return all;
    }
}
