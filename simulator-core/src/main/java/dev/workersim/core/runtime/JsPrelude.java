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
            "web/console.js",          // console over ops.console
            "web/timers.js",           // setTimeout & co over ops.timers, queueMicrotask
            "web/events.js",           // Event, EventTarget, AbortController, AbortSignal, DOMException
            "web/encoding.js",         // atob/btoa; TextEncoder/TextDecoder come from GraalJS (js.text-encoding)
            "web/url.js",              // URL, URLSearchParams
            "web/streams.js",          // ReadableStream, WritableStream, TransformStream
            "web/headers.js",          // Headers
            "web/body.js",             // the Body mixin shared by Request and Response
            "web/request.js",          // Request
            "web/response.js",         // Response
            "runtime/entrypoints.js",  // WorkerEntrypoint, DurableObject, RpcTarget (cloudflare:workers)
            "runtime/dispatch.js",     // handler discovery, ctx, fetch dispatch, service-worker events
            "runtime/scheduled.js");   // ScheduledController, ScheduledEvent, scheduled dispatch (Cron Triggers)

    /** Builtin ES modules user code can import, by specifier. */
    static final List<String[]> MODULES = List.<String[]>of(
            new String[] {"cloudflare:workers", "modules/cloudflare-workers.mjs"});
}
