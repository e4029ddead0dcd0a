// node:dns/promises (nodejs_compat): name lookups over DNS-over-HTTPS (1.1.1.1's JSON API, through
// the worker's fetch), as workerd resolves them. A failed query rejects with Node's DNS error:
// `queryA ENOTFOUND example.com` with code ENOTFOUND (lookup) or EBADQUERY (resolve*).
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:dns/promises was loaded outside the workersim runtime");
const { invalidArgType, nodeError } = node;

export const ADDRCONFIG = 1024, ALL = 256, V4MAPPED = 2048;
export const NODATA = "ENODATA", FORMERR = "EFORMERR", SERVFAIL = "ESERVFAIL", NOTFOUND = "ENOTFOUND",
  NOTIMP = "ENOTIMP", REFUSED = "EREFUSED", BADQUERY = "EBADQUERY", BADNAME = "EBADNAME", BADFAMILY = "EBADFAMILY",
  BADRESP = "EBADRESP", CONNREFUSED = "ECONNREFUSED", TIMEOUT = "ETIMEOUT", EOF = "EOF", FILE = "EFILE",
  NOMEM = "ENOMEM", DESTRUCTION = "EDESTRUCTION", BADSTR = "EBADSTR", BADFLAGS = "EBADFLAGS", NONAME = "ENONAME",
  BADHINTS = "EBADHINTS", NOTINITIALIZED = "ENOTINITIALIZED", LOADIPHLPAPI = "ELOADIPHLPAPI",
  ADDRGETNETWORKPARAMS = "EADDRGETNETWORKPARAMS", CANCELLED = "ECANCELLED";

const SERVERS = ["1.1.1.1", "2606:4700:4700::1111", "1.0.0.1", "2606:4700:4700::1001"];
const TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35, CAA: 257, ANY: 255 };
let resultOrder = "verbatim";

function dnsError(syscall, code, hostname) {
  const err = new Error(`${syscall} ${code} ${hostname}`);
  Object.assign(err, { errno: undefined, code, syscall, hostname });
  return err;
}

function checkName(hostname, what = "hostname") {
  if (typeof hostname !== "string") throw invalidArgType(what, "of type string", hostname);
}

// One DoH query: the answers of `type`, or a DNS error (`code` when the query itself fails).
async function query(hostname, type, code) {
  const syscall = "query" + (type === "A" ? "A" : type === "AAAA" ? "Aaaa" : type[0] + type.slice(1).toLowerCase());
  let answers;
  try {
    const res = await fetch(`https://cloudflare-dns.com/dns-query?name=${encodeURIComponent(hostname)}&type=${type}`,
      { headers: { accept: "application/dns-json" } });
    const body = await res.json();
    if (body.Status === 3) throw dnsError(syscall, NOTFOUND, hostname);
    answers = (body.Answer ?? []).filter((a) => a.type === TYPES[type] || type === "ANY");
  } catch (err) {
    if (err.syscall === syscall) throw err;
    throw dnsError(syscall, code, hostname);
  }
  if (answers.length === 0) throw dnsError(syscall, code === NOTFOUND ? NOTFOUND : NODATA, hostname);
  return answers;
}

const unquote = (s) => s.replace(/^"|"$/g, "");
const PARSE = {
  A: (a) => a.data, AAAA: (a) => a.data, CNAME: (a) => a.data.replace(/\.$/, ""), NS: (a) => a.data.replace(/\.$/, ""),
  PTR: (a) => a.data.replace(/\.$/, ""),
  MX: (a) => { const [priority, exchange] = a.data.split(" "); return { exchange: exchange.replace(/\.$/, ""), priority: Number(priority) }; },
  TXT: (a) => [unquote(a.data)],
  SRV: (a) => { const [priority, weight, port, name] = a.data.split(" "); return { priority: +priority, weight: +weight, port: +port, name: name.replace(/\.$/, "") }; },
  SOA: (a) => {
    const [nsname, hostmaster, serial, refresh, retry, expire, minttl] = a.data.split(" ");
    return { nsname: nsname.replace(/\.$/, ""), hostmaster: hostmaster.replace(/\.$/, ""), serial: +serial,
      refresh: +refresh, retry: +retry, expire: +expire, minttl: +minttl };
  },
  CAA: (a) => { const [critical, tag, ...value] = a.data.split(" "); return { critical: +critical, [tag]: unquote(value.join(" ")) }; },
  NAPTR: (a) => {
    const [order, preference, flags, service, regexp, replacement] = a.data.split(" ");
    return { flags: unquote(flags), service: unquote(service), regexp: unquote(regexp),
      replacement: replacement.replace(/\.$/, ""), order: +order, preference: +preference };
  },
};

