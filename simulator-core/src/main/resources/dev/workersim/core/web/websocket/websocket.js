// web/websocket/websocket.js: WebSocketPair, WebSocket, MessageEvent, CloseEvent, ErrorEvent; handing a
// pair's end to the host when a worker answers an upgrade; client connections (new WebSocket(url),
// fetch() with Upgrade: websocket) as upgrade subrequests through the fetch seam (ops.fetch.connect,
// or a dispatched invocation's route: its outbound Worker sees them as it sees every subrequest).
// imports: runtime/internal, web/events/events, web/clone/structured-clone, web/url/url, web/fetch/headers
// imports: web/fetch/request, web/fetch/response, web/fetch/fetch
(function (ops, $, imports) {
  "use strict";
  const {
    Event, idl, headersFromFlat, fetchError, URL, DOMException, EventTarget, fetchDestination,
    structuredClone, expose, Request, Response
  } = imports;
  const CONNECTING = 0, OPEN = 1, CLOSING = 2, CLOSED = 3;
  // workerd's messages (recorded in conformance/web/websocket-api).
  const MUST_ACCEPT = "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.";
  const SEND_AFTER_CLOSE = "Can't call WebSocket send() after close().";
  const NO_ACCEPT_FOR_CLIENT = "Websockets obtained from the 'new WebSocket()' constructor cannot call accept";
  const REASON_NEEDS_CODE = "If you specify a WebSocket close reason, you must also specify a code.";
  const NO_UPGRADE = "Worker tried to return a WebSocket in a response to a request which did not contain the header \"Upgrade: websocket\".";
  const LOST = "WebSocket disconnected without sending Close frame.";
  const RESERVED_CODES = new Set([1004, 1005, 1006, 1015]);
  // What `new WebSocket(url)` reports when the upgrade is refused or fails (recorded from workerd).
  const NOT_ESTABLISHED = "Failed to establish websocket connection";
  const not101 = (status) => `Failed to establish the WebSocket connection: expected server to reply with HTTP status code 101 (switching protocols), but received ${status} instead.`;
  const kCreate = Symbol("create");

  // Calling these constructors without `new` gives workerd's message, not the engine's.
  function newOnly(cls) {
    const wrapped = new Proxy(cls, {
      apply() { throw new TypeError(`Failed to construct '${cls.name}': Please use the 'new' operator, this object constructor cannot be called as a function.`); },
    });
    Object.defineProperty(cls.prototype, "constructor", { value: wrapped, writable: true, configurable: true, enumerable: false });
    return wrapped;
  }

  class MessageEvent extends Event {
    #data; #origin; #lastEventId; #source; #ports;
    constructor(type, init = {}) {
      super(type, init);
      this.#data = init?.data !== undefined ? init.data : null;
      this.#origin = init?.origin !== undefined ? String(init.origin) : null;
      this.#lastEventId = init?.lastEventId !== undefined ? String(init.lastEventId) : "";
      this.#source = init?.source ?? null;
      this.#ports = init?.ports ? [...init.ports] : [];
    }
    get data() { return this.#data; }
    get origin() { return this.#origin; }
    get lastEventId() { return this.#lastEventId; }
    get source() { return this.#source; }
    get ports() { return this.#ports; }
  }
  idl(MessageEvent, "MessageEvent");

  class CloseEvent extends Event {
    #code; #reason; #wasClean;
    constructor(type, init = {}) {
      super(type, init);
      this.#code = init?.code !== undefined ? Number(init.code) & 0xffff : 0;
      this.#reason = init?.reason !== undefined ? String(init.reason) : "";
      this.#wasClean = !!init?.wasClean;
    }
    get code() { return this.#code; }
    get reason() { return this.#reason; }
    get wasClean() { return this.#wasClean; }
  }
  idl(CloseEvent, "CloseEvent");

  class ErrorEvent extends Event {
    #message; #filename; #lineno; #colno; #error;
    constructor(type, init = {}) {
      super(type, init);
      this.#message = init?.message !== undefined ? String(init.message) : "";
      this.#filename = init?.filename !== undefined ? String(init.filename) : "";
      this.#lineno = init?.lineno !== undefined ? Number(init.lineno) >>> 0 : 0;
      this.#colno = init?.colno !== undefined ? Number(init.colno) >>> 0 : 0;
      this.#error = init?.error;
    }
    get message() { return this.#message; }
    get filename() { return this.#filename; }
    get lineno() { return this.#lineno; }
    get colno() { return this.#colno; }
    get error() { return this.#error; }
  }
  idl(ErrorEvent, "ErrorEvent");

  // One end's state. `peer` is where its sends go: the other End of a local pair, or a HostLink
  // (a live connection in Java). Events that arrive before accept() wait in `inbox`.
  class End {
    constructor(ws) {
      this.ws = ws;
      this.readyState = OPEN;
      this.url = null;
      this.protocol = "";
      this.extensions = "";
      this.binaryType = "arraybuffer";
      this.accepted = false;
      this.fromConstructor = false; // new WebSocket(url): events flow without accept()
      this.peer = null;
      this.inbox = [];
      this.closeSent = false;
      this.closeReceived = false;
      this.attachment = undefined;
      this.forward = null; // a HostLink, once this end is handed to the host as a proxy
    }

    get listening() { return this.accepted || this.fromConstructor; }

    // Queues an event for this end's listeners: each in its own microtask, in arrival order.
    // An end returned to the host from fetch() (a proxied connection) passes events on instead.
    deliver(event) {
      if (this.forward) { forwardEvent(this.forward, event); return; }
      if (!this.listening) { this.inbox.push(event); return; }
      Promise.resolve().then(() => this.ws.dispatchEvent(event));
    }

    flushInbox() {
      const queued = this.inbox;
      this.inbox = [];
      for (const ev of queued) this.deliver(ev);
    }

    // From the peer: a message (string or ArrayBuffer, already this end's own copy).
    receiveMessage(data) {
      this.deliver(new MessageEvent("message", { data }));
    }

    // From the peer: its Close frame (code undefined when it gave none).
    receiveClose(code, reason) {
      this.closeReceived = true;
      this.readyState = this.closeSent ? CLOSED : CLOSING;
      this.deliver(new CloseEvent("close", { code: code ?? 1005, reason: reason ?? "", wasClean: true }));
    }

    // The connection ended without a Close frame. workerd leaves readyState as it was.
    lost(message) {
      if (this.readyState === CLOSED || this.closeReceived) return;
      this.closeReceived = true;
      if (message) this.deliver(new ErrorEvent("error", { message }));
      this.deliver(new CloseEvent("close", { code: 1006, reason: LOST, wasClean: false }));
    }

    // workerd reports an error on the end that answers a Close frame, once the handshake is done.
    closedAfterReply() {
      const error = new Error("Network connection lost.");
      this.deliver(new ErrorEvent("error", { message: "Uncaught " + String(error), error }));
    }
  }

  // The far side of an End whose peer lives in Java (an upgraded request or a client connection).
  class HostLink {
    constructor(socket) { this.socket = socket; }
    receiveMessage(data) {
      if (typeof data === "string") this.socket.sendText(data);
      else this.socket.sendBinary(data, 0, data.byteLength);
    }
    receiveClose(code, reason) { this.socket.close(code === undefined ? -1 : code, reason ?? ""); }
    lost() { this.socket.close(-1, ""); }
  }

  function forwardEvent(link, event) {
    if (event instanceof MessageEvent) link.receiveMessage(event.data);
    else if (event instanceof CloseEvent) {
      if (event.wasClean) link.receiveClose(event.code === 1005 ? undefined : event.code, event.reason);
      else link.lost();
    }
  }

  // What Java reports for a connection, turned into calls on `end`.
  // `refused(error | null, response | null)`: the upgrade subrequest failed (error) or was answered
  // without a connection (the response's status, headers, body); for client connections only.
  function sinkFor(end, onOpen, refused) {
    return {
      open(protocol, extensions) { onOpen?.(protocol ?? "", extensions ?? ""); },
      answered(status, statusText, headers, body) { // headers: the host's HeaderList
        refused(null, { status, statusText, headers: headersFromFlat(headers, "immutable"), body: body === null ? null : new Uint8Array(body) });
      },
      failed(name, message) { refused(fetchError(name, message), null); },
      text(text) { end.receiveMessage(String(text)); },
      binary(bytes) { end.receiveMessage(new Uint8Array(bytes).slice().buffer); },
      close(code, reason, wasClean) {
        if (wasClean) end.receiveClose(code === 1005 ? undefined : code, reason);
        else end.lost();
      },
      error(message) { end.lost("WebSocket error: " + message); },
    };
  }

  function checkUrl(url) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new DOMException("WebSocket Constructor: The url is invalid.", "SyntaxError");
    }
    if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") {
      throw new DOMException("WebSocket Constructor: The url scheme must be ws or wss.", "SyntaxError");
    }
    return parsed;
  }

  function protocolList(protocols) {
    if (protocols === undefined || protocols === null) return [];
    return (typeof protocols === "string" ? [protocols] : [...protocols]).map(String);
  }

  class WebSocket extends EventTarget {
    #e;

    constructor(url, protocols = undefined) {
      super();
      const e = (this.#e = new End(this));
      if (url === kCreate) return; // one end of a WebSocketPair
      if (arguments.length === 0) throw new TypeError("Failed to construct 'WebSocket': constructor parameter 1 is not of type 'string'.");
      url = String(url);
      const parsed = checkUrl(url);
      e.url = url;
      e.readyState = CONNECTING;
      e.fromConstructor = true;
      const list = protocolList(protocols);
      const sink = sinkFor(e, (protocol, extensions) => {
        if (e.readyState !== CONNECTING) return;
        e.readyState = OPEN;
        e.protocol = protocol;
        e.extensions = extensions;
        e.deliver(new Event("open"));
      }, (error, response) => {
        const err = error ?? new TypeError(not101(response.status));
        e.deliver(new ErrorEvent("error", { message: "Uncaught " + String(err), error: err }));
        e.readyState = CLOSED;
        e.closeReceived = true;
        e.deliver(new CloseEvent("close", { code: 1006, reason: NOT_ESTABLISHED, wasClean: false }));
      });
      // The subrequest an outbound Worker sees: GET of the http(s) URL, as workerd sends it.
      const headers = ["upgrade", "websocket", "sec-websocket-extensions", "permessage-deflate"];
      if (list.length > 0) headers.push("sec-websocket-protocol", list.join(", "));
      const target = new URL(parsed.href);
      target.protocol = target.protocol === "wss:" ? "https:" : "http:";
      e.peer = new HostLink(fetchDestination().connect(target.href, headers.join("\0"), sink));
    }

    static _end(ws) {
      if (!(#e in ws)) throw new TypeError("Illegal invocation");
      return ws.#e;
    }

    get readyState() { return endOf(this).readyState; }
    get url() { return endOf(this).url; }
    get protocol() { return endOf(this).protocol; }
    get extensions() { return endOf(this).extensions; }
    get bufferedAmount() { endOf(this); return 0; }
    get binaryType() { return endOf(this).binaryType; }
    set binaryType(value) {
      const e = endOf(this);
      if (value === "arraybuffer" || value === "blob") e.binaryType = value;
    }

    accept() {
      const e = endOf(this);
      if (e.fromConstructor) throw new TypeError(NO_ACCEPT_FOR_CLIENT);
      if (e.accepted) return;
      e.accepted = true;
      e.flushInbox();
    }

    send(message) {
      const e = endOf(this);
      if (e.closeSent) throw new TypeError(SEND_AFTER_CLOSE);
      if (!e.listening || e.readyState === CONNECTING) throw new TypeError(MUST_ACCEPT);
      let data;
      if (message instanceof ArrayBuffer) data = message.slice(0);
      else if (ArrayBuffer.isView(message)) data = new Uint8Array(message.buffer, message.byteOffset, message.byteLength).slice().buffer;
      else data = String(message);
      e.peer?.receiveMessage(data);
    }

    close(code = undefined, reason = undefined) {
      const e = endOf(this);
      if (code !== undefined) {
        code = Number(code);
        if (!Number.isInteger(code) || code < 1000 || code > 4999 || RESERVED_CODES.has(code)) {
          throw new DOMException(`Invalid WebSocket close code: ${code}.`, "InvalidAccessError");
        }
      }
      if (reason !== undefined) {
        if (code === undefined) throw new DOMException(REASON_NEEDS_CODE, "InvalidAccessError");
        reason = String(reason);
      }
      if (!e.listening) throw new TypeError(MUST_ACCEPT);
      if (e.closeSent || e.readyState === CLOSED) return;
      e.closeSent = true;
      e.readyState = e.closeReceived ? CLOSED : CLOSING;
      e.peer?.receiveClose(code, reason);
      if (e.closeReceived) e.closedAfterReply();
    }

    serializeAttachment(value) { endOf(this).attachment = structuredClone(value); }
    deserializeAttachment() {
      const a = endOf(this).attachment;
      return a === undefined ? null : structuredClone(a);
    }
  }
  const endOf = WebSocket._end;
  delete WebSocket._end;
  const STATES = { CONNECTING, OPEN, CLOSING, CLOSED };
  for (const [name, value] of Object.entries(STATES)) {
    for (const key of [name, "READY_STATE_" + name]) {
      Object.defineProperty(WebSocket, key, { value, enumerable: true });
      Object.defineProperty(WebSocket.prototype, key, { value, enumerable: true });
    }
  }
  idl(WebSocket, "WebSocket");

  class WebSocketPair {
    constructor() {
      const client = new WebSocket(kCreate);
      const server = new WebSocket(kCreate);
      endOf(client).peer = endOf(server);
      endOf(server).peer = endOf(client);
      Object.defineProperty(this, 0, { value: client, enumerable: true, writable: true, configurable: true });
      Object.defineProperty(this, 1, { value: server, enumerable: true, writable: true, configurable: true });
    }
  }
  idl(WebSocketPair, "WebSocketPair");

  const WebSocketApi = newOnly(WebSocket);
  const WebSocketPairApi = newOnly(WebSocketPair);
  $.isWebSocket = (v) => v instanceof WebSocket;
  for (const [k, v] of Object.entries({ MessageEvent, CloseEvent, ErrorEvent, WebSocket: WebSocketApi, WebSocketPair: WebSocketPairApi })) expose(k, v);

  // A worker answered an upgrade with `ws` (one end of a pair): the host completes the handshake and
  // the other end now talks to the network. What that end sent before this is waiting in `ws`'s
  // inbox, and goes out first.
  $.sendWebSocketResponse = function sendWebSocketResponse(handle, request, ws, headersFlat) {
    if (!isUpgrade(request)) {
      handle.fail("TypeError", NO_UPGRADE, "TypeError: " + NO_UPGRADE);
      return;
    }
    const client = endOf(ws);
    const server = client.peer; // an End of a pair, or a HostLink when `ws` came from fetch() (a proxy)
    if (server === null) {
      handle.fail("TypeError", "The WebSocket in this Response is no longer connected.", "");
      return;
    }
    const socket = handle.upgradeWebSocket(headersFlat, sinkFor(server));
    const link = socket === null || socket === undefined ? null : new HostLink(socket);
    if (server instanceof HostLink) { // proxied: the upstream's events go to the client from now on
      if (link === null) { server.lost(); return; }
      client.forward = link;
      const queued = client.inbox;
      client.inbox = [];
      for (const ev of queued) forwardEvent(link, ev);
      return;
    }
    client.peer = null;
    client.readyState = CLOSED;
    if (link === null) { // no connection behind this exchange (dispatchFetch)
      server.peer = null;
      server.lost();
      return;
    }
    server.peer = link;
    const queued = client.inbox;
    client.inbox = [];
    for (const ev of queued) forwardEvent(link, ev);
  };

  function isUpgrade(request) {
    return request instanceof Request && String(request.headers.get("upgrade") ?? "").toLowerCase() === "websocket";
  }
  $.isWebSocketUpgrade = isUpgrade;


  // fetch() of a request with `Upgrade: websocket`: connects, and resolves with a 101 Response
  // whose `webSocket` must be accept()ed. A refused handshake resolves with the server's status.
  // `destination`: the fetch seam it goes through (web/fetch/fetch.js's, or a service binding's).
  $.webSocketFetch = function webSocketFetch(request, destination) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(kCreate);
      const e = endOf(ws);
      e.readyState = CONNECTING;
      let settled = false;
      const headers = [];
      for (const [k, v] of request.headers) headers.push(k, v);
      const sink = sinkFor(e, (protocol, extensions) => {
        settled = true;
        e.readyState = OPEN;
        e.protocol = protocol;
        e.extensions = extensions;
        const responseHeaders = protocol ? { "sec-websocket-protocol": protocol } : undefined;
        resolve(new Response(null, { status: 101, webSocket: ws, headers: responseHeaders }));
      }, (error, response) => {
        if (settled) return;
        settled = true;
        if (error !== null) reject(error);
        else resolve(new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers }));
      });
      e.peer = new HostLink(destination.connect(request.url, headers.join("\0"), sink));
    });
  };

  return { WebSocket, MessageEvent, ErrorEvent };
})
