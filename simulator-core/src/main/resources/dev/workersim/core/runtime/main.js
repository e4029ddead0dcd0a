// runtime/main.js: the root of the runtime's JS graph. Every file of the global scope loads because
// this one imports it (directly or through another file); the order is derived from the imports
// (JsModuleGraph). It returns what the host (WorkerIsolate) calls on the isolate.
// imports: runtime/internal, web/codegen/code-generation, web/console/console, web/timers/timers
// imports: web/events/events, web/timers/scheduler, web/encoding/encoding, web/encoding/text-decoder
// imports: web/clone/structured-clone, web/url/url, web/url/url-pattern, web/streams/streams
// imports: web/encoding/encoding-streams, web/crypto/crypto-keys, web/crypto/crypto
// imports: web/compression/compression, web/fetch/headers, web/fetch/body, web/blob/blob
// imports: web/fetch/formdata, web/fetch/request, web/fetch/response, web/html/html-selectors
// imports: web/html/html-rewriter, web/fetch/fetch, web/websocket/websocket, runtime/entrypoints
// imports: runtime/dispatch, scheduled/scheduled, services/rpc, runtime/queue, tail/tail, node/node
// imports: web/sockets/sockets
// imports: web/events/promise-rejection, web/messaging/message-channel, web/eventsource/event-source
(function (ops, $, imports) {
  "use strict";
  const {
    webAssemblyUnavailable, closeCodeGeneration, fireTimer, setTailConsumers, dispatchTail,
    addBinding, finishEnv, setWorker, openBuiltins, sealBuiltins, node, connect,
  } = imports;

  return {
    webAssemblyUnavailable, closeCodeGeneration, fireTimer, setTailConsumers, addBinding, setWorker, sealBuiltins,
    // The env is complete: service-worker globals, then the builtin modules' private hand-off.
    finishEnv(serviceWorker) {
      finishEnv(serviceWorker);
      openBuiltins($.env, node, { connect });
    },
    // Late-bound on $ (runtime/tail.js and node/node.js wrap them while loading): read once all have loaded.
    setEnv: $.setEnv,
    dispatchFetch: $.dispatchFetch,
    dispatchScheduled: $.dispatchScheduled,
    dispatchRpc: $.dispatchRpc,
    dispatchQueue: $.dispatchQueue,
    dispatchTail,
  };
})
