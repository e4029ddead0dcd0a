// node:_tls_wrap (nodejs_compat): Node's TLSSocket and connect(), over node:net's Socket.
import { Socket, _normalizeArgs } from "node:net";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:_tls_wrap was loaded outside the workersim runtime");
const { nodeError } = node;

export function TLSSocket(socket, options) {
  if (!(this instanceof TLSSocket)) return new TLSSocket(socket, options);
  Socket.call(this, options);
  this._tlsOptions = options ?? {};
  this.encrypted = true;
  this.authorized = false;
  this.alpnProtocol = null;
}
Object.setPrototypeOf(TLSSocket.prototype, Socket.prototype);
Object.setPrototypeOf(TLSSocket, Socket);
TLSSocket.prototype.getPeerCertificate = function getPeerCertificate() { return null; };
TLSSocket.prototype.getProtocol = function getProtocol() { return null; };
TLSSocket.prototype.getCipher = function getCipher() { return {}; };

export function connect(...args) {
  const [options, cb] = _normalizeArgs(args);
  if (options.port === undefined && options.path === undefined && options.socket === undefined) {
    throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "options" or "port" or "path" argument must be specified');
  }
  const socket = new TLSSocket(options.socket, options);
  if (cb) socket.once("secureConnect", cb);
  return socket.connect(options);
}
export default { connect, TLSSocket };
