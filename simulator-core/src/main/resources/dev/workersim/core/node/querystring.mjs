// node:querystring (nodejs_compat): Node's legacy query-string codec.
export function escape(str) { return encodeURIComponent(str).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`); }
export function unescape(str) {
  try { return decodeURIComponent(str); } catch { return str.replace(/%([0-9a-f]{2})/gi, (m, h) => String.fromCharCode(parseInt(h, 16))); }
}
export function unescapeBuffer(str) { return new TextEncoder().encode(unescape(str)); }

function primitive(v) {
  if (typeof v === "string") return v;
  if ((typeof v === "number" && Number.isFinite(v)) || typeof v === "bigint" || typeof v === "boolean") return String(v);
  return "";
}

export function stringify(obj, sep = "&", eq = "=", options) {
  const enc = options?.encodeURIComponent ?? escape;
  if (obj === null || typeof obj !== "object") return "";
  return Object.keys(obj).map((k) => {
    const key = enc(primitive(k)) + eq;
    const v = obj[k];
    if (Array.isArray(v)) return v.map((x) => key + enc(primitive(x))).join(sep);
    return key + enc(primitive(v));
  }).filter((s) => s !== "").join(sep);
}

export function parse(str, sep = "&", eq = "=", options) {
  const out = Object.create(null);
  if (typeof str !== "string" || str.length === 0) return out;
  const dec = options?.decodeURIComponent ?? unescape;
  const max = options?.maxKeys ?? 1000;
  let parts = str.split(sep);
  if (max > 0) parts = parts.slice(0, max);
  for (const part of parts) {
    if (part === "") continue;
    const at = part.indexOf(eq);
    const k = dec((at === -1 ? part : part.slice(0, at)).replace(/\+/g, " "));
    const v = at === -1 ? "" : dec(part.slice(at + eq.length).replace(/\+/g, " "));
    if (!(k in out)) out[k] = v;
    else if (Array.isArray(out[k])) out[k].push(v);
    else out[k] = [out[k], v];
  }
  return out;
}

export { parse as decode, stringify as encode };
export default { escape, unescape, unescapeBuffer, stringify, parse, decode: parse, encode: stringify };
