// node:path (nodejs_compat): POSIX paths, as in workerd (there is no win32 file system to match).
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:path was loaded outside the workersim runtime");
const { invalidArgType } = node;

function checkString(value, name) {
  if (typeof value !== "string") throw invalidArgType(name, "of type string", value);
}

// Resolves "." and ".." segments; keeps leading ".." only when the path is relative.
function normalizeSegments(path, allowAboveRoot) {
  const out = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (allowAboveRoot) out.push("..");
    } else {
      out.push(seg);
    }
  }
  return out.join("/");
}

function resolve(...args) {
  let resolved = "";
  let absolute = false;
  for (let i = args.length - 1; i >= -1 && !absolute; i--) {
    const path = i >= 0 ? args[i] : "/"; // process.cwd() is "/"
    checkString(path, `paths[${i}]`);
    if (path === "") continue;
    resolved = `${path}/${resolved}`;
    absolute = path.charCodeAt(0) === 47;
  }
  resolved = normalizeSegments(resolved, !absolute);
  return absolute ? `/${resolved}` : resolved || ".";
}

function normalize(path) {
  checkString(path, "path");
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  const trailing = path.endsWith("/");
  let out = normalizeSegments(path, !absolute);
  if (out === "" && !absolute) out = ".";
  if (out !== "" && trailing) out += "/";
  return absolute ? `/${out}` : out;
}

function isAbsolute(path) {
  checkString(path, "path");
  return path.startsWith("/");
}

function join(...args) {
  if (args.length === 0) return ".";
  const parts = [];
  for (const arg of args) {
    checkString(arg, "path");
    if (arg !== "") parts.push(arg);
  }
  return parts.length === 0 ? "." : normalize(parts.join("/"));
}

function relative(from, to) {
  checkString(from, "from");
  checkString(to, "to");
  if (from === to) return "";
  const a = resolve(from).split("/").filter(Boolean);
  const b = resolve(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...Array(a.length - i).fill(".."), ...b.slice(i)].join("/");
}

function dirname(path) {
  checkString(path, "path");
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  let end = path.length;
  while (end > 1 && path[end - 1] === "/") end--;
  const slash = path.lastIndexOf("/", end - 1);
  if (slash === -1) return absolute ? "/" : ".";
  let d = path.slice(0, slash);
  while (d.length > 1 && d.endsWith("/")) d = d.slice(0, -1);
  return d === "" ? "/" : d;
}

function basename(path, suffix) {
  if (suffix !== undefined) checkString(suffix, "suffix");
  checkString(path, "path");
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  const base = path.slice(path.lastIndexOf("/", end - 1) + 1, end);
  if (suffix !== undefined && suffix !== base && base.endsWith(suffix)) return base.slice(0, base.length - suffix.length);
  return base;
}

function extname(path) {
  checkString(path, "path");
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  if (dot <= 0 || base === "..") return "";
  return base.slice(dot);
}

function format(obj) {
  if (obj === null || typeof obj !== "object") throw invalidArgType("pathObject", "of type object", obj);
  const dir = obj.dir || obj.root;
  const ext = obj.ext ? (obj.ext.startsWith(".") ? obj.ext : `.${obj.ext}`) : "";
  const base = obj.base || `${obj.name || ""}${ext}`;
  if (!dir) return base;
  return dir === obj.root ? `${dir}${base}` : `${dir}/${base}`;
}

function parse(path) {
  checkString(path, "path");
  const root = path.startsWith("/") ? "/" : "";
  if (path === "" || path === root) return { root, dir: root, base: "", ext: "", name: "" };
  const base = basename(path);
  const ext = extname(path);
  let end = path.length;
  while (end > 1 && path[end - 1] === "/") end--;
  const slash = path.lastIndexOf("/", end - 1);
  const dir = slash === -1 ? "" : slash === 0 ? "/" : path.slice(0, slash);
  return { root, dir, base, ext, name: ext ? base.slice(0, -ext.length) : base };
}

function toNamespacedPath(path) { return path; }

function matchesGlob(path, pattern) {
  checkString(path, "path");
  checkString(pattern, "pattern");
  const re = pattern.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*\*\/?/g, "\u0000").replace(/\*/g, "[^/]*")
    .replace(/\?/g, "[^/]").replace(/\u0000/g, "(?:.*/)?");
  return new RegExp(`^${re}$`).test(path);
}

export const sep = "/";
export const delimiter = ":";
const posix = { resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname, format, parse, matchesGlob, sep, delimiter, win32: null, posix: null };
posix.posix = posix;
posix.win32 = posix; // workerd has no win32 flavour either; a real one is out of scope here
export { resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname, format, parse, matchesGlob, posix };
export const win32 = posix;
export default posix;
