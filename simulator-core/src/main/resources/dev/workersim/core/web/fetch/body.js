// web/fetch/body.js: the Body mixin of Request and Response. A body keeps what it was made from (a
// string, bytes or a stream) and only becomes a ReadableStream when user code asks for `.body`,
// so `new Response("Hello")` is sent without a stream ever existing.
// imports: runtime/internal, web/encoding/encoding, web/url/url, web/streams/streams
(function (ops, $, imports) {
  "use strict";
  const {
    utf8,
    utf8Decoder, ReadableByteStreamController, ReadableStream, URLSearchParams,
    isDisturbed: streamDisturbed, fromHost, guardIo
  } = imports;
  const decoder = utf8Decoder;
  // Bodies are byte streams (BYOB-readable) when the streams implementation has them.
  const byteType = () => (ReadableByteStreamController ? "bytes" : undefined);
  const USED = "Body has already been used. It can only be used once. Use tee() first if you need to read it twice.";

  // The body of one Request or Response. `source` is null, a string, a Uint8Array the body owns, or a ReadableStream.
  class BodyState {
    constructor(source, length) {
      this.source = source;
      this.stream = null;
      this.used = false;
      this.length = length; // byte length when known, else -1
    }
  }
  const EMPTY_BODY = null;

  function copyBytes(view) {
    return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
  }

  // Fetch's "extract a body": returns [BodyState, content-type or null].
  const extractBody = function extractBody(init) {
    if (init === null || init === undefined) return [null, null];
    if (typeof init === "string") return [new BodyState(init, -1), "text/plain;charset=UTF-8"];
    if (init instanceof ArrayBuffer) return [new BodyState(new Uint8Array(init.slice(0)), init.byteLength), null];
    if (ArrayBuffer.isView(init)) {
      const bytes = init instanceof Uint8Array ? copyBytes(init) : copyBytes(new Uint8Array(init.buffer, init.byteOffset, init.byteLength));
      return [new BodyState(bytes, bytes.byteLength), null];
    }
    if (ReadableStream && init instanceof ReadableStream) {
      if (init.locked) throw new TypeError("This ReadableStream is currently locked to a reader.");
      return [new BodyState(init, -1), null];
    }
    if (URLSearchParams && init instanceof URLSearchParams) {
      return [new BodyState(init.toString(), -1), "application/x-www-form-urlencoded;charset=UTF-8"];
    }
    if ($.extractOtherBody) { // Blob, FormData: added by the web-platform files that define them
      const r = $.extractOtherBody(init);
      if (r) return r;
    }
    return [new BodyState(String(init), -1), "text/plain;charset=UTF-8"];
  };

  // Body streams whose length is known up front: one made over a string or bytes, an incoming request
  // or a fetched response with a Content-Length. R2's put takes only streams of known length (workerd's
  // rule: a chunked upload is refused).
  const knownLength = new WeakSet();
  const hasKnownLength = (stream) => knownLength.has(stream);
  const markKnownLength = (stream) => { knownLength.add(stream); };
  // Whether "\0"-separated host headers carry a Content-Length.

  // The body as a ReadableStream, made on first use.
  const bodyStream = function bodyStream(state) {
    if (state === null) return null;
    if (state.stream === null) {
      const src = state.source;
      if (ReadableStream && src instanceof ReadableStream) {
        state.stream = src;
      } else {
        const bytes = typeof src === "string" ? utf8.encode(src) : src;
        state.stream = new ReadableStream({
          type: byteType(),
          start(c) {
            if (bytes.byteLength > 0) c.enqueue(bytes.slice());
            c.close();
          },
        });
        knownLength.add(state.stream);
      }
    }
    return state.stream;
  };

  const bodyUsed = (state) => state !== null && (state.used || (state.stream !== null && isDisturbed(state.stream)));
  function isDisturbed(stream) {
    return streamDisturbed ? streamDisturbed(stream) : false;
  }

  // Reads the whole body. Resolves to a string if the body is still the string it was made from
  // (the fast path), otherwise to a Uint8Array.
  async function consume(state) {
    if (state === null) return new Uint8Array(0);
    if (state.used || (state.stream !== null && (state.stream.locked || isDisturbed(state.stream)))) {
      throw new TypeError(USED);
    }
    state.used = true;
    if (state.stream === null && !(ReadableStream && state.source instanceof ReadableStream)) {
      return state.source;
    }
    const handle = state.stream === null ? undefined : hostHandles.get(state.stream);
    if (handle !== undefined) { // an untouched incoming body: read whole on the Java side
      return new Promise((resolve, reject) => handle.readAll((bytes, error) => {
        if (error !== null && error !== undefined) reject(new TypeError("Network connection lost: " + error));
        else resolve(fromHost(bytes));
      }));
    }
    const reader = bodyStream(state).getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = toBytes(value);
      chunks.push(chunk);
      total += chunk.byteLength;
    }
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(total);
    let off = 0;
    for (const c of chunks) { out.set(c, off); off += c.byteLength; }
    return out;
  }
  const consumeBody = consume;

  function toBytes(value) {
    if (value instanceof Uint8Array) return value;
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    throw new TypeError("This ReadableStream did not return bytes.");
  }

  const asText = (r) => (typeof r === "string" ? r : decoder.decode(r));
  const asBytes = (r) => (typeof r === "string" ? utf8.encode(r) : r.byteOffset === 0 && r.byteLength === r.buffer.byteLength ? r : r.slice());

  // Adds text/json/arrayBuffer/bytes/body/bodyUsed to a class; `stateOf(obj)` returns its BodyState
  // (and throws TypeError for a foreign object, which is the brand check).
  const installBodyMixin = function installBodyMixin(cls, stateOf) {
    const methods = {
      async text() { return asText(await consume(stateOf(this))); },
      async json() { return JSON.parse(asText(await consume(stateOf(this)))); },
      async arrayBuffer() {
        const b = asBytes(await consume(stateOf(this)));
        return b.buffer.byteLength === b.byteLength ? b.buffer : b.slice().buffer;
      },
      async bytes() { return asBytes(await consume(stateOf(this))); },
    };
    if ($.bodyBlob) methods.blob = async function blob() { return $.bodyBlob(asBytes(await consume(stateOf(this))), this.headers.get("content-type")); };
    if ($.bodyFormData) methods.formData = async function formData() { return $.bodyFormData(await consume(stateOf(this)), this.headers.get("content-type")); };
    for (const [name, fn] of Object.entries(methods)) {
      Object.defineProperty(cls.prototype, name, { value: fn, writable: true, configurable: true, enumerable: true });
    }
    guardIo(cls, Object.keys(methods)); // reading a body is I/O: refused at top level
    Object.defineProperty(cls.prototype, "body", {
      get() { return bodyStream(stateOf(this)); }, configurable: true, enumerable: true,
    });
    Object.defineProperty(cls.prototype, "bodyUsed", {
      get() { return bodyUsed(stateOf(this)); }, configurable: true, enumerable: true,
    });
  };

  // A clone shares an immutable string/bytes source; a stream is teed and the original keeps one branch.
  const cloneBody = function cloneBody(state) {
    if (state === null) return null;
    if (bodyUsed(state)) throw new TypeError(USED);
    if (state.stream === null && !(ReadableStream && state.source instanceof ReadableStream)) {
      return new BodyState(state.source, state.length);
    }
    const [a, b] = bodyStream(state).tee();
    state.stream = a;
    state.source = a;
    return new BodyState(b, state.length);
  };

  // A request body that Java streams in on demand: one chunk per pull, so a slow reader slows the socket.
  // Streams over a host request body, with their handle (consume's whole-body fast path).
  const hostHandles = new WeakMap();
  const hostBodyStream = function hostBodyStream(handle) {
    const stream = new ReadableStream({
      type: byteType(),
      pull(controller) {
        return new Promise((resolve) => {
          handle.readBody((chunk, error) => {
            if (error !== null && error !== undefined) controller.error(new TypeError("Network connection lost: " + error));
            else if (chunk === null || chunk === undefined) controller.close();
            else controller.enqueue(fromHost(chunk));
            resolve();
          });
        });
      },
    }, { highWaterMark: 0 });
    hostHandles.set(stream, handle);
    return stream;
  };

  return {
    BodyState, EMPTY_BODY, extractBody, hasKnownLength, markKnownLength,
    bodyStream, bodyUsed, consumeBody, toBytes, installBodyMixin, cloneBody, hostBodyStream
  };
})
