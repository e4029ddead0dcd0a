// The `cloudflare:sockets` module. Its values come from the runtime prelude (web/sockets/sockets.js).
const builtins = globalThis.__workersimBuiltins;
if (builtins === undefined) throw new Error("cloudflare:sockets was loaded outside the workersim runtime");

export const connect = builtins.sockets.connect;

