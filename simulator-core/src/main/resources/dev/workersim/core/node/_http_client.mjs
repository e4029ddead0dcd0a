// node:_http_client (enable_nodejs_http_modules): ClientRequest, Node's HTTP client as workerd runs
// it: the request is sent with fetch() when it ends (its body written whole), and the response
// arrives as an IncomingMessage whose body streams from fetch's.
import { Buffer } from "node:buffer";
import { OutgoingMessage } from "node:_http_outgoing";
import { IncomingMessage } from "node:_http_incoming";
import { STATUS_CODES } from "node:_http_server";
import { globalAgent } from "node:_http_agent";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:_http_client was loaded outside the workersim runtime");
const { nodeError, invalidArgType } = node;

function urlToOptions(url) {
  return { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ""), port: url.port || undefined,
    path: url.pathname + url.search, auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined };
}

// (url, options, cb), (url, cb), (options, cb): one options object and the callback.
function normalizeRequestArgs(input, options, cb) {
  let opts;
  if (typeof input === "string") opts = urlToOptions(new URL(input));
  else if (input instanceof URL) opts = urlToOptions(input);
  else { cb = options; options = input; opts = {}; }
  if (typeof options === "function") { cb = options; options = undefined; }
  return [{ ...opts, ...options }, cb];
}

export function ClientRequest(input, options, cb) {
  if (!(this instanceof ClientRequest)) return new ClientRequest(input, options, cb);
  [options, cb] = normalizeRequestArgs(input, options, cb);
  OutgoingMessage.call(this);
  const agent = options.agent ?? (options._defaultAgent ?? globalAgent);
  const expected = agent?.protocol ?? "http:";
  const protocol = options.protocol ?? expected;
  if (protocol !== expected) {
    throw nodeError(TypeError, "ERR_INVALID_PROTOCOL", `Protocol "${protocol}" not supported. Expected "${expected}"`);
  }
  const method = (options.method ?? "GET").toUpperCase();
  if (typeof method !== "string") throw invalidArgType("options.method", "of type string", options.method);
  this.agent = agent;
  this.method = method;
  this.protocol = protocol;
  this.host = options.hostname ?? options.host?.replace(/:\d+$/, "") ?? "localhost";
  this.port = options.port ?? agent?.defaultPort ?? 80;
  this.path = options.path ?? "/";
  this.aborted = false;
  this.reusedSocket = false;
  this.maxHeadersCount = null;
  this.timeout = options.timeout;
  this._abort = new AbortController();
  const headers = options.headers;
  if (Array.isArray(headers)) for (let i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
  else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value);
  if (options.auth && !this.hasHeader("authorization")) {
    this.setHeader("Authorization", "Basic " + Buffer.from(options.auth).toString("base64"));
  }
  if (cb) this.once("response", cb);
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

ClientRequest.prototype._url = function _url() {
  const host = this.host.includes(":") ? `[${this.host}]` : this.host;
  return `${this.protocol}//${host}:${this.port}${this.path}`;
};

// Everything is written: send it, then hand the response over as it arrives.
ClientRequest.prototype._final = function _final(cb) {
  this.headersSent = true;
  const body = this.method === "GET" || this.method === "HEAD" ? undefined : this._body();
  fetch(this._url(), { method: this.method, headers: this._headerList(), body, redirect: "manual", signal: this._abort.signal })
    .then((response) => this._onResponse(response), (err) => {
      if (!this.aborted) this.destroy(err);
    })
    .catch((err) => this.destroy(err));
  cb();
};

ClientRequest.prototype._onResponse = function _onResponse(response) {
  const res = new IncomingMessage(null);
  res.req = this;
  res.statusCode = response.status;
  res.statusMessage = response.statusText || STATUS_CODES[response.status] || "";
  res._setHeaders(response.headers);
  this.res = res;
  // Nobody listens: Node reads and drops the body so the request can finish.
  if (!this.emit("response", res)) res.resume();
  const reader = response.body?.getReader();
  if (reader === undefined) {
    res.complete = true;
    res.push(null);
    return;
  }
  const pump = () => reader.read().then(({ value, done }) => {
    if (done) {
      res.complete = true;
      res.push(null);
      this.destroy();
      return;
    }
    res.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    return pump();
  }, (err) => res.destroy(err));
  pump();
};

ClientRequest.prototype.abort = function abort() {
  if (this.aborted) return;
  this.aborted = true;
  this._abort.abort();
  queueMicrotask(() => this.emit("abort"));
  this.destroy();
};
ClientRequest.prototype._destroy = function _destroy(err, cb) {
  if (!this.res?.complete) this._abort.abort();
  cb(err);
};
ClientRequest.prototype.setNoDelay = function setNoDelay() {};
ClientRequest.prototype.setSocketKeepAlive = function setSocketKeepAlive() {};
export default { ClientRequest };
