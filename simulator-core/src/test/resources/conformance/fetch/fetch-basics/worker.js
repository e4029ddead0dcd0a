// Only what does not vary between runs or HTTP clients is reported: no Date, no User-Agent.
const KEEP = ["content-length", "content-type", "cf-worker", "transfer-encoding", "authorization", "cookie", "x-a", "x-r", "x-o"];
function err(e) {
  if (e === null || typeof e !== "object") return { thrown: e };
  return { name: e.name, message: e.message, ctor: e.constructor && e.constructor.name };
}
async function tryFetch(input, init) {
  try {
    const r = await fetch(input, init);
    const text = await r.text();
    let body = text;
    if (r.headers.get("x-origin") === "echo") {
      const echo = JSON.parse(text);
      const headers = {};
      // java.net.http before JDK 19 adds "content-length: 0" to a body-less GET (JDK-8283544); left out.
      for (const k of KEEP) if (k in echo.headers && !(k === "content-length" && echo.method === "GET")) headers[k] = echo.headers[k];
      body = { method: echo.method, path: echo.path, body: echo.body, headers };
    }
    return { status: r.status, statusText: r.statusText, ok: r.ok, redirected: r.redirected, url: r.url,
      contentType: r.headers.get("content-type"), location: r.headers.get("location"), body };
  } catch (e) { return { error: err(e) }; }
}
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const O = env.ORIGIN;
    const self = url.origin;
    const p = url.pathname;
    if (p === "/redir") {
      const st = Number(url.searchParams.get("status"));
      return new Response("redirect body", { status: st, headers: { location: url.searchParams.get("to") } });
    }
    if (p === "/loop") {
      const n = Number(url.searchParams.get("n") || 0);
      return new Response(null, { status: 302, headers: { location: self + "/loop?n=" + (n + 1) } });
    }
    if (p === "/count") {
      const n = Number(url.searchParams.get("n") || 0);
      if (n >= Number(url.searchParams.get("max"))) return new Response("done at " + n);
      return new Response(null, { status: 302, headers: { location: "/count?max=" + url.searchParams.get("max") + "&n=" + (n + 1) } });
    }
    const R = (x) => Response.json(x);
    const via = (status, to) => self + "/redir?status=" + status + "&to=" + encodeURIComponent(to);
    switch (p) {
      case "/badurl": return R(await tryFetch("not a url"));
      case "/scheme-ftp": return R(await tryFetch("ftp://example.com/"));
      case "/refused": return R(await tryFetch("http://127.0.0.1:1/"));
      case "/redirect-error": return R(await tryFetch(O + "/redirect", { redirect: "error" }));
      case "/manual": return R(await tryFetch(O + "/redirect", { redirect: "manual" }));
      case "/follow": return R(await tryFetch(O + "/redirect"));
      case "/r303": return R(await tryFetch(via(303, O + "/echo303"), { method: "POST", body: "payload", headers: { "content-type": "text/plain", "x-a": "1" } }));
      case "/r307": return R(await tryFetch(via(307, O + "/echo307"), { method: "POST", body: "payload", headers: { "content-type": "text/plain", "x-a": "1" } }));
      case "/r301post": return R(await tryFetch(via(301, O + "/echo301"), { method: "POST", body: "payload", headers: { "content-type": "text/plain" } }));
      case "/r302put": return R(await tryFetch(via(302, O + "/echo302"), { method: "PUT", body: "payload" }));
      case "/r307stream": return R(await tryFetch(via(307, O + "/echo307s"), { method: "POST", body: new Response("streamed").body }));
      case "/auth-cross": return R(await tryFetch(via(302, O + "/echoauth"), { headers: { authorization: "Bearer x", cookie: "c=1" } }));
      case "/relative-loc": return R(await tryFetch(via(302, "/redir?status=200&to=x#frag")));
      case "/loc-ftp": return R(await tryFetch(via(302, "ftp://example.com/")));
      case "/loc-bad": return R(await tryFetch(via(302, "http://[bad")));
      case "/no-location": return R(await tryFetch(O + "/status/301"));
      case "/loop-follow": return R(await tryFetch(self + "/loop"));
      case "/count20": return R(await tryFetch(self + "/count?max=20"));
      case "/resp-headers": {
        const r = await fetch(O + "/headers");
        let imm; try { r.headers.set("x", "1"); imm = "no"; } catch (e) { imm = err(e); }
        return R({ imm, keep: r.headers.get("x-keep"), powered: r.headers.get("x-powered-by"), cl: r.headers.get("content-length"), bodyType: r.body && r.body.constructor.name });
      }
      case "/set-cookie": { const r = await fetch(O + "/set-cookie"); return R({ sc: r.headers.getSetCookie(), get: r.headers.get("set-cookie") }); }
      case "/status404": return R(await tryFetch(O + "/status/404"));
      case "/status-text": { const r = await fetch(O + "/status/418"); return R({ st: r.statusText, s: r.status }); }
      case "/abort-pre": { const s = AbortSignal.abort(); try { await fetch(O + "/json", { signal: s }); return R("no"); } catch (e) { return R({ same: e === s.reason, e: err(e) }); } }
      case "/abort-custom": { const c = new AbortController(); setTimeout(() => c.abort("why"), 50); return R(await tryFetch(O + "/slow?ms=2000", { signal: c.signal })); }
      case "/abort-default": { const c = new AbortController(); setTimeout(() => c.abort(), 50); return R(await tryFetch(O + "/slow?ms=2000", { signal: c.signal })); }
      case "/abort-timeout": return R(await tryFetch(O + "/slow?ms=2000", { signal: AbortSignal.timeout(50) }));
      case "/abort-after": { const c = new AbortController(); const r = await fetch(O + "/large.json?n=50000", { signal: c.signal }); const rd = r.body.getReader(); await rd.read(); c.abort(); try { for (;;) { const { done } = await rd.read(); if (done) return R("completed"); } } catch (e) { return R(err(e)); } }
      case "/post-stream": {
        const enc = new TextEncoder();
        const rs = new ReadableStream({ start(c) { c.enqueue(enc.encode("ab")); c.enqueue(enc.encode("cd")); c.close(); } });
        return R(await tryFetch(O + "/echo", { method: "POST", body: rs }));
      }
      case "/post-string": return R(await tryFetch(O + "/echo", { method: "POST", body: "hello" }));
      case "/post-bytes": return R(await tryFetch(O + "/echo", { method: "POST", body: new Uint8Array([104, 105]) }));
      case "/post-params": return R(await tryFetch(O + "/echo", { method: "POST", body: new URLSearchParams("a=1&b=2") }));
      case "/get-body": return R(await tryFetch(O + "/echo", { method: "GET", body: "x" }));
      case "/req-object": { const q = new Request(O + "/echoreq", { method: "PUT", body: "rb", headers: { "x-r": "1" } }); return R(await tryFetch(q)); }
      case "/req-override": { const q = new Request(O + "/echoreq", { method: "PUT", body: "rb", headers: { "x-r": "1" } }); return R(await tryFetch(q, { method: "POST", headers: { "x-o": "2" } })); }
      case "/url-object": return R(await tryFetch(new URL(O + "/text")));
      case "/cache-nostore": return R(await tryFetch(O + "/text", { cache: "no-store" }));
      case "/cache-bad": return R(await tryFetch(O + "/text", { cache: "force-cache" }));
      case "/host-header": return R(await tryFetch(O + "/echo", { headers: { host: "example.com" } }));
      case "/fetch-noargs": try { await fetch(); return R("no"); } catch (e) { return R(err(e)); }
      case "/sync-throw": { let sync = false; let pr; try { pr = fetch("not a url"); } catch (e) { sync = true; } if (pr) { try { await pr; } catch (e) {} } return R({ sync }); }
      case "/body-used": { const r = await fetch(O + "/text"); await r.text(); return R({ used: r.bodyUsed }); }
      case "/data-url": return R(await tryFetch("data:text/plain,hello"));
    }
    return new Response("nf", { status: 404 });
  },
};
