// web/fetch/fetch.js: the global fetch(). It builds a Request, sends it one hop at a time through the
// host (ops.fetch, the Simulator's outbound seam), follows redirects the way workerd does, and
// returns a Response whose body streams in from the host one chunk per pull.
// imports: runtime/internal, web/events/events, web/encoding/encoding, web/url/url, web/streams/streams
// imports: web/fetch/headers, web/fetch/body, web/fetch/request, web/fetch/response
(function (ops, $, imports) {
  "use strict";
  const {
    utf8,
    ReadableByteStreamController, currentInvocation, requireRequestContext, Request, DOMException, URL,
    headerEntries, requestBodyState, bodyUsed, bodyStream, toBytes, responseFromHost, ReadableStream,
    fromHost, expose
  } = imports;
  const host = ops.fetch;
  const MAX_REDIRECTS = 20;
  const REDIRECT = new Set([301, 302, 303, 307, 308]);
  const byteType = () => (ReadableByteStreamController ? "bytes" : undefined);
  const BAD_INPUT = "Failed to execute 'fetch' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'Request or string'.";
  const ONE_TIME_BODY = "A request with a one-time-use body (it was initialized from a stream, not a buffer) encountered a redirect requiring the body to be retransmitted. To avoid this error in the future, construct this request from a buffer-like body initializer.";


  function fetch(input, init = undefined) {
    if (arguments.length === 0) return Promise.reject(new TypeError(BAD_INPUT));
    return fetchVia(destination(), input, init);
  }

  // Where the running invocation's subrequests go: its own route, or the isolate's.
  function destination() {
    const routed = currentInvocation(); // runtime/internal.js: the dispatched invocation running, if any
    return routed !== undefined && routed.fetch !== null ? routed.fetch : host;
  }
  const fetchDestination = destination; // web/websocket/websocket.js: new WebSocket(url)

  // A fetch through another destination with the same ops shape (a service binding's worker).
  function fetchVia(destination, input, init) {
    let request;
    try {
      requireRequestContext();
      request = new Request(input, init);
    } catch (err) {
      return Promise.reject(err); // workerd rejects, it never throws synchronously
    }
    if ($.isWebSocketUpgrade(request)) return $.webSocketFetch(request, destination); // web/websocket/websocket.js
    return new Promise((resolve, reject) => new Fetch(destination, request, resolve, reject).begin());
  }

  // The signal's reason as workerd rejects with it: DOMExceptions and Errors as they are, anything else wrapped.
  function abortError(reason) {
    return reason instanceof Error || reason instanceof DOMException ? reason : new Error(String(reason));
  }

  // One fetch() call across its redirect hops.
  class Fetch {
    constructor(destination, request, resolve, reject) {
      this.host = destination;
      this.request = request;
      this.resolve = resolve;
      this.reject = reject;
      this.settled = false;
      this.call = null;           // the Java FetchCall of the current hop
      this.reader = null;         // the request body stream's reader, if streamed
      this.responseController = null;
      this.bodyDone = false;
      this.signal = request.signal;
      this.onAbort = () => this.abort();
    }

    begin() {
      try {
        this.start();
      } catch (err) {
        this.fail(err);
      }
    }

    start() {
      const r = this.request;
      if (this.signal.aborted) { this.fail(abortError(this.signal.reason)); return; }
      const url = new URL(r.url);
      if (url.protocol === "data:") { this.dataUrl(r.url); return; }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        this.fail(new TypeError(`Fetch API cannot load: ${r.url}`));
        return;
      }
      this.signal.addEventListener("abort", this.onAbort);
      this.method = r.method;
      this.url = stripFragment(r.url);
      this.headers = headerEntries(r.headers).map((e) => [e[0], e[1]]).filter((e) => e[0] !== "host");
      if (r.cache !== undefined) { // no-store and no-cache both ask the origin not to serve from a cache (recorded)
        if (!this.headers.some((e) => e[0] === "cache-control")) this.headers.push(["cache-control", "no-cache"]);
        if (!this.headers.some((e) => e[0] === "pragma")) this.headers.push(["pragma", "no-cache"]);
      }
      this.takeBody(requestBodyState(r));
      this.visited = [this.url];
      this.hop();
    }

    // The body to send: bytes (replayable across redirects), a stream (one-time), or none.
    takeBody(state) {
      this.bytes = null;
      this.stream = null;
      if (state === null) return;
      if (state.used || bodyUsed(state)) throw new TypeError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");
      if (state.stream === null && typeof state.source === "string") this.bytes = utf8.encode(state.source);
      else if (state.stream === null && state.source instanceof Uint8Array) this.bytes = state.source;
      else this.stream = bodyStream(state);
      state.used = true;
      if (this.bytes !== null && !this.headers.some((e) => e[0] === "content-length")) {
        this.headers.push(["content-length", String(this.bytes.byteLength)]);
      }
    }

    hop() {
      let flat = "";
      for (const [k, v] of this.headers) flat += (flat ? "\0" : "") + k + "\0" + v;
      let streamLength = -1;
      if (this.stream !== null) {
        this.reader = this.stream.getReader();
        const declared = this.headers.find((e) => e[0] === "content-length");
        if (declared && /^\d+$/.test(declared[1])) streamLength = Number(declared[1]);
      }
      const b = this.bytes;
      this.call = this.host.send(this.method, this.url, flat, b === null ? null : b.buffer, b === null ? 0 : b.byteOffset,
        b === null ? 0 : b.byteLength, this.stream !== null, streamLength, this.stream !== null ? (call) => this.pull(call) : null,
        (status, statusText, headers, hasBody, errName, errMessage) => {
          if (this.settled) return;
          if (errName !== null && errName !== undefined) { this.fail(makeError(errName, errMessage)); return; }
          try {
            this.onHead(status, statusText, headers, hasBody);
          } catch (err) {
            this.call.cancel();
            this.fail(err);
          }
        });
    }

    // Java asks for the next chunk of the request body.
    pull(call) {
      const reader = this.reader;
      reader.read().then(({ done, value }) => {
        if (done) { call.pushEnd(); return; }
        const bytes = toBytes(value);
        call.push(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      }, (err) => call.pushError(String(err && err.message !== undefined ? err.message : err)))
        .catch((err) => call.pushError(String(err)));
    }

    onHead(status, statusText, headers, hasBody) { // headers: the host's HeaderList
      if (this.request.redirect === "follow" && REDIRECT.has(status)) {
        const location = headers.get("location");
        if (location !== null) {
          this.call.cancel(); // the redirect's own body is never read
          this.redirect(status, location);
          return;
        }
      }
      const body = hasBody ? this.responseStream(this.call) : null;
      const gzip = body !== null && (headers.get("content-encoding") || "").trim().toLowerCase() === "gzip";
      const response = responseFromHost(status, statusText, headers, this.url, this.visited.length > 1, body, gzip,
        headers.has("content-length"));
      this.settled = true;
      if (body === null) this.finish();
      this.resolve(response);
    }

    redirect(status, location) {
      let next;
      try {
        next = new URL(location, this.url);
      } catch {
        throw new TypeError("Invalid Location header; unable to follow redirect.");
      }
      if (next.protocol !== "http:" && next.protocol !== "https:") throw new TypeError(`Fetch API cannot load: ${next.href}`);
      if (this.visited.length > MAX_REDIRECTS) throw new TypeError("Too many redirects." + this.visited.join(", "));
      // 303 turns anything but HEAD into a body-less GET; 301/302 do that to POST only (as browsers do).
      if ((status === 303 && this.method !== "HEAD") || ((status === 301 || status === 302) && this.method === "POST")) {
        this.method = "GET";
        this.bytes = null;
        this.stream = null;
        this.headers = this.headers.filter((e) => e[0] !== "content-length");
      } else if (this.stream !== null) {
        throw new TypeError(ONE_TIME_BODY);
      }
      const nextUrl = stripFragment(next.href);
      if (new URL(nextUrl).origin !== new URL(this.url).origin) {
        this.headers = this.headers.filter((e) => e[0] !== "authorization");
      }
      this.url = nextUrl;
      this.visited.push(nextUrl);
      this.hop();
    }

    // The response body, one host chunk per pull.
    responseStream(call) {
      const self = this;
      return new ReadableStream({
        type: byteType(),
        start(controller) { self.responseController = controller; },
        pull(controller) {
          return new Promise((resolve) => {
            call.read((chunk, error) => {
              if (error !== null && error !== undefined) {
                controller.error(new Error(error));
                self.finish();
              } else if (chunk === null || chunk === undefined) {
                controller.close();
                self.finish();
              } else {
                controller.enqueue(fromHost(chunk));
              }
              resolve();
            });
          });
        },
        cancel() {
          call.cancel();
          self.finish();
        },
      }, { highWaterMark: 0 });
    }

    // The signal fired: before the response, reject; after it, error the body still streaming.
    abort() {
      const reason = abortError(this.signal.reason);
      if (this.call !== null) this.call.abort();
      if (this.reader !== null) this.reader.cancel(reason).catch(() => {});
      if (!this.settled) {
        this.fail(reason);
      } else if (this.responseController !== null && !this.bodyDone) {
        try { this.responseController.error(reason); } catch { /* already closed */ }
        this.finish();
      }
    }

    fail(err) {
      if (this.settled) return;
      this.settled = true;
      this.finish();
      if (this.reader !== null) this.reader.cancel(err).catch(() => {});
      this.reject(err);
    }

    finish() {
      this.bodyDone = true;
      this.signal.removeEventListener("abort", this.onAbort);
    }

    // data: URLs are answered locally, as workerd does (url "" and the URL's media type).
    dataUrl(href) {
      const comma = href.indexOf(",");
      let meta = href.slice(5, comma < 0 ? href.length : comma);
      const data = comma < 0 ? "" : href.slice(comma + 1);
      let bytes;
      try {
        if (/;base64$/i.test(meta)) {
          meta = meta.slice(0, -7);
          bytes = Uint8Array.from(atob(decodeURIComponent(data)), (c) => c.charCodeAt(0));
        } else {
          bytes = percentDecode(data);
        }
      } catch {
        this.fail(new TypeError(`Fetch API cannot load: ${href}`));
        return;
      }
      const type = meta.trim() === "" ? "text/plain;charset=US-ASCII" : meta.trim();
      const body = new ReadableStream({ type: byteType(), start(c) { if (bytes.byteLength > 0) c.enqueue(bytes); c.close(); } });
      this.settled = true;
      this.resolve(responseFromHost(200, "OK", "content-type\0" + type, "", false, body));
    }
  }

  function percentDecode(s) {
    const out = [];
    const raw = utf8.encode(s);
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c === 0x25 && i + 2 < raw.length && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(raw[i + 1], raw[i + 2]))) {
        out.push(parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
        i += 2;
      } else {
        out.push(c);
      }
    }
    return new Uint8Array(out);
  }

  function stripFragment(url) {
    const i = url.indexOf("#");
    return i < 0 ? url : url.slice(0, i);
  }

  function makeError(name, message) {
    const ctor = name === "TypeError" ? TypeError : name === "RangeError" ? RangeError : Error;
    return new ctor(message);
  }

  Object.defineProperty(fetch, "name", { value: "fetch" });
  const fetchError = makeError; // web/websocket/websocket.js: a failed upgrade subrequest rejects the same way
  expose("fetch", fetch);

  return { fetchDestination, fetch, fetchVia, fetchError };
})
