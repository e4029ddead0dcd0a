// Client WebSockets that fail to open: events of new WebSocket(url), and fetch() with an Upgrade header.
function events(ws) {
  return new Promise((resolve) => {
    const ev = [];
    ws.addEventListener("open", () => { ev.push("open"); ws.close(1000); });
    ws.addEventListener("error", (e) => ev.push({ type: "error", message: e.message, error: e.error === undefined ? null : String(e.error) }));
    ws.addEventListener("close", (e) => { ev.push({ type: "close", code: e.code, reason: e.reason, wasClean: e.wasClean, state: ws.readyState }); resolve(ev); });
    setTimeout(() => resolve(ev.concat("timeout")), 5000);
  });
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const self = url.origin;
    switch (url.pathname) {
      case "/plain": return new Response("not a socket", { status: 200, headers: { "x-plain": "yes" } });
      case "/teapot": return new Response("short and stout", { status: 418 });
      case "/new-ws-refused": return Response.json(await events(new WebSocket(self.replace("http", "ws") + "/teapot")));
      case "/new-ws-no-server": return Response.json(await events(new WebSocket("ws://127.0.0.1:1/")));
      case "/fetch-refused": {
        const res = await fetch(self + "/teapot", { headers: { Upgrade: "websocket" } });
        return Response.json({ status: res.status, webSocket: res.webSocket === null ? null : "present", body: await res.text() });
      }
      case "/fetch-no-server": {
        try {
          await fetch("http://127.0.0.1:1/", { headers: { Upgrade: "websocket" } });
          return Response.json({ resolved: true });
        } catch (e) {
          return Response.json({ name: e.name, message: e.message });
        }
      }
    }
    return new Response("not found", { status: 404 });
  },
};
