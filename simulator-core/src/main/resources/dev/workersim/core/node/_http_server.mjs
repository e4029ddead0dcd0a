// node:_http_server (enable_nodejs_http_server_modules): Server and ServerResponse. A worker cannot
// accept connections, so a Server's listen() receives nothing (workerd routes fetch events to one
// through cloudflare:node's httpServerHandler, which workersim does not have yet).
import { Server as NetServer } from "node:net";
import { OutgoingMessage } from "node:_http_outgoing";
export const STATUS_CODES = {"100": "Continue", "101": "Switching Protocols", "102": "Processing", "103": "Early Hints", "200": "OK", "201": "Created", "202": "Accepted", "203": "Non-Authoritative Information", "204": "No Content", "205": "Reset Content", "206": "Partial Content", "207": "Multi-Status", "208": "Already Reported", "226": "IM Used", "300": "Multiple Choices", "301": "Moved Permanently", "302": "Found", "303": "See Other", "304": "Not Modified", "305": "Use Proxy", "307": "Temporary Redirect", "308": "Permanent Redirect", "400": "Bad Request", "401": "Unauthorized", "402": "Payment Required", "403": "Forbidden", "404": "Not Found", "405": "Method Not Allowed", "406": "Not Acceptable", "407": "Proxy Authentication Required", "408": "Request Timeout", "409": "Conflict", "410": "Gone", "411": "Length Required", "412": "Precondition Failed", "413": "Payload Too Large", "414": "URI Too Long", "415": "Unsupported Media Type", "416": "Range Not Satisfiable", "417": "Expectation Failed", "418": "I'm a Teapot", "421": "Misdirected Request", "422": "Unprocessable Entity", "423": "Locked", "424": "Failed Dependency", "425": "Too Early", "426": "Upgrade Required", "428": "Precondition Required", "429": "Too Many Requests", "431": "Request Header Fields Too Large", "451": "Unavailable For Legal Reasons", "500": "Internal Server Error", "501": "Not Implemented", "502": "Bad Gateway", "503": "Service Unavailable", "504": "Gateway Timeout", "505": "HTTP Version Not Supported", "506": "Variant Also Negotiates", "507": "Insufficient Storage", "508": "Loop Detected", "509": "Bandwidth Limit Exceeded", "510": "Not Extended", "511": "Network Authentication Required"};

export const kServerResponse = Symbol("ServerResponse");
export const kConnectionsCheckingInterval = Symbol("http.server.connectionsCheckingInterval");

export function ServerResponse(req, options) {
  if (!(this instanceof ServerResponse)) return new ServerResponse(req, options);
  OutgoingMessage.call(this, options);
  this.req = req;
  this.statusCode = 200;
  this.statusMessage = undefined;
  this.sendDate = true;
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);
ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, headers) {
  if (typeof reason !== "string") headers = reason, reason = undefined;
  this.statusCode = statusCode;
  if (reason !== undefined) this.statusMessage = reason;
  if (Array.isArray(headers)) for (let i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
  else if (headers) for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
  return this;
};
ServerResponse.prototype.writeContinue = function writeContinue() {};
ServerResponse.prototype.writeProcessing = function writeProcessing() {};
ServerResponse.prototype.writeEarlyHints = function writeEarlyHints() {};

export function storeHTTPOptions(options = {}) {
  this[kServerResponse] = options.ServerResponse ?? ServerResponse;
  this.maxHeaderSize = options.maxHeaderSize;
  this.requestTimeout = options.requestTimeout ?? 300000;
  this.headersTimeout = options.headersTimeout ?? 60000;
  this.requireHostHeader = options.requireHostHeader ?? true;
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;
  this.rejectNonStandardBodyWrites = options.rejectNonStandardBodyWrites ?? false;
}
export function setupConnectionsTracking() {}
export function httpServerPreClose(server) { server.closeIdleConnections?.(); }
export function _connectionListener() {}

export class Server extends NetServer {
  constructor(options, requestListener) {
    if (typeof options === "function") requestListener = options, options = {};
    super();
    storeHTTPOptions.call(this, options ?? {});
    this.timeout = 0;
    this.maxHeadersCount = null;
    this.maxRequestsPerSocket = 0;
    this.keepAliveTimeout = 5000;
    if (requestListener) this.on("request", requestListener);
  }
  setTimeout(ms, cb) { this.timeout = ms; if (cb) this.on("timeout", cb); return this; }
  closeAllConnections() {}
  closeIdleConnections() {}
}
export default { STATUS_CODES, Server, ServerResponse, setupConnectionsTracking, storeHTTPOptions, _connectionListener,
  kServerResponse, httpServerPreClose, kConnectionsCheckingInterval };
