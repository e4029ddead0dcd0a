// web/fetch/response.js: Response, plus how the runtime sends one back to the host.
// imports: runtime/internal, web/url/url, web/compression/compression, web/fetch/headers, web/fetch/body
(function (ops, $, imports) {
  "use strict";
  const {
    Headers, extractBody, setHeadersGuard, cloneBody, URL, headersFromFlat, BodyState,
    markKnownLength, DecompressionStream, installBodyMixin, idl, expose,
    flattenHeaders, bodyStream, CompressionStream, toBytes
  } = imports;
  const NULL_BODY = new Set([101, 204, 205, 304]);
  const REDIRECT = new Set([301, 302, 303, 307, 308]);
  const kInternal = Symbol("internal");
  // workerd's messages (recorded in conformance/web/websocket-api).
  const NO_101 = "Responses may only be constructed with status codes in the range 200 to 599, inclusive.";
  const NOT_A_WEBSOCKET = "Incorrect type for the 'webSocket' field on 'InitializerDict': the provided value is not of type 'WebSocket'.";

  // All of a Response's state sits in one private object: in GraalJS's interpreter each private
  // field costs on every construction, and a plain object's properties are cheap.
  function newState() {
    return {
      status: 200, statusText: "", headers: null, contentType: null, body: null, type: "default",
      url: "", redirected: false, webSocket: null, cf: undefined, encodeBody: "automatic",
      fromHost: false, // made by fetch(): headers stay immutable in clones
    };
  }

  class Response {
    #s;

    constructor(body = null, init = undefined) {
      const s = (this.#s = newState());
      if (body === kInternal) return;
      if (init !== undefined && init !== null) {
        if (typeof init !== "object") throw new TypeError("Failed to construct 'Response': The provided value is not of type 'ResponseInit'.");
        const status = init.status === undefined ? 200 : Number(init.status);
        if (status === 101 && init.webSocket == null) throw new RangeError(NO_101);
        if (init.webSocket != null) {
          if (!$.isWebSocket(init.webSocket)) throw new TypeError(NOT_A_WEBSOCKET);
          if (status !== 101) throw new RangeError("Responses with a WebSocket must have status code 101.");
          s.webSocket = init.webSocket;
        } else if (!(Number.isInteger(status) && status >= 200 && status <= 599)) {
          throw new RangeError(`Response status code must be between 200 and 599, inclusive (was ${init.status}).`);
        }
        s.status = status;
        if (init.statusText !== undefined) s.statusText = String(init.statusText);
        if (init.headers !== undefined && init.headers !== null) s.headers = new Headers(init.headers);
        s.cf = init.cf;
        if (init.encodeBody !== undefined) s.encodeBody = String(init.encodeBody);
      }
      if (body !== null && body !== undefined) {
        if (NULL_BODY.has(s.status)) throw new TypeError(`Response with null body status (${s.status}) cannot have a body.`);
        const [state, contentType] = extractBody(body);
        s.body = state;
        if (contentType !== null) {
          if (s.headers === null) s.contentType = contentType; // Headers made only if user code asks
          else if (!s.headers.has("content-type")) s.headers.set("content-type", contentType);
        }
      }
      if (s.headers !== null) setHeadersGuard(s.headers, "response");
    }

    static _state(r) {
      if (!(#s in r)) throw new TypeError("Illegal invocation");
      return r.#s;
    }

    get type() { return this.#s.type; }
    get url() { return this.#s.url; }
    get redirected() { return this.#s.redirected; }
    get status() { return this.#s.status; }
    get ok() { const st = this.#s.status; return st >= 200 && st <= 299; }
    get statusText() { return this.#s.statusText; }
    get headers() { return headersOf(this.#s); }
    get webSocket() { return this.#s.webSocket; }
    get cf() { return this.#s.cf; }
    get encodeBody() { return this.#s.encodeBody; }

    clone() {
      const s = allStateOf(this);
      if (s.webSocket) throw new TypeError("Cannot clone a response to a WebSocket handshake.");
      const r = new Response(kInternal);
      Object.assign(r.#s, s);
      // A clone of a fetched response keeps read-only headers, as in workerd.
      r.#s.headers = setHeadersGuard(new Headers(headersOf(s)), s.fromHost ? "immutable" : "response");
      r.#s.contentType = null;
      r.#s.body = cloneBody(s.body);
      return r;
    }

    static json(data, init = undefined) {
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError("The data is not JSON serializable.");
      const r = new Response(text, init);
      const s = r.#s;
      if (s.headers === null) s.contentType = "application/json";
      else if (!s.headers.has("content-type") || s.headers.get("content-type") === "text/plain;charset=UTF-8") {
        // json() sets its own type unless the caller gave one
        if (init?.headers === undefined || !new Headers(init.headers).has("content-type")) {
          setHeadersGuard(s.headers, "none");
          s.headers.set("content-type", "application/json");
          setHeadersGuard(s.headers, "response");
        }
      }
      return r;
    }

    static redirect(url, status = 302) {
      const parsed = new URL(String(url));
      status = Number(status);
      if (!REDIRECT.has(status)) throw new RangeError(`Invalid status code for redirect: ${status}`);
      const r = new Response(null, { status, headers: { location: parsed.href } });
      setHeadersGuard(r.#s.headers, "immutable");
      return r;
    }

    static error() {
      const r = new Response(kInternal);
      r.#s.status = 0;
      r.#s.type = "error";
      r.#s.headers = setHeadersGuard(new Headers(), "response"); // workerd leaves these mutable (36-headers golden)
      return r;
    }
  }

  function headersOf(s) {
    if (s.headers === null) {
      s.headers = headersFromFlat(s.contentType === null ? "" : "content-type\0" + s.contentType, "response");
      s.contentType = null;
    }
    return s.headers;
  }

  const allStateOf = Response._state;
  delete Response._state;

  // A Response from the network (web/fetch/fetch.js): the origin's status text and headers, which user
  // code may read but not change, the final URL, and a body stream or null. hostHeaders is the host's
  // HeaderList, or flat "name\0value" text for a response made here (a data: URL); knownLength says
  // the origin declared the body's length (the caller reads its own headers).
  const responseFromHost = function responseFromHost(status, statusText, hostHeaders, url, redirected, stream, gzip = false, knownLength = false) {
    const r = new Response(kInternal);
    const s = allStateOf(r);
    s.status = status;
    s.statusText = statusText;
    s.headers = headersFromFlat(hostHeaders, "immutable");
    s.url = url;
    s.redirected = redirected;
    s.fromHost = true;
    if (stream !== null) s.body = gzip && Decompression ? gzipBody(stream) : new BodyState(stream, -1);
    if (stream !== null && !gzip && knownLength) markKnownLength(stream);
    return r;
  };

  // Taken while the prelude runs, before user code could replace the global (web/compression/compression.js).
  const Decompression = DecompressionStream || globalThis.DecompressionStream;

  // A gzip body from the network. User code that reads it gets it decoded (as in workerd), the
  // decoder made on first look; returned untouched, it is sent on still encoded, which is what
  // its content-encoding header says (the front door does not re-encode).
  function gzipBody(raw) {
    const state = new BodyState(null, -1);
    let decoded = null;
    let replaced = false;
    let value = null;
    Object.defineProperty(state, "source", {
      get() {
        if (replaced) return value;
        if (decoded === null) decoded = raw.pipeThrough(new Decompression("gzip"));
        return decoded;
      },
      set(v) { replaced = true; value = v; },
      configurable: true, enumerable: true,
    });
    state.encoded = () => (decoded === null && !replaced ? raw : null);
    return state;
  }
  installBodyMixin(Response, (r) => allStateOf(r).body);
  idl(Response, "Response");
  expose("Response", Response);
  const NOT_RESPONSE = "Incorrect type for Promise: the Promise did not resolve to 'Response'.";

  // Sends `response` to the host exchange `handle`: whole when the body is a string or bytes,
  // otherwise chunk by chunk, each write waiting for the previous one (backpressure).
  // `request` is the one being answered (a WebSocket answer needs its Upgrade header).
  $.sendResponse = function sendResponse(handle, response, request = null) {
    if (!(response instanceof Response)) {
      handle.fail("TypeError", NOT_RESPONSE, "TypeError: " + NOT_RESPONSE);
      return;
    }
    const s = allStateOf(response);
    const state = s.body;
    const status = s.status === 0 ? 500 : s.status;
    let headers = s.headers !== null ? flattenHeaders(s.headers)
      : s.contentType !== null ? "content-type\0" + s.contentType : "";
    if (s.statusText !== "") handle.reasonPhrase(s.statusText); // on the wire as wrangler dev sends it
    if (s.webSocket !== null) { // web/websocket/websocket.js
      $.sendWebSocketResponse(handle, request, s.webSocket, headers);
      return;
    }
    if (state === null) {
      handle.respondText(status, headers, null);
      return;
    }
    if (state.used) {
      handle.fail("TypeError", "The response body has already been used.", "");
      return;
    }
    if (s.encodeBody === "manual") handle.markBodyEncoded("manual");
    const encoded = state.stream === null && state.encoded ? state.encoded() : null;
    if (encoded !== null) { // a fetched gzip body nobody read: pass the original bytes through
      state.used = true;
      handle.markBodyEncoded("gzip");
      handle.startStream(status, headers);
      pump(handle, encoded.getReader());
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
    let stream = bodyStream(state);
    if (lengthChanged.has(stream)) {
      headers = withoutLength(headers);
      if (gzipped(headers) && s.encodeBody !== "manual") stream = stream.pipeThrough(new Compression("gzip"));
    }
    const reader = stream.getReader();
    state.used = true;
    handle.startStream(status, headers);
    pump(handle, reader);
  };

  // Bodies whose length differs from their source's (HTMLRewriter output): a content-length copied
  // from the source would cut them short, so they go out chunked, as workerd sends them. Their
  // source may have been a gzip body from fetch(), read decoded: a content-encoding it kept says
  // gzip, so (as workerd does for such headers) the bytes are encoded again on the way out.
  const lengthChanged = new WeakSet();
  const Compression = CompressionStream;
  const gzipped = (flat) => /(^|\0)content-encoding\0\s*gzip\s*(\0|$)/i.test(flat);
  function withoutLength(flat) {
    const parts = flat === "" ? [] : flat.split("\0");
    const kept = [];
    for (let i = 0; i < parts.length; i += 2) {
      if (parts[i].toLowerCase() !== "content-length") kept.push(parts[i], parts[i + 1]);
    }
    return kept.join("\0");
  }

  function pump(handle, reader) {
    reader.read().then(({ done, value }) => {
      if (done) { handle.endStream(); return; }
      let bytes;
      try {
        bytes = toBytes(value);
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

  return { responseFromHost, Response, lengthChanged };
})
