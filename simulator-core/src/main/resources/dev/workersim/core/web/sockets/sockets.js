// web/sockets/sockets.js: connect() and Socket, what `cloudflare:sockets` exports (web/sockets/
// cloudflare-sockets.mjs). A socket is opened through the fetch seam (ops.fetch.openSocket, the
// invocation's own route when it has one), so an outbound Worker refuses it as in production.
// imports: runtime/internal, web/encoding/encoding, web/url/url, web/streams/streams, web/fetch/fetch
(function (ops, $, imports) {
  "use strict";
  const { idl, requireRequestContext, fromHost, toByteSource, utf8, URL, ReadableStream, WritableStream,
    fetchDestination } = imports;

  // workerd's messages (measured under wrangler dev 4.168).
  const NO_ADDRESS = "Cannot initialize SocketAddress with required members from an undefined or null value.";
  const NO_OPTIONS = "Cannot initialize SocketOptions with required members from an undefined or null value.";
  const BAD_OPTIONS = "Failed to execute 'connect' on 'SocketsModule': parameter 2 is not of type 'SocketOptions'.";
  const UNPARSABLE = "Specified address could not be parsed.";
  const NO_HOSTNAME = "Specified address is missing hostname.";
  const NO_PORT = "Specified address is missing port.";
  const BAD_HOST = "Specified address is empty string, contains unsupported characters or is too long.";
  const PROXY_FAILED = "proxy request failed, cannot connect to the specified address";
  const TRY_FETCH = ". It looks like you might be trying to connect to a HTTP-based service — consider using fetch instead";
  const NOT_STARTTLS = "The `secureTransport` socket option must be set to 'starttls' for startTls to be used.";
  const ALREADY_TLS = "Cannot startTls on a TLS socket.";
  const TLS_TWICE = "startTls has already been called on this socket, or the socket was transferred over RPC.";
  const READ_CLOSING = "This ReadableStream belongs to an object that is closing.";
  const WRITE_CLOSING = "This WritableStream belongs to an object that is closing.";
  const WRITE_CLOSED = "This WritableStream has been closed.";
  const TRANSPORTS = new Set(["off", "on", "starttls"]);

  // A port as WebIDL's unsigned short with workerd's range checks.
  function toPort(value) {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new TypeError("The value cannot be converted because it is not an integer.");
    if (n < 0) throw new TypeError("The value cannot be converted because it is negative and this API expects a positive number.");
    if (n > 65535) throw new TypeError("Value out of range. Must be less than or equal to 65535.");
    return n;
  }

  // { address: "host:port" as workerd names it, hostname (no IPv6 brackets), port }.
  function parseAddress(address) {
    if (address === undefined || address === null) throw new TypeError(NO_ADDRESS);
    let hostname, port, text;
    if (typeof address === "object") {
      hostname = String(address.hostname);
      port = toPort(address.port);
      text = hostname + ":" + port;
    } else {
      text = String(address);
      if (text === "") throw new TypeError(NO_HOSTNAME);
      let url;
      try { url = new URL("https://" + text); } catch { throw new TypeError(UNPARSABLE); }
      if (url.hostname === "") throw new TypeError(NO_HOSTNAME);
      hostname = url.hostname;
      // The URL parser drops https's default port; workerd still connects to an explicit ":443".
      if (url.port !== "") port = Number(url.port);
      else if (/:0*443$/.test(text)) port = 443;
      else throw new TypeError(NO_PORT);
    }
    if (text.length > 255 || !/^[A-Za-z0-9\-._[\]:]+$/.test(text)) throw new TypeError(BAD_HOST);
    return { address: text, hostname: hostname.replace(/^\[(.*)\]$/, "$1"), port };
  }

  function parseOptions(options) {
    if (options === undefined) return { secureTransport: "off", allowHalfOpen: false };
    if (options === null) throw new TypeError(NO_OPTIONS);
    if (typeof options !== "object" && typeof options !== "function") throw new TypeError(BAD_OPTIONS);
    const st = options.secureTransport === undefined ? "off" : String(options.secureTransport);
    if (!TRANSPORTS.has(st)) throw new TypeError("Unsupported value in secureTransport socket option: " + st);
    return { secureTransport: st, allowHalfOpen: Boolean(options.allowHalfOpen) };
  }

  const settle = () => {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    promise.catch(() => {}); // workerd marks both promises handled: an unread failure is no unhandled rejection
    return { promise, resolve, reject };
  };

  const bytesOf = (chunk) => {
    if (typeof chunk === "string") return utf8.encode(chunk);
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    throw new TypeError("This WritableStream only supports writing byte types.");
  };

  class Socket {
    #call; #target; #options; #opened = settle(); #closed = settle();
    #readable; #writable; #readController = null; #writeController = null;
    #ended = false;        // the far end closed (without allowHalfOpen: the whole socket did)
    #closing = false;      // close() was called
    #tlsStarted = false;
    #failure = null;       // why the connection failed: later writes reject with it
    #secureTransport;

    // `target`: what parseAddress returned; `open(onOpen)` asks the host for the connection and
    // returns its Java TcpSocketCall (it stays in this object, out of user code's reach).
    constructor(key, target, options, secureTransport, open) {
      if (key !== CONSTRUCT) throw new TypeError("Illegal constructor");
      this.#target = target;
      this.#options = options;
      this.#secureTransport = secureTransport;
      const self = this;
      this.#readable = new ReadableStream({
        start(controller) { self.#readController = controller; },
        pull(controller) { return self.#pull(controller); },
        cancel() { /* workerd keeps the socket open: only close() or the far end closes it */ },
      }, { highWaterMark: 0 });
      this.#writable = new WritableStream({
        start(controller) { self.#writeController = controller; },
        write(chunk) { return self.#write(chunk); },
        close() { if (!self.#ended) self.#call.shutdown(); },
      });
      this.#call = open((ok, errorName, errorMessage) => this.#opening(ok, errorName, errorMessage));
    }

    // The answer to the connection: open, or refused (`errorName` null: a network failure).
    #opening(ok, errorName, errorMessage) {
      if (ok) {
        this.#opened.resolve({ remoteAddress: this.#target.address });
        return;
      }
      const err = errorName === null
        ? new Error(PROXY_FAILED + (this.#target.port === 80 || this.#target.port === 443 ? TRY_FETCH : ""))
        : new (errorName === "TypeError" ? TypeError : errorName === "RangeError" ? RangeError : Error)(errorMessage);
      this.#failure = err;
      this.#ended = true;
      this.#opened.reject(err);
      this.#closed.reject(err);
      try { this.#readController.close(); } catch { /* already done */ }
    }

    #pull(controller) {
      if (this.#ended) { controller.close(); return undefined; }
      return new Promise((resolve) => {
        this.#call.read((chunk, error) => {
          if (this.#closing) { resolve(); return; }
          if (error !== null && error !== undefined) {
            controller.error(new Error(error));
            this.#closed.reject(new Error(error));
          } else if (chunk === null || chunk === undefined) {
            controller.close();
            this.#farEndClosed();
          } else {
            controller.enqueue(fromHost(chunk));
          }
          resolve();
        });
      });
    }

    // The far end closed its side. Without allowHalfOpen the socket closes with it, as workerd's.
    #farEndClosed() {
      if (this.#options.allowHalfOpen) return;
      this.#ended = true;
      this.#closed.resolve(undefined);
    }

    #write(chunk) {
      if (this.#failure !== null) return Promise.reject(new Error("jsg.Error: " + this.#failure.message));
      if (this.#ended) return Promise.reject(new TypeError(WRITE_CLOSED));
      const [buffer, offset, length] = toByteSource(bytesOf(chunk));
      return new Promise((resolve, reject) => this.#call.write(buffer, offset, length, (error) => {
        if (error === null || error === undefined) resolve();
        else reject(new Error(error));
      }));
    }

    get readable() { return this.#readable; }
    get writable() { return this.#writable; }
    get closed() { return this.#closed.promise; }
    get opened() { return this.#opened.promise; }
    get upgraded() { return false; }
    get secureTransport() { return this.#secureTransport; }

    close() {
      if (!this.#closing) {
        this.#closing = true;
        this.#ended = true;
        this.#call.close();
        try { this.#readController.error(new TypeError(READ_CLOSING)); } catch { /* closed already */ }
        try { this.#writeController.error(new TypeError(WRITE_CLOSING)); } catch { /* closed already */ }
        this.#closed.resolve(undefined);
      }
      return this.#closed.promise.then(() => undefined, () => undefined);
    }

    startTls(options = undefined) {
      if (this.#secureTransport === "on") throw new TypeError(ALREADY_TLS);
      if (this.#tlsStarted) throw new TypeError(TLS_TWICE);
      if (this.#secureTransport !== "starttls") throw new TypeError(NOT_STARTTLS);
      this.#tlsStarted = true;
      const expected = options != null && options.expectedServerHostname !== undefined
        ? String(options.expectedServerHostname) : this.#target.hostname;
      // This socket ends here (its closed resolves); the new one carries the encrypted stream.
      this.#ended = true;
      this.#closed.resolve(undefined);
      return new Socket(CONSTRUCT, this.#target, this.#options, "on", (onOpen) => this.#call.startTls(expected, onOpen));
    }
  }
  idl(Socket);
  const CONSTRUCT = Symbol("Socket");

  function connect(address, options = undefined) {
    requireRequestContext();
    const target = parseAddress(address);
    const opts = parseOptions(options);
    const host = fetchDestination(); // the invocation's route (an outbound Worker refuses sockets), or the isolate's
    return new Socket(CONSTRUCT, target, opts, opts.secureTransport,
      (onOpen) => host.openSocket(target.hostname, target.port, opts.secureTransport === "on", onOpen));
  }

  return { connect, Socket };
})
