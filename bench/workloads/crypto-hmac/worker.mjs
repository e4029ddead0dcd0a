// Signs the request path with HMAC-SHA256 and answers the hex signature. The key is imported on
// the first request (random values and key generation are not allowed at global scope in workerd).
const encoder = new TextEncoder();
let key;

export default {
  async fetch(request) {
    key ??= await crypto.subtle.importKey("raw", encoder.encode("bench-secret-key"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const message = encoder.encode(new URL(request.url).pathname + "|2026-04-01T00:00:00Z");
    const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
    let hex = "";
    for (const b of sig) hex += b.toString(16).padStart(2, "0");
    return new Response(hex);
  },
};