async function resolveType(hostname, type) {
  checkName(hostname);
  const answers = await query(hostname, type, BADQUERY);
  if (type === "SOA") return PARSE.SOA(answers[0]);
  return answers.map(PARSE[type]);
}

export async function lookup(hostname, options) {
  checkName(hostname);
  const family = typeof options === "number" ? options : options?.family ?? 0;
  const all = options?.all === true;
  const addresses = [];
  const wanted = family === 6 ? ["AAAA"] : family === 4 ? ["A"] : ["A", "AAAA"];
  let firstError;
  for (const type of wanted) {
    try {
      for (const a of await query(hostname, type, NOTFOUND)) addresses.push({ address: a.data, family: type === "A" ? 4 : 6 });
    } catch (err) {
      firstError ??= err;
    }
    if (addresses.length > 0 && !all) break;
  }
  if (addresses.length === 0) throw firstError;
  return all ? addresses : addresses[0];
}

export const resolve4 = (hostname) => resolveType(hostname, "A");
export const resolve6 = (hostname) => resolveType(hostname, "AAAA");
export const resolveCname = (hostname) => resolveType(hostname, "CNAME");
export const resolveCaa = (hostname) => resolveType(hostname, "CAA");
export const resolveMx = (hostname) => resolveType(hostname, "MX");
export const resolveNaptr = (hostname) => resolveType(hostname, "NAPTR");
export const resolveNs = (hostname) => resolveType(hostname, "NS");
export const resolvePtr = (hostname) => resolveType(hostname, "PTR");
export const resolveSoa = (hostname) => resolveType(hostname, "SOA");
export const resolveSrv = (hostname) => resolveType(hostname, "SRV");
export const resolveTxt = (hostname) => resolveType(hostname, "TXT");
export async function resolveAny(hostname) {
  checkName(hostname);
  return (await query(hostname, "ANY", BADQUERY)).map((a) => ({ type: Object.keys(TYPES).find((t) => TYPES[t] === a.type), value: a.data, ttl: a.TTL }));
}
export function resolve(hostname, rrtype = "A") {
  if (typeof rrtype !== "string") throw invalidArgType("rrtype", "of type string", rrtype);
  if (!(rrtype in TYPES)) throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'rrtype' is invalid. Received '${rrtype}'`);
  return rrtype === "ANY" ? resolveAny(hostname) : resolveType(hostname, rrtype);
}
export function reverse(ip) {
  checkName(ip, "ip");
  const name = ip.includes(":")
    ? ip.split(":").map((g) => g.padStart(4, "0")).join("").split("").reverse().join(".") + ".ip6.arpa"
    : ip.split(".").reverse().join(".") + ".in-addr.arpa";
  return resolveType(name, "PTR");
}
export async function lookupService(address, port) {
  return { hostname: (await reverse(address))[0], service: String(port) };
}
export function getServers() { return [...SERVERS]; }
export function setServers() { throw new Error("Not implemented"); }
export function getDefaultResultOrder() { return resultOrder; }
export function setDefaultResultOrder(order) {
  if (!["verbatim", "ipv4first", "ipv6first"].includes(order)) {
    throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", "The argument 'dnsOrder' must be one of: 'verbatim', 'ipv4first', "
      + `'ipv6first'. Received ${node.describeReceived(order).replace(/^ Received /, "")}`);
  }
  resultOrder = order;
}

export class Resolver {
  getServers() { return getServers(); }
  setServers() { return setServers(); }
  setLocalAddress() {}
  cancel() {}
}
for (const [name, fn] of Object.entries({ resolve, resolve4, resolve6, resolveAny, resolveCaa, resolveCname, resolveMx,
  resolveNaptr, resolveNs, resolvePtr, resolveSoa, resolveSrv, resolveTxt, reverse })) {
  Resolver.prototype[name] = fn;
}

const codes = { ADDRCONFIG, ALL, V4MAPPED, NODATA, FORMERR, SERVFAIL, NOTFOUND, NOTIMP, REFUSED, BADQUERY, BADNAME, BADFAMILY, BADRESP,
  CONNREFUSED, TIMEOUT, EOF, FILE, NOMEM, DESTRUCTION, BADSTR, BADFLAGS, NONAME, BADHINTS, NOTINITIALIZED, LOADIPHLPAPI,
  ADDRGETNETWORKPARAMS, CANCELLED };
export default { ...codes, Resolver, getDefaultResultOrder, getServers, lookup, lookupService, resolve, resolve4,
  resolve6, resolveAny, resolveCaa, resolveCname, resolveMx, resolveNaptr, resolveNs, resolvePtr, resolveSoa,
  resolveSrv, resolveTxt, reverse, setDefaultResultOrder, setServers };
