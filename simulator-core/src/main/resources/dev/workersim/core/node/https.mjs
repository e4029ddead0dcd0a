// node:https (enable_nodejs_http_modules): node:http's client with https: as its protocol and 443 as
// its port (fetch() does the TLS).
import { Agent as HttpAgent } from "node:_http_agent";
import { ClientRequest } from "node:_http_client";
import { Server as HttpServer } from "node:_http_server";

export class Agent extends HttpAgent {
  constructor(options) {
    super({ defaultPort: 443, protocol: "https:", ...options });
  }
}
export const globalAgent = new Agent();
export class Server extends HttpServer {}
export function createServer(options, requestListener) { return new Server(options, requestListener); }
export function request(url, options, cb) {
  if (typeof url !== "string" && !(url instanceof URL)) return new ClientRequest({ _defaultAgent: globalAgent, ...url }, options);
  if (typeof options === "function") cb = options, options = undefined;
  return new ClientRequest(url, { _defaultAgent: globalAgent, ...options }, cb);
}
export function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}
export default { Agent, globalAgent, Server, createServer, get, request };
