// web/messaging/message-channel.js: MessageChannel and MessagePort, two entangled ports in one isolate
// (workerd's, under expose_global_message_channel, on from 2025-08-15). A message is a structured
// clone delivered in a microtask; no transfer list; a closed port neither sends nor receives.
// imports: runtime/internal, web/events/events, web/websocket/websocket, web/clone/structured-clone
(function (ops, $, imports) {
  "use strict";
  const { idl, expose, EventTarget, MessageEvent, structuredClone, defineEventHandler, trustedEvent } = imports;
  const kConstruct = Symbol("MessagePort");

  class MessagePort extends EventTarget {
    #other = null; #closed = false;
    constructor(token) {
      if (token !== kConstruct) throw new TypeError("Illegal constructor");
      super();
    }
    static _entangle(a, b) { a.#other = b; b.#other = a; }

    postMessage(message, transferOrOptions) {
      const transfer = Array.isArray(transferOrOptions) ? transferOrOptions : transferOrOptions?.transfer;
      // workerd refuses any transfer list that is not empty (recorded: a plain Error).
      if (transfer != null && transfer.length > 0) throw new Error("Transfer list is not supported");
      const data = structuredClone(message); // a DataCloneError throws here, in the sender
      const target = this.#other;
      if (this.#closed || target === null) return;
      Promise.resolve().then(() => target.#deliver(data));
    }
    #deliver(data) {
      if (this.#closed) return;
      this.dispatchEvent(trustedEvent(new MessageEvent("message", { data })));
    }
    // Messages flow without start() (recorded: an addEventListener listener got them); kept for the API.
    start() {}
    close() {
      this.#closed = true;
      const other = this.#other;
      this.#other = null;
      if (other !== null) other.#other = null;
    }
  }
  const entangle = MessagePort._entangle;
  delete MessagePort._entangle;
  defineEventHandler(MessagePort, "message");
  for (const name of ["postMessage", "close", "start"]) {
    Object.defineProperty(MessagePort.prototype, name, { ...Object.getOwnPropertyDescriptor(MessagePort.prototype, name), enumerable: true });
  }
  idl(MessagePort, "MessagePort");

  class MessageChannel {
    constructor() {
      const port1 = new MessagePort(kConstruct), port2 = new MessagePort(kConstruct);
      entangle(port1, port2);
      // Own read-only properties, port2 first (recorded: Object.keys gives ["port2","port1"]).
      Object.defineProperty(this, "port2", { value: port2, writable: false, enumerable: true, configurable: true });
      Object.defineProperty(this, "port1", { value: port1, writable: false, enumerable: true, configurable: true });
    }
  }
  idl(MessageChannel, "MessageChannel");

  if ($.compat.expose_global_message_channel) {
    expose("MessageChannel", MessageChannel);
    expose("MessagePort", MessagePort);
  }
  return { MessageChannel, MessagePort };
})
