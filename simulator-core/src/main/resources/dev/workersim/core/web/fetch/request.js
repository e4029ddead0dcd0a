// web/fetch/request.js: Request. Incoming requests are built by incomingRequest from what Java passes,
// without re-parsing the URL or splitting headers until user code looks.
// imports: runtime/internal, web/events/events, web/url/url, web/streams/streams, web/fetch/headers
// imports: web/fetch/body
(function (ops, $, imports) {
  "use strict";
  const {
    URL, Headers, extractBody, bodyUsed, ReadableStream, BodyState, bodyStream, setHeadersGuard,
    hostBodyStream, markKnownLength, AbortController, cloneBody, headersFromFlat,
    installBodyMixin, idl, expose
  } = imports;
  const kInternal = Symbol("internal");
  // The methods workerd knows (recorded); any other, CONNECT included, is an invalid method string.
  const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "PURGE", "OPTIONS", "TRACE", "COPY",
    "LOCK", "MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "ACL", "REPORT", "MKACTIVITY", "CHECKOUT",
    "MERGE", "MSEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "QUERY"]);
  // The fetch spec's case-insensitive ones; upper_case_all_http_methods (2024-10-14) extends that to every known method.
  const NORMALIZE = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const REDIRECT_MODES = new Set(["follow", "manual"]); // workerd rejects "error" (see the message below)

  // One private state object per Request (private fields are costly in the interpreter).
  function newState() {
    return {
      method: "GET", url: "", headers: null, hostHeaders: null, body: null, redirect: "follow", signal: null,
      cf: undefined, cfJson: null, integrity: "", keepalive: false, cache: undefined,
    };
  }

  // The modes workerd knows, each behind its compatibility flag (recorded: every other mode is refused).
  function cacheMode(value) {
    if (!$.compat.cache_option_enabled) throw new TypeError("The 'cache' field on 'RequestInitializerDict' is not implemented.");
    const mode = String(value);
    if (mode === "no-store" || (mode === "no-cache" && $.compat.cache_no_cache_enabled)) return mode;
    throw new TypeError(`Unsupported cache mode: ${mode}`);
  }

  class Request {
    #s;

    constructor(input, init = undefined) {
      const s = (this.#s = newState());
      if (input === kInternal) return;
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
      init = init ?? {};
      let source = null;
      if (input instanceof Request) {
        source = input.#s;
        s.url = source.url;
        s.method = source.method;
        s.redirect = source.redirect;
        s.signal = source.signal;
        s.cf = input.cf;
        s.integrity = source.integrity;
        s.keepalive = source.keepalive;
        s.cache = source.cache;
      } else {
        let parsed;
        try {
          parsed = new URL(String(input));
        } catch {
          throw new TypeError(`Invalid URL: ${String(input)}`);
        }
        s.url = parsed.href;
      }
      if (init.method !== undefined) {
        const m = String(init.method);
        if (!TOKEN.test(m)) throw new TypeError(`Invalid HTTP method string: ${m}`);
        const upper = m.toUpperCase();
        const method = $.compat.upper_case_all_http_methods || NORMALIZE.has(upper) ? upper : m;
        if (!KNOWN_METHODS.has(method)) throw new TypeError(`Invalid HTTP method string: ${m}`);
        s.method = method;
      }
      if (init.redirect !== undefined) {
        const r = String(init.redirect);
        if (!REDIRECT_MODES.has(r)) throw new TypeError(`Invalid redirect value, must be one of "follow" or "manual" ("error" won't be implemented since it does not make sense at the edge; use "manual" and check the response status code).`);
        s.redirect = r;
      }
      if (init.signal !== undefined) s.signal = init.signal;
      if (init.cf !== undefined) s.cf = init.cf;
      if (init.integrity !== undefined) s.integrity = String(init.integrity);
      if (init.keepalive !== undefined) s.keepalive = !!init.keepalive;
      if (init.cache !== undefined) s.cache = cacheMode(init.cache);
      s.headers = new Headers(init.headers !== undefined ? init.headers : source ? headersOf(source) : undefined);

      if (init.body !== undefined && init.body !== null) {
        if (s.method === "GET" || s.method === "HEAD") {
          throw new TypeError("Request with a GET or HEAD method cannot have a body.");
        }
        const [state, contentType] = extractBody(init.body);
        s.body = state;
        if (contentType !== null && !s.headers.has("content-type")) s.headers.set("content-type", contentType);
      } else if (source !== null && source.body !== null && init.body === undefined) {
        // The new request takes over the source's body, which is then "used".
        if (bodyUsed(source.body)) throw new TypeError("Cannot reconstruct a Request with a used body.");
        if (s.method === "GET" || s.method === "HEAD") {
          throw new TypeError("Request with a GET or HEAD method cannot have a body.");
        }
        const sb = source.body; // a string/bytes body stays one (fetch can then send its length)
        s.body = sb.stream === null && !(ReadableStream && sb.source instanceof ReadableStream)
          ? new BodyState(sb.source, sb.length) : new BodyState(bodyStream(sb), sb.length);
        source.body.used = true;
      }
      setHeadersGuard(s.headers, "request");
    }

    static _state(r) {
      if (!(#s in r)) throw new TypeError("Illegal invocation");
      return r.#s;
    }

    // Built from the host's IncomingRequest (a valid absolute URL, a HeaderList, whether a body
    // follows, cf as JSON text); the record itself stays here, out of user code's reach.
    static _incoming(handle, incoming) {
      const r = new Request(kInternal);
      const s = r.#s;
      s.method = incoming.method();
      s.url = incoming.url();
      s.hostHeaders = incoming.headers(); // split only if user code reads the headers
      s.cfJson = incoming.cfJson();
      // workerd's incoming requests redirect "manual" (recorded): fetch(request) passes a redirect on.
      s.redirect = "manual";
      if (incoming.hasBody()) {
        s.body = new BodyState(hostBodyStream(handle), -1);
        if (s.hostHeaders.has("content-length")) markKnownLength(s.body.source);
      }
      return r;
    }

    get method() { return this.#s.method; }
    get url() { return this.#s.url; }
    get headers() { return headersOf(this.#s); }
    get redirect() { return this.#s.redirect; }
    get signal() {
      const s = this.#s;
      if (s.signal === null) s.signal = new AbortController().signal;
      return s.signal;
    }
    get fetcher() { return null; }
    get cf() {
      const s = this.#s;
      if (s.cfJson !== null) {
        s.cf = JSON.parse(s.cfJson);
        s.cfJson = null;
      }
      return s.cf;
    }
    get integrity() { return this.#s.integrity; }
    get keepalive() { return this.#s.keepalive; }
    get cache() { return this.#s.cache; }

    clone() {
      const s = stateOf(this);
      const r = new Request(kInternal);
      Object.assign(r.#s, s);
      r.#s.headers = setHeadersGuard(new Headers(headersOf(s)), "request");
      r.#s.body = cloneBody(s.body);
      r.#s.cf = this.cf;
      r.#s.cfJson = null;
      return r;
    }
  }

  function headersOf(s) {
    if (s.headers === null) s.headers = headersFromFlat(s.hostHeaders, "immutable"); // flat text or a HeaderList
    return s.headers;
  }

  const stateOf = Request._state;
  const incomingRequest = Request._incoming;
  const requestBodyState = (r) => stateOf(r).body; // web/fetch/fetch.js sends a string/bytes body without a stream
  delete Request._state;
  delete Request._incoming;
  installBodyMixin(Request, (r) => stateOf(r).body);
  idl(Request, "Request");
  expose("Request", Request);

  return { incomingRequest, requestBodyState, Request };
})
