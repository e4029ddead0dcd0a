// web/response.js: Response, plus how the runtime sends one back to the host.
(function (ops, $) {
  "use strict";
  const NULL_BODY = new Set([101, 204, 205, 304]);
  const REDIRECT = new Set([301, 302, 303, 307, 308]);
  const kInternal = Symbol("internal");

  class Response {
    #status = 200;
    #statusText = "";
    #headers;
    #body = null;
    #type = "default";
    #url = "";
    #redirected = false;
    #webSocket = null;
    #cf = undefined;
    #encodeBody = "automatic";

    constructor(body = null, init = undefined) {
      if (body === kInternal) return;
      init = init ?? {};
      if (typeof init !== "object") throw new TypeError("Failed to construct 'Response': The provided value is not of type 'ResponseInit'.");
      const status = init.status === undefined ? 200 : Number(init.status);
      if (init.webSocket != null) {
        if (status !== 101) throw new RangeError("Responses with a WebSocket must have status code 101.");
        this.#webSocket = init.webSocket;
      } else if (!(Number.isInteger(status) && status >= 200 && status <= 599)) {
        throw new RangeError(`Response status code must be between 200 and 599, inclusive (was ${init.status}).`);
      }
      this.#status = status;
      this.#statusText = init.statusText === undefined ? "" : String(init.statusText);
      this.#headers = new $.Headers(init.headers);
      this.#cf = init.cf;
      if (init.encodeBody !== undefined) this.#encodeBody = String(init.encodeBody);
      if (body !== null && body !== undefined) {
        if (NULL_BODY.has(status)) throw new TypeError(`Response with null body status (${status}) cannot have a body.`);
        const [state, contentType] = $.extractBody(body);
        this.#body = state;
        if (contentType !== null && !this.#headers.has("content-type")) this.#headers.set("content-type", contentType);
      }
      $.setHeadersGuard(this.#headers, "response");
    }

    static #state(r) {
      if (!(#body in r)) throw new TypeError("Illegal invocation");
      return r.#body;
    }
    static _state(r) { return Response.#state(r); }

    get type() { return this.#type; }
    get url() { return this.#url; }
    get redirected() { return this.#redirected; }
    get status() { return this.#status; }
    get ok() { return this.#status >= 200 && this.#status <= 299; }
    get statusText() { return this.#statusText; }
    get headers() { return this.#headers; }
    get webSocket() { return this.#webSocket; }
    get cf() { return this.#cf; }
    get encodeBody() { return this.#encodeBody; }

    clone() {
      if (!(#body in this)) throw new TypeError("Illegal invocation");
      if (this.#webSocket) throw new TypeError("Cannot clone a response to a WebSocket handshake.");
      const r = new Response(kInternal);
      r.#status = this.#status;
      r.#statusText = this.#statusText;
      r.#headers = $.setHeadersGuard(new $.Headers(this.#headers), "response");
      r.#body = $.cloneBody(this.#body);
      r.#type = this.#type;
      r.#url = this.#url;
      r.#redirected = this.#redirected;
      r.#cf = this.#cf;
      return r;
    }

    static json(data, init = undefined) {
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError("The data is not JSON serializable.");
      const headers = new $.Headers(init?.headers);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
      return new Response(text, { ...init, headers });
    }

    static redirect(url, status = 302) {
      const parsed = new $.URL(String(url));
      status = Number(status);
      if (!REDIRECT.has(status)) throw new RangeError(`Invalid status code for redirect: ${status}`);
      const r = new Response(null, { status, headers: { location: parsed.href } });
      $.setHeadersGuard(r.#headers, "immutable");
      return r;
    }

    static error() {
      const r = new Response(kInternal);
      r.#status = 0;
      r.#type = "error";
      r.#headers = $.setHeadersGuard(new $.Headers(), "immutable");
      return r;
    }
  }
  const stateOf = Response._state;
  delete Response._state;
  $.installBodyMixin(Response, stateOf);
  $.idl(Response, "Response");
  $.Response = Response;
  $.expose("Response", Response);

  const NOT_RESPONSE = "Incorrect type for Promise: the Promise did not resolve to 'Response'.";

  // Sends `response` to the host exchange `handle`: whole when the body is a string or bytes,
  // otherwise chunk by chunk, each write waiting for the previous one (backpressure).
  $.sendResponse = function sendResponse(handle, response) {
    if (!(response instanceof Response)) {
      handle.fail("TypeError", NOT_RESPONSE, "TypeError: " + NOT_RESPONSE);
      return;
    }
    const state = stateOf(response);
    const status = response.status === 0 ? 500 : response.status;
    const headers = $.flattenHeaders(response.headers);
    if (state === null) {
      handle.respondText(status, headers, null);
      return;
    }
    if (state.used) {
      handle.fail("TypeError", "The response body has already been used.", "");
      return;
    }
    if (state.stream === null && typeof state.source === "string") {
      state.used = true;
      handle.respondText(status, headers, state.source);
      return;
    }
    if (state.stream === null && state.source instanceof Uint8Array) {
      state.used = true;
      const b = state.source;
      handle.respondBytes(status, headers, b.buffer, b.byteOffset, b.byteLength);
      return;
    }
    const reader = $.bodyStream(state).getReader();
    state.used = true;
    handle.startStream(status, headers);
    pump(handle, reader);
  };

  function pump(handle, reader) {
    reader.read().then(({ done, value }) => {
      if (done) { handle.endStream(); return; }
      let bytes;
      try {
        bytes = $.toBytes(value);
      } catch (err) {
        $.reportUncaught(err);
        handle.abortStream(String(err));
        reader.cancel(err).catch(() => {});
        return;
      }
      if (bytes.byteLength === 0) { pump(handle, reader); return; }
      handle.writeChunk(bytes.buffer, bytes.byteOffset, bytes.byteLength, (error) => {
        if (error === null || error === undefined) pump(handle, reader);
        else reader.cancel(new Error("Network connection lost: " + error)).catch(() => {});
      });
    }, (err) => {
      $.reportUncaught(err);
      handle.abortStream(String(err));
    });
  }
})
