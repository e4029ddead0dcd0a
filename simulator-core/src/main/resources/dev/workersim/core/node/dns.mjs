// node:dns (nodejs_compat): node:dns/promises's lookups with Node's callback signatures, and the
// promise API as `promises`.
import * as promises from "node:dns/promises";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:dns was loaded outside the workersim runtime");
const { invalidArgType } = node;
export { promises };
export { ADDRCONFIG, ALL, V4MAPPED, NODATA, FORMERR, SERVFAIL, NOTFOUND, NOTIMP, REFUSED, BADQUERY, BADNAME, BADFAMILY,
  BADRESP, CONNREFUSED, TIMEOUT, EOF, FILE, NOMEM, DESTRUCTION, BADSTR, BADFLAGS, NONAME, BADHINTS, NOTINITIALIZED,
  LOADIPHLPAPI, ADDRGETNETWORKPARAMS, CANCELLED, getServers, setServers, getDefaultResultOrder,
  setDefaultResultOrder } from "node:dns/promises";

// The promise function with a callback last: (err, ...results) spread as `spread` says.
function callbackified(fn, spread) {
  return function (...args) {
    const callback = args.pop();
    if (typeof callback !== "function") throw invalidArgType("last argument", "of type function", callback);
    fn(...args).then((result) => callback(null, ...spread(result)), (err) => callback(err));
  };
}
const one = (r) => [r];

export function lookup(hostname, options, callback) {
  if (typeof options === "function") callback = options, options = undefined;
  if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
  promises.lookup(hostname, options).then(
    (r) => (Array.isArray(r) ? callback(null, r) : callback(null, r.address, r.family)),
    (err) => callback(err));
}
export const lookupService = callbackified(promises.lookupService, (r) => [r.hostname, r.service]);
export const resolve = callbackified(promises.resolve, one);
export const resolve4 = callbackified(promises.resolve4, one);
export const resolve6 = callbackified(promises.resolve6, one);
export const resolveAny = callbackified(promises.resolveAny, one);
export const resolveCaa = callbackified(promises.resolveCaa, one);
export const resolveCname = callbackified(promises.resolveCname, one);
export const resolveMx = callbackified(promises.resolveMx, one);
export const resolveNaptr = callbackified(promises.resolveNaptr, one);
export const resolveNs = callbackified(promises.resolveNs, one);
export const resolvePtr = callbackified(promises.resolvePtr, one);
export const resolveSoa = callbackified(promises.resolveSoa, one);
export const resolveSrv = callbackified(promises.resolveSrv, one);
export const resolveTxt = callbackified(promises.resolveTxt, one);
export const reverse = callbackified(promises.reverse, one);

export class Resolver extends promises.Resolver {}
for (const [name, fn] of Object.entries({ resolve, resolve4, resolve6, resolveAny, resolveCaa, resolveCname, resolveMx,
  resolveNaptr, resolveNs, resolvePtr, resolveSoa, resolveSrv, resolveTxt, reverse })) {
  Resolver.prototype[name] = fn;
}

const { default: shared } = promises;
export default { ...shared, Resolver, lookup, lookupService, resolve, resolve4, resolve6, resolveAny, resolveCaa,
  resolveCname, resolveMx, resolveNaptr, resolveNs, resolvePtr, resolveSoa, resolveSrv, resolveTxt, reverse, promises };
