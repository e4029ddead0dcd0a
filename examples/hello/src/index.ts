// An ES module worker in TypeScript: every request is answered by `fetch`. No build step and no
// node_modules needed: `sim dev` transpiles it as it loads (and bundles with esbuild once the project
// has npm packages, as wrangler does).
import { greet } from "./greet";

interface Env {
  GREETING: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/json") {
      return Response.json({ message: greet(env.GREETING, "JSON"), method: request.method });
    }
    if (url.pathname === "/echo" && request.method === "POST") {
      // The request body streams through unchanged.
      return new Response(request.body, { headers: { "content-type": request.headers.get("content-type") ?? "application/octet-stream" } });
    }
    return new Response(greet(env.GREETING, "World") + "\n", {
      headers: { "content-type": "text/plain;charset=UTF-8" },
    });
  },
};
