// An ES module worker: every request is answered by `fetch`.
import { greet } from "./greet.js";

export default {
  async fetch(request, env, ctx) {
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
