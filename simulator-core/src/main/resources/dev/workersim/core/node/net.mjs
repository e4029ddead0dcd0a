// node:net (nodejs_compat): workerd's shape of Node's net module. IP address checks, SocketAddress,
// BlockList and argument handling work; a Socket is a Duplex whose connect() fails with a clear error
// until workersim's cloudflare:sockets carries TCP (workerd's node:net connects through it), and a
// Server never receives connections (a worker cannot listen).
import { EventEmitter } from "node:events";
import { Duplex } from "node:stream";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:net was loaded outside the workersim runtime");
const { invalidArgType, nodeError } = node;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export function isIPv4(input) { return IPV4.test(String(input)); }
export function isIPv6(input) {
  const s = String(input).replace(/%.*$/, "");
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(":")) return false;
  let groups = s.split(":");
  const last = groups[groups.length - 1];
  if (last.includes(".")) {
    if (!isIPv4(last)) return false;
    groups = [...groups.slice(0, -1), "0", "0"];
  }
  const doubles = s.split("::").length - 1;
  if (doubles > 1) return false;
  if (doubles === 0 && groups.length !== 8) return false;
  if (doubles === 1 && groups.length > 8) return false;
  return groups.every((g, i) => /^[0-9a-fA-F]{0,4}$/.test(g) && (g !== "" || doubles === 1 || i === 0 || i === groups.length - 1));
}
export function isIP(input) { return isIPv4(input) ? 4 : isIPv6(input) ? 6 : 0; }

// Node's (options, callback) from connect()'s many signatures: (port, host, cb), (path, cb), (options, cb).
export function _normalizeArgs(args) {
  if (args.length === 0) return [{}, null];
  const [first] = args;
  let options = {};
  if (first !== null && typeof first === "object") options = first;
  else if (typeof first === "string" && Number.isNaN(Number(first))) options.path = first;
  else {
    options.port = first;
    if (args.length > 1 && typeof args[1] === "string") options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === "function" ? cb : null];
}

let autoSelectFamily = false;
let autoSelectFamilyAttemptTimeout = 10;
export function getDefaultAutoSelectFamily() { return autoSelectFamily; }
export function setDefaultAutoSelectFamily(value) { autoSelectFamily = !!value; }
export function getDefaultAutoSelectFamilyAttemptTimeout() { return autoSelectFamilyAttemptTimeout; }
export function setDefaultAutoSelectFamilyAttemptTimeout(value) {
  if (typeof value !== "number") throw invalidArgType("val", "of type number", value);
  autoSelectFamilyAttemptTimeout = Math.max(value, 10);
}

export function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  Duplex.call(this, { allowHalfOpen: false, ...options });
  this.connecting = false;
  this.remoteAddress = this.remotePort = this.remoteFamily = undefined;
}
Object.setPrototypeOf(Socket.prototype, Duplex.prototype);
Object.setPrototypeOf(Socket, Duplex);
Socket.prototype._read = function () {};
Socket.prototype.connect = function connect(...args) {
  const [options, cb] = _normalizeArgs(args);
  if (options.port === undefined && options.path === undefined) {
    throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "options" or "port" or "path" argument must be specified');
  }
  if (cb) this.once("connect", cb);
  this.connecting = true;
  const target = options.path ?? `${options.host ?? "localhost"}:${options.port}`;
  queueMicrotask(() => {
    this.connecting = false;
    this.destroy(nodeError(Error, "ERR_SOCKET_CONNECTION_FAILED",
      `connect to ${target}: node:net has no TCP transport in workersim yet (workerd connects through cloudflare:sockets)`));
  });
  return this;
};
for (const name of ["setNoDelay", "setKeepAlive", "ref", "unref", "setTimeout"]) {
  Socket.prototype[name] = function () { return this; };
}
Socket.prototype.address = function address() { return {}; };
export const Stream = Socket;

