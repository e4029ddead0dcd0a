// web/request.js: Request. Incoming requests are built by $.incomingRequest from what Java passes,
// without re-parsing the URL or splitting headers until user code looks.
(function (ops, $) {
  "use strict";
  const kInternal = Symbol("internal");
  const NORMALIZE = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"]);
  const FORBIDDEN_METHOD = new Set(["CONNECT", "TRACE", "TRACK"]);
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const REDIRECT_MODES = new Set(["follow", "manual", "error"]);

  class Request {
    #method = "GET";
    #url = "";
    #headers = null;
    #body = null;
    #redirect = "follow";
    #signal = null;
    #cf = undefined;
    #cfJson = null;
    #integrity = "";
    #keepalive = false;
    #cache = undefined;

    constructor(input, init = undefined) {
      if (input === kInternal) return;
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
      init = init ?? {};
      let source = null;
      if (input instanceof Request) {
        source = input;
        this.#url = input.#url;
        this.#method = input.#method;
        this.#redirect = input.#redirect;
        this.#signal = input.#signal;
        this.#cf = input.cf;
        this.#integrity = input.#integrity;
        this.#keepalive = input.#keepalive;
      } else {
        let parsed;
        try {
          parsed = new $.URL(String(input));
        } catch {
          throw new TypeError(`Invalid URL: ${String(input)}`);
        }
        this.#url = parsed.href;
      }
      if (init.method !== undefined) {
        let m = String(init.method);
        if (!TOKEN.test(m)) throw new TypeError(`Invalid HTTP method string: ${m}`);
        const upper = m.toUpperCase();
        if (FORBIDDEN_METHOD.has(upper)) throw new TypeError(`Forbidden HTTP method: ${m}`);
        this.#method = NORMALIZE.has(upper) ? upper : m;
      }
      if (init.redirect !== undefined) {
        const r = String(init.redirect);
        if (!REDIRECT_MODES.has(r)) throw new TypeError(`Invalid redirect value, must be one of "follow" or "manual" ("error" won't be implemented since it does not make sense at the edge; use "manual" and check the response status code).`);
        this.#redirect = r;
      }
      if (init.signal !== undefined) this.#signal = init.signal;
      if (init.cf !== undefined) this.#cf = init.cf;
      if (init.integrity !== undefined) this.#integrity = String(init.integrity);
      if (init.keepalive !== undefined) this.#keepalive = !!init.keepalive;
      if (init.cache !== undefined) {
        throw new TypeError("The 'cache' field on 'RequestInitializerDict' is not implemented.");
      }
      this.#headers = new $.Headers(init.headers !== undefined ? init.headers : source ? source.headers : undefined);

      let body = null;
      if (init.body !== undefined && init.body !== null) {
        if (this.#method === "GET" || this.#method === "HEAD") {
          throw new TypeError("Request with a GET or HEAD method cannot have a body.");
        }
        const [state, contentType] = $.extractBody(init.body);
        body = state;
        if (contentType !== null && !this.#headers.has("content-type")) this.#headers.set("content-type", contentType);
      } else if (source !== null && source.#body !== null && init.body === undefined) {
        // The new request takes over the source's body, which is then "used".
        if ($.bodyUsed(source.#body)) throw new TypeError("Cannot reconstruct a Request with a used body.");
        if (this.#method === "GET" || this.#method === "HEAD") {
          throw new TypeError("Request with a GET or HEAD method cannot have a body.");
        }
        body = new $.BodyState($.bodyStream(source.#body), source.#body.length);
        source.#body.used = true;
      }
      this.#body = body;
      $.setHeadersGuard(this.#headers, "request");
    }

    static _state(r) {
      if (!(#body in r)) throw new TypeError("Illegal invocation");
      return r.#body;
    }

    // Built from what the host passes: a valid absolute URL, flat headers, an optional body stream.
    static _incoming(handle, method, url, headersFlat, hasBody, cfJson) {
      const r = new Request(kInternal);
      r.#method = method;
      r.#url = url;
      r.#headers = $.headersFromFlat(headersFlat, "immutable");
      r.#cfJson = cfJson;
      if (hasBody) r.#body = new $.BodyState($.hostBodyStream(handle), -1);
      return r;
    }

    get method() { return this.#method; }
    get url() { return this.#url; }
    get headers() { return this.#headers; }
    get redirect() { return this.#redirect; }
    get signal() {
      if (this.#signal === null) this.#signal = new $.AbortController().signal;
      return this.#signal;
    }
    get fetcher() { return null; }
    get cf() {
      if (this.#cfJson !== null) {
        this.#cf = JSON.parse(this.#cfJson);
        this.#cfJson = null;
      }
      return this.#cf;
    }
    get integrity() { return this.#integrity; }
    get keepalive() { return this.#keepalive; }
    get cache() { return this.#cache; }

    clone() {
      if (!(#body in this)) throw new TypeError("Illegal invocation");
      const r = new Request(kInternal);
      r.#method = this.#method;
      r.#url = this.#url;
      r.#headers = $.setHeadersGuard(new $.Headers(this.#headers), "request");
      r.#body = $.cloneBody(this.#body);
      r.#redirect = this.#redirect;
      r.#signal = this.#signal;
      r.#cf = this.cf;
      r.#integrity = this.#integrity;
      r.#keepalive = this.#keepalive;
      return r;
    }
  }
  const stateOf = Request._state;
  $.incomingRequest = Request._incoming;
  delete Request._state;
  delete Request._incoming;
  $.installBodyMixin(Request, stateOf);
  $.idl(Request, "Request");
  $.Request = Request;
  $.expose("Request", Request);
})
