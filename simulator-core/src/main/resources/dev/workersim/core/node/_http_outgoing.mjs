// node:_http_outgoing (enable_nodejs_http_modules): OutgoingMessage, the header store and body
// writer that ClientRequest and ServerResponse share, and Node's header checks.
import { Writable } from "node:stream";
import { Buffer } from "node:buffer";
import { _checkIsHttpToken, _checkInvalidHeaderChar } from "node:_http_common";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:_http_outgoing was loaded outside the workersim runtime");
const { nodeError } = node;

export const kHighWaterMark = Symbol("kHighWaterMark");
export const kUniqueHeaders = Symbol("kUniqueHeaders");

export function validateHeaderName(name, label = "Header name") {
  if (typeof name !== "string" || !name || !_checkIsHttpToken(name)) {
    throw nodeError(TypeError, "ERR_INVALID_HTTP_TOKEN", `${label} must be a valid HTTP token ["${name}"]`);
  }
}
export function validateHeaderValue(name, value) {
  if (value === undefined) {
    throw nodeError(TypeError, "ERR_HTTP_INVALID_HEADER_VALUE", `Invalid value "${value}" for header "${name}"`);
  }
  if (_checkInvalidHeaderChar(String(value))) {
    throw nodeError(TypeError, "ERR_INVALID_CHAR", `Invalid character in header content ["${name}"]`);
  }
}
export function parseUniqueHeadersOption(headers) {
  if (!Array.isArray(headers)) return null;
  return new Set(headers.map((h) => h.toLowerCase()));
}

// Headers keep the case they were set with (Node sends them so) beside a lower-case index.
export function OutgoingMessage(options) {
  if (!(this instanceof OutgoingMessage)) return new OutgoingMessage(options);
  // Finishing the body is not the end of the message: a request still waits for its response.
  Writable.call(this, { autoDestroy: false, ...options });
  this._headers = new Map(); // lower-case name -> [name as set, value]
  this._bodyChunks = [];
  this.headersSent = false;
  this.finished = false;
  this.sendDate = false;
  this[kUniqueHeaders] = parseUniqueHeadersOption(options?.uniqueHeaders);
}
Object.setPrototypeOf(OutgoingMessage.prototype, Writable.prototype);
Object.setPrototypeOf(OutgoingMessage, Writable);

OutgoingMessage.prototype.setHeader = function setHeader(name, value) {
  if (this.headersSent) throw nodeError(Error, "ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent to the client");
  validateHeaderName(name);
  validateHeaderValue(name, value);
  this._headers.set(name.toLowerCase(), [name, value]);
  return this;
};
OutgoingMessage.prototype.appendHeader = function appendHeader(name, value) {
  const existing = this.getHeader(name);
  if (existing === undefined) return this.setHeader(name, value);
  return this.setHeader(name, [].concat(existing, value));
};
OutgoingMessage.prototype.getHeader = function getHeader(name) { return this._headers.get(String(name).toLowerCase())?.[1]; };
OutgoingMessage.prototype.hasHeader = function hasHeader(name) { return this._headers.has(String(name).toLowerCase()); };
OutgoingMessage.prototype.removeHeader = function removeHeader(name) {
  if (this.headersSent) throw nodeError(Error, "ERR_HTTP_HEADERS_SENT", "Cannot remove headers after they are sent to the client");
  this._headers.delete(String(name).toLowerCase());
};
OutgoingMessage.prototype.getHeaderNames = function getHeaderNames() { return [...this._headers.keys()]; };
OutgoingMessage.prototype.getRawHeaderNames = function getRawHeaderNames() { return [...this._headers.values()].map(([n]) => n); };
OutgoingMessage.prototype.getHeaders = function getHeaders() {
  const out = Object.create(null);
  for (const [key, [, value]] of this._headers) out[key] = value;
  return out;
};
OutgoingMessage.prototype.flushHeaders = function flushHeaders() {};
OutgoingMessage.prototype.setTimeout = function setTimeout(ms, cb) { if (cb) this.once("timeout", cb); return this; };
// The body is kept whole: fetch() sends it when the message ends.
OutgoingMessage.prototype._write = function _write(chunk, encoding, cb) {
  this._bodyChunks.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
  cb();
};
OutgoingMessage.prototype._body = function _body() {
  return this._bodyChunks.length === 0 ? undefined : Buffer.concat(this._bodyChunks);
};
// The headers as fetch() takes them: a repeated header as one entry per value.
OutgoingMessage.prototype._headerList = function _headerList() {
  const list = [];
  for (const [name, value] of this._headers.values()) {
    for (const v of [].concat(value)) list.push([name, String(v)]);
  }
  return list;
};
export default { OutgoingMessage, validateHeaderName, validateHeaderValue, parseUniqueHeadersOption, kHighWaterMark,
  kUniqueHeaders };