export function connect(...args) {
  const [options, cb] = _normalizeArgs(args);
  if (options.port === undefined && options.path === undefined) {
    throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "options" or "port" or "path" argument must be specified');
  }
  return new Socket(options).connect(options, ...(cb ? [cb] : []));
}
export const createConnection = connect;

// A worker cannot accept connections: listen() is accepted (as in workerd) and nothing ever arrives.
export class Server extends EventEmitter {
  constructor(options, listener) {
    super();
    if (typeof options === "function") listener = options;
    if (listener) this.on("connection", listener);
    this.listening = false;
  }
  listen(...args) {
    const cb = args[args.length - 1];
    if (typeof cb === "function") this.once("listening", cb);
    this.listening = true;
    queueMicrotask(() => this.emit("listening"));
    return this;
  }
  address() { return null; }
  close(cb) {
    this.listening = false;
    queueMicrotask(() => { this.emit("close"); cb?.(); });
    return this;
  }
  getConnections(cb) { cb?.(null, 0); return this; }
  ref() { return this; }
  unref() { return this; }
}
export function createServer(options, listener) { return new Server(options, listener); }

export class SocketAddress {
  #address; #port; #family; #flowlabel;
  constructor(options = {}) {
    if (options === null || typeof options !== "object") throw invalidArgType("options", "of type object", options);
    const { family = "ipv4", address = family === "ipv6" ? "::" : "127.0.0.1", port = 0, flowlabel = 0 } = options;
    this.#address = address; this.#port = port; this.#family = family; this.#flowlabel = flowlabel;
  }
  get address() { return this.#address; }
  get port() { return this.#port; }
  get family() { return this.#family; }
  get flowlabel() { return this.#flowlabel; }
  toJSON() { return { address: this.#address, port: this.#port, family: this.#family, flowlabel: this.#flowlabel }; }
  static isSocketAddress(value) { return value instanceof SocketAddress; }
}

// IPv4 rules only (addresses, ranges, subnets); an IPv6 rule never matches.
const ipv4Number = (a) => a.split(".").reduce((n, part) => n * 256 + Number(part), 0);
export class BlockList {
  #rules = [];
  addAddress(address, family = "ipv4") { this.#rules.push({ family, from: address, to: address, text: `Address: ${family === "ipv6" ? "IPv6" : "IPv4"} ${address}` }); }
  addRange(start, end, family = "ipv4") { this.#rules.push({ family, from: start, to: end, text: `Range: ${family === "ipv6" ? "IPv6" : "IPv4"} ${start}-${end}` }); }
  addSubnet(network, prefix, family = "ipv4") {
    const base = family === "ipv4" ? ipv4Number(network) & (prefix === 0 ? 0 : ~0 << (32 - prefix)) >>> 0 : 0;
    this.#rules.push({ family, base, prefix, text: `Subnet: ${family === "ipv6" ? "IPv6" : "IPv4"} ${network}/${prefix}` });
  }
  check(address, family = "ipv4") {
    if (family !== "ipv4" || !isIPv4(address)) return false;
    const n = ipv4Number(address);
    return this.#rules.some((r) => r.family === "ipv4" && (r.prefix !== undefined
      ? ((n & (r.prefix === 0 ? 0 : ~0 << (32 - r.prefix))) >>> 0) === r.base
      : n >= ipv4Number(r.from) && n <= ipv4Number(r.to)));
  }
  get rules() { return this.#rules.map((r) => r.text).reverse(); }
  static isBlockList(value) { return value instanceof BlockList; }
}

// A socket bound to a local address (Node's experimental API): workerd constructs it and that is all.
export class BoundSocket {}

export default { BlockList, BoundSocket, SocketAddress, Stream, Server, Socket, connect, createConnection, createServer,
  getDefaultAutoSelectFamily, setDefaultAutoSelectFamily, getDefaultAutoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout, isIP, isIPv4, isIPv6, _normalizeArgs };
