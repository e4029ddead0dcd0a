// node:tls (nodejs_compat): workerd's shape of Node's tls module: TLSSocket and connect() (over
// node:net, see there), SecureContext, checkServerIdentity; servers and cipher lists are workerd's
// "Not implemented".
import { SecureContext, createSecureContext } from "node:_tls_common";
import { TLSSocket, connect } from "node:_tls_wrap";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:tls was loaded outside the workersim runtime");
const { nodeError } = node;
export { SecureContext, createSecureContext, TLSSocket, connect };

export const CLIENT_RENEG_LIMIT = 3;
export const CLIENT_RENEG_WINDOW = 600;
export const DEFAULT_CIPHERS = "";
export const DEFAULT_ECDH_CURVE = "auto";
export const DEFAULT_MIN_VERSION = "TLSv1.2";
export const DEFAULT_MAX_VERSION = "TLSv1.3";
export const rootCertificates = Object.freeze([]);

export class Server {
  constructor() { throw new Error("Not implemented"); }
}
export function createServer() { throw new Error("Not implemented"); }
export function getCiphers() { throw new Error("Not implemented"); }
export function createSecurePair() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The createSecurePair method is not implemented");
}

// Node's ALPN wire format: each protocol name prefixed with its length.
export function convertALPNProtocols(protocols, out) {
  if (Array.isArray(protocols)) {
    const bytes = [];
    for (const p of protocols) {
      const name = new TextEncoder().encode(p);
      bytes.push(name.length, ...name);
    }
    out.ALPNProtocols = new Uint8Array(bytes);
  } else if (ArrayBuffer.isView(protocols)) {
    out.ALPNProtocols = protocols;
  }
}

// Whether `cert` names `hostname` (subjectaltname DNS entries, else the subject's CN), with one
// leading wildcard label; undefined when it does, the error otherwise (as Node).
export function checkServerIdentity(hostname, cert) {
  const subject = cert.subject;
  const names = (cert.subjectaltname ?? "").split(", ").filter((n) => n.startsWith("DNS:")).map((n) => n.slice(4));
  if (names.length === 0 && subject?.CN) names.push(subject.CN);
  const host = String(hostname).toLowerCase().replace(/\.$/, "");
  const matches = (pattern) => {
    const p = pattern.toLowerCase();
    if (!p.startsWith("*.")) return p === host;
    const rest = p.slice(1);
    return host.endsWith(rest) && !host.slice(0, -rest.length).includes(".");
  };
  if (names.some(matches)) return undefined;
  const err = nodeError(Error, "ERR_TLS_CERT_ALTNAME_INVALID",
    `Hostname/IP does not match certificate's altnames: Host: ${hostname}. is not in the cert's altnames: ${cert.subjectaltname ?? ""}`);
  Object.assign(err, { reason: `Host: ${hostname}. is not in the cert's altnames: ${cert.subjectaltname ?? ""}`, host: hostname, cert });
  return err;
}

export default { SecureContext, Server, TLSSocket, connect, createSecureContext, createServer, checkServerIdentity,
  convertALPNProtocols, getCiphers, createSecurePair, CLIENT_RENEG_LIMIT, CLIENT_RENEG_WINDOW, DEFAULT_CIPHERS,
  DEFAULT_ECDH_CURVE, DEFAULT_MIN_VERSION, DEFAULT_MAX_VERSION, rootCertificates };
