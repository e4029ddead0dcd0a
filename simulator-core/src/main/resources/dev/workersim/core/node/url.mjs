// node:url (nodejs_compat): the WHATWG URL classes plus Node's file-URL helpers and the legacy
// url.parse/url.format/url.resolve.
import { parse as parseQuery, stringify as stringifyQuery } from "node:querystring";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:url was loaded outside the workersim runtime");
const { invalidArgType, nodeError } = node;

export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;

export function fileURLToPath(path) {
  const url = typeof path === "string" ? new URL(path) : path;
  if (!(url instanceof URL)) throw invalidArgType("path", "of type string or an instance of URL", path);
  if (url.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
  if (url.hostname !== "") {
    throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST", `File URL host must be "localhost" or empty on linux`);
  }
  if (/%2f/i.test(url.pathname)) {
    throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
  }
  return decodeURIComponent(url.pathname);
}

export function pathToFileURL(filepath) {
  if (typeof filepath !== "string") throw invalidArgType("path", "of type string", filepath);
  let resolved = filepath.startsWith("/") ? filepath : `/${filepath}`;
  const url = new URL("file://");
  // Percent-encode what the URL parser would otherwise treat as syntax.
  resolved = resolved.replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A").replace(/\r/g, "%0D")
    .replace(/\t/g, "%09").replace(/#/g, "%23").replace(/\?/g, "%3F");
  url.pathname = resolved;
  return url;
}

export function urlToHttpOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ""}${url.search || ""}`,
    href: url.href,
  };
  if (url.port !== "") options.port = Number(url.port);
  if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return options;
}

export function toPathIfFileURL(value) {
  return value instanceof URL || (typeof value === "object" && value?.href && value?.protocol)
    ? fileURLToPath(value) : value;
}

export function domainToASCII(domain) {
  try { return new URL(`http://${domain}`).hostname; } catch { return ""; }
}
export function domainToUnicode(domain) { return String(domain); }

// ---- legacy API ----

const SLASHED = new Set(["http:", "https:", "ftp:", "gopher:", "file:", "ws:", "wss:"]);

export function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

export function parse(url, parseQueryString = false, slashesDenoteHost = false) {
  if (url instanceof Url) return url;
  if (typeof url !== "string") throw invalidArgType("url", "of type string", url);
  const result = new Url();
  let rest = url.trim();
  const hashAt = rest.indexOf("#");
  if (hashAt !== -1) { result.hash = rest.slice(hashAt); rest = rest.slice(0, hashAt); }
  const queryAt = rest.indexOf("?");
  if (queryAt !== -1) {
    result.search = rest.slice(queryAt);
    result.query = rest.slice(queryAt + 1);
    rest = rest.slice(0, queryAt);
  } else if (parseQueryString) {
    result.search = "";
    result.query = {};
  }
  if (parseQueryString && typeof result.query === "string") result.query = parseQuery(result.query);
  const proto = /^([a-z0-9.+-]+:)/i.exec(rest);
  if (proto) {
    result.protocol = proto[1].toLowerCase();
    rest = rest.slice(proto[1].length);
  }
  if ((slashesDenoteHost || proto) && rest.startsWith("//") && !(result.protocol === "javascript:")) {
    result.slashes = true;
    rest = rest.slice(2);
    const end = rest.search(/[/\\]/);
    let hostPart = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? "" : rest.slice(end);
    const at = hostPart.lastIndexOf("@");
    if (at !== -1) {
      result.auth = decodeURIComponent(hostPart.slice(0, at));
      hostPart = hostPart.slice(at + 1);
    }
    const portMatch = /:([0-9]*)$/.exec(hostPart);
    if (portMatch) {
      if (portMatch[1] !== "") result.port = portMatch[1];
      hostPart = hostPart.slice(0, portMatch.index);
    }
    result.hostname = hostPart.toLowerCase();
    result.host = result.port !== null ? `${result.hostname}:${result.port}` : result.hostname;
  }
  if (rest !== "") result.pathname = rest;
  else if (result.slashes && SLASHED.has(result.protocol)) result.pathname = "/";
  result.path = `${result.pathname ?? ""}${result.search ?? ""}` || null;
  result.href = format(result);
  return result;
}

export function format(urlObject, options) {
  if (typeof urlObject === "string") urlObject = parse(urlObject);
  else if (urlObject instanceof URL) {
    const opts = { auth: true, fragment: true, search: true, unicode: false, ...options };
    let s = `${urlObject.protocol}${urlObject.host || urlObject.protocol === "file:" ? "//" : ""}`;
    if (opts.auth && (urlObject.username || urlObject.password)) {
      s += urlObject.username + (urlObject.password ? `:${urlObject.password}` : "") + "@";
    }
    s += urlObject.host + urlObject.pathname;
    if (opts.search) s += urlObject.search;
    if (opts.fragment) s += urlObject.hash;
    return s;
  } else if (urlObject === null || typeof urlObject !== "object") {
    throw invalidArgType("urlObject", "of type object or string", urlObject);
  }
  const o = urlObject;
  let protocol = o.protocol || "";
  if (protocol && !protocol.endsWith(":")) protocol += ":";
  let auth = o.auth ? `${encodeURIComponent(o.auth).replace(/%3A/i, ":")}@` : "";
  let host = "";
  if (o.host) host = auth + o.host;
  else if (o.hostname) host = auth + (o.hostname.includes(":") ? `[${o.hostname}]` : o.hostname) + (o.port ? `:${o.port}` : "");
  let pathname = o.pathname || "";
  let search = o.search || (o.query && typeof o.query === "object" && Object.keys(o.query).length ? `?${stringifyQuery(o.query)}` : "");
  let hash = o.hash || "";
  if (o.slashes || ((!protocol || SLASHED.has(protocol)) && host)) {
    host = `//${host}`;
    if (pathname && !pathname.startsWith("/")) pathname = `/${pathname}`;
  }
  if (search && !search.startsWith("?")) search = `?${search}`;
  if (hash && !hash.startsWith("#")) hash = `#${hash}`;
  pathname = pathname.replace(/[?#]/g, encodeURIComponent);
  search = search.replace("#", "%23");
  return protocol + host + pathname + search + hash;
}

export function resolve(from, to) {
  return new URL(to, new URL(from, "resolve://")).href.replace(/^resolve:\/\/\/?/, "");
}

// url.resolve's answer parsed (the legacy Url object).
export function resolveObject(source, relative) {
  return parse(resolve(source, relative));
}
export default { resolveObject, URL, URLSearchParams, fileURLToPath, pathToFileURL, toPathIfFileURL, urlToHttpOptions, domainToASCII, domainToUnicode, Url, parse, format, resolve };
