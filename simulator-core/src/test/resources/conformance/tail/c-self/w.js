const seen = [];
export default {
  async fetch(request) {
    const u = new URL(request.url);
    if (u.pathname === "/seen") return Response.json(seen);
    console.log("hi");
    return new Response("ok");
  },
  async tail(events) { for (const e of events) seen.push(e.event?.request?.url ?? String(e.event)); console.log("in tail"); },
};
