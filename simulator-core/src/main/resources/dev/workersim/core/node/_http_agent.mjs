// node:_http_agent (enable_nodejs_http_modules): Agent, the connection pool's options. Requests go
// through fetch(), which pools connections itself; an Agent only carries the defaults.
import { EventEmitter } from "node:events";

export class Agent extends EventEmitter {
  constructor(options = {}) {
    super();
    this.defaultPort = options.defaultPort ?? 80;
    this.protocol = options.protocol ?? "http:";
    this.options = { __proto__: null, ...options, path: null };
    this.keepAliveMsecs = options.keepAliveMsecs ?? 1000;
    this.keepAlive = options.keepAlive ?? false;
    this.maxSockets = options.maxSockets ?? Infinity;
    this.maxFreeSockets = options.maxFreeSockets ?? 256;
    this.scheduling = options.scheduling ?? "lifo";
    this.maxTotalSockets = options.maxTotalSockets ?? Infinity;
    this.totalSocketCount = 0;
    this.freeSockets = { __proto__: null };
    this.sockets = { __proto__: null };
    this.requests = { __proto__: null };
  }
  destroy() {}
  getName(options = {}) {
    return `${options.host ?? "localhost"}:${options.port ?? ""}:${options.localAddress ?? ""}${options.family ? ":" + options.family : ""}`;
  }
}
export const globalAgent = new Agent();
export default { Agent, globalAgent };
