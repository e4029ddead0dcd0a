// node:_http_incoming (enable_nodejs_http_modules): IncomingMessage, a Readable of a response's (or
// request's) body with its status line and headers.
import { Readable } from "node:stream";

export function IncomingMessage(socket) {
  if (!(this instanceof IncomingMessage)) return new IncomingMessage(socket);
  Readable.call(this);
  this.socket = socket ?? null;
  this.httpVersionMajor = 1;
  this.httpVersionMinor = 1;
  this.httpVersion = "1.1";
  this.complete = false;
  this.rawHeaders = [];
  this.rawTrailers = [];
  this.headers = {};
  this.trailers = {};
  this.aborted = false;
  this.upgrade = false;
  this.url = "";
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);
IncomingMessage.prototype._read = function _read() {};
IncomingMessage.prototype.setTimeout = function setTimeout(ms, cb) { if (cb) this.once("timeout", cb); return this; };
Object.defineProperty(IncomingMessage.prototype, "headersDistinct", {
  get() {
    const out = Object.create(null);
    for (let i = 0; i < this.rawHeaders.length; i += 2) (out[this.rawHeaders[i].toLowerCase()] ??= []).push(this.rawHeaders[i + 1]);
    return out;
  },
  configurable: true,
});

// Node's joining rules: set-cookie stays a list, a few single-valued headers keep the first value,
// the rest join with ", ".
const FIRST_WINS = new Set(["content-type", "content-length", "user-agent", "referer", "host", "authorization",
  "proxy-authorization", "if-modified-since", "if-unmodified-since", "from", "location", "max-forwards",
  "retry-after", "etag", "last-modified", "server", "age", "expires"]);
IncomingMessage.prototype._setHeaders = function _setHeaders(pairs) {
  for (const [name, value] of pairs) {
    this.rawHeaders.push(name, value);
    const key = name.toLowerCase();
    if (key === "set-cookie") (this.headers[key] ??= []).push(value);
    else if (!(key in this.headers)) this.headers[key] = value;
    else if (!FIRST_WINS.has(key)) this.headers[key] += ", " + value;
  }
};
export default { IncomingMessage };
