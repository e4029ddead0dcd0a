// node:http (enable_nodejs_http_modules, on with nodejs_compat from 2025-08-15): Node's HTTP client
// over fetch() (request, get), its messages and Agent, and the server classes (_http_server).
import { Agent, globalAgent } from "node:_http_agent";
import { ClientRequest } from "node:_http_client";
import { IncomingMessage } from "node:_http_incoming";
import { OutgoingMessage, validateHeaderName, validateHeaderValue } from "node:_http_outgoing";
import { methods as METHODS } from "node:_http_common";
import { Server, ServerResponse, _connectionListener, STATUS_CODES } from "node:_http_server";
export { Agent, globalAgent, ClientRequest, IncomingMessage, OutgoingMessage, validateHeaderName, validateHeaderValue,
  METHODS, STATUS_CODES, Server, ServerResponse, _connectionListener };

export const maxHeaderSize = 16384;
export function setMaxIdleHTTPParsers() {}
export function request(url, options, cb) { return new ClientRequest(url, options, cb); }
export function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}
export function createServer(options, requestListener) { return new Server(options, requestListener); }
export const WebSocket = globalThis.WebSocket;
export const CloseEvent = globalThis.CloseEvent;
export const MessageEvent = globalThis.MessageEvent;
export default { _connectionListener, METHODS, STATUS_CODES, Agent, ClientRequest, IncomingMessage, OutgoingMessage,
  Server, ServerResponse, createServer, validateHeaderName, validateHeaderValue, get, request, setMaxIdleHTTPParsers,
  maxHeaderSize, globalAgent, WebSocket, CloseEvent, MessageEvent };
