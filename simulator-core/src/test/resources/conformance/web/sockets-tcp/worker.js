import { connect } from "cloudflare:sockets";

const enc = new TextEncoder();
const dec = new TextDecoder();
const settled = async (p) => { try { return { ok: await p }; } catch (e) { return { error: e.name + ": " + e.message }; } };
const thrown = (fn) => { try { fn(); return "no throw"; } catch (e) { return e.name + ": " + e.message; } };
const soon = (p, ms = 500) => Promise.race([p.then(() => "closed", (e) => "rejected " + e.message), new Promise((r) => setTimeout(() => r("still open"), ms))]);

async function readAll(readable) {
  const reader = readable.getReader();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text;
    text += dec.decode(value, { stream: true });
  }
}

// One HTTP/1.1 request written by hand; the answer's status line and body (headers vary: Date).
function httpAnswer(raw) {
  const [head, ...body] = raw.split("\r\n\r\n");
  return { statusLine: head.split("\r\n")[0], body: body.join("\r\n\r\n") };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const hostname = env.ORIGIN_HOST, port = Number(env.ORIGIN_PORT);
    switch (url.pathname) {
      case "/http": {
        const s = connect({ hostname, port }, { allowHalfOpen: url.searchParams.has("half") });
        const opened = await settled(s.opened);
        const w = s.writable.getWriter();
        await w.write(enc.encode("GET /text HTTP/1.1\r\nHost: origin\r\nConnection: close\r\n\r\n"));
        const answer = httpAnswer(await readAll(s.readable));
        return Response.json({ opened, ...answer, closed: await soon(s.closed),
          upgraded: s.upgraded, secureTransport: s.secureTransport, tag: Object.prototype.toString.call(s) });
      }
      case "/string-address": {
        const s = connect(hostname + ":" + port);
        const opened = await settled(s.opened);
        await s.close();
        return Response.json({ opened, closed: await settled(s.closed) });
      }
      case "/close": {
        const s = connect({ hostname, port });
        await s.opened;
        return Response.json({ close: await settled(s.close()), closed: await settled(s.closed),
          read: await settled(s.readable.getReader().read()),
          write: await settled(s.writable.getWriter().write(enc.encode("x"))) });
      }
      case "/refused": {
        const s = connect({ hostname: "127.0.0.1", port: Number(url.searchParams.get("port")) });
        return Response.json({ opened: await settled(s.opened), closed: await settled(s.closed),
          read: await settled(s.readable.getReader().read()) });
      }
      case "/invalid":
        return Response.json({
          empty: thrown(() => connect("")),
          spaces: thrown(() => connect("a b:1")),
          noPort: thrown(() => connect("127.0.0.1")),
          noPortField: thrown(() => connect({ hostname })),
          bigPort: thrown(() => connect({ hostname, port: 70000 })),
          negativePort: thrown(() => connect({ hostname, port: -1 })),
          nullAddress: thrown(() => connect(null)),
          nullOptions: thrown(() => connect({ hostname, port }, null)),
          numberOptions: thrown(() => connect({ hostname, port }, 5)),
          badTransport: thrown(() => connect({ hostname, port }, { secureTransport: "bogus" })),
        });
      case "/starttls-rules": {
        const plain = connect({ hostname, port });
        const st = connect({ hostname, port }, { secureTransport: "starttls" });
        const out = { plain: thrown(() => plain.startTls()), starttls: st.secureTransport };
        await plain.close();
        await st.close();
        return Response.json(out);
      }
      case "/module":
        return Response.json(Object.keys(await import("cloudflare:sockets")).filter((k) => k !== "internalNewHttpClient").sort());
    }
    return new Response("not found", { status: 404 });
  },
};
