// node:_tls_common (nodejs_compat): Node's SecureContext, as workerd serves it: a holder of the
// options (the TLS itself is the platform's, not the worker's).
export class SecureContext {
  constructor(secureProtocol, secureOptions, minVersion, maxVersion) {
    this.context = { secureProtocol, secureOptions, minVersion, maxVersion };
  }
}
export function createSecureContext(options = {}) {
  return new SecureContext(options.secureProtocol, options.secureOptions, options.minVersion, options.maxVersion);
}
export function translatePeerCertificate(c) {
  if (!c) return null;
  return c;
}
export default { createSecureContext, SecureContext, translatePeerCertificate };
