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
            "web/scheduler.js",        // scheduler.wait
            "web/encoding.js",         // atob/btoa; TextEncoder/TextDecoder come from GraalJS (js.text-encoding)
            "web/text-decoder.js",     // TextDecoder: UTF-8 on GraalJS's, plus UTF-16 and windows-1252
            "web/structured-clone.js", // structuredClone
            "web/url.js",              // URL, URLSearchParams
            "web/streams.js",          // ReadableStream, WritableStream, TransformStream
            "web/encoding-streams.js", // TextEncoderStream, TextDecoderStream
            "web/compression.js",      // CompressionStream, DecompressionStream over ops.compression
            "web/headers.js",          // Headers
            "web/body.js",             // the Body mixin shared by Request and Response
            "web/blob.js",             // Blob, File (+ Blob bodies)
            "web/formdata.js",         // FormData (+ multipart and urlencoded bodies)
            "web/request.js",          // Request
            "web/response.js",         // Response
            "web/fetch.js",            // fetch() over ops.fetch (the outbound seam)
            "web/websocket.js",        // WebSocketPair, WebSocket, MessageEvent, CloseEvent over ops.webSocket
            "runtime/entrypoints.js",  // WorkerEntrypoint, DurableObject, RpcTarget (cloudflare:workers)
            "runtime/dispatch.js",     // handler discovery, ctx, fetch dispatch, service-worker events
            "runtime/scheduled.js");   // ScheduledController, ScheduledEvent, scheduled dispatch (Cron Triggers)

    /** Builtin ES modules user code can import, by specifier. */
    static final List<String[]> MODULES = List.<String[]>of(
            new String[] {"cloudflare:workers", "modules/cloudflare-workers.mjs"});
}
