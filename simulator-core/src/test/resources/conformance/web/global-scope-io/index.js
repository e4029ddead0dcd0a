import { env } from "cloudflare:workers";
const seen = {};
function attempt(name, fn) {
  try {
    const r = fn();
    if (r && typeof r.then === "function") {
      seen[name] = "promise";
      r.then(() => { seen[name] = "resolved"; }, (e) => { seen[name] = "rejected " + e.name + ": " + e.message; });
    } else {
      seen[name] = "ok";
    }
  } catch (e) {
    seen[name] = "threw " + e.name + ": " + e.message;
  }
}
attempt("fetch", () => fetch("http://127.0.0.1:9911/text"));
attempt("setTimeout", () => setTimeout(() => {}, 1));
attempt("setInterval", () => setInterval(() => {}, 1000));
attempt("queueMicrotask", () => queueMicrotask(() => {}));
attempt("getRandomValues", () => crypto.getRandomValues(new Uint8Array(4)));
attempt("randomUUID", () => crypto.randomUUID());
attempt("kvGet", () => env.KV.get("x"));
attempt("cachesOpen", () => caches.open("x"));
attempt("dateNow", () => Date.now());
attempt("newResponse", () => new Response("x").text());
attempt("subtleDigest", () => crypto.subtle.digest("SHA-256", new Uint8Array(1)));
attempt("scheduler", () => scheduler.wait(1));
export default {
  async fetch() {
    return Response.json(seen);
  },
};
