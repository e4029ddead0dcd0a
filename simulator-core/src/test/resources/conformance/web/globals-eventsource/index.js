const seen = []; // the requests the stream route saw (one isolate serves both sides)
const STREAM = "retry: 100\n\n: a comment\nid: 1\ndata: hello\n\nevent: custom\ndata: a\ndata: b\n\n" +
  "data: crlf\r\n\r\nid: 7\ndata: last\n\ndata: never dispatched";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function watch(url, until) {
  const log = [];
  const es = new EventSource(url);
  log.push({ readyState: es.readyState, url: es.url.replace(/:\d+/, ":PORT"), withCredentials: es.withCredentials, onmessage: es.onmessage });
  const record = (e) => {
    log.push({ type: e.type, ctor: e.constructor.name, isTrusted: e.isTrusted, readyState: es.readyState, data: e.data, lastEventId: e.lastEventId,
      sameOrigin: e.origin === undefined ? undefined : e.origin === new URL(url).origin, error: e.error === undefined ? undefined : String(e.error) });
    if (until(log)) es.close();
  };
  es.onopen = record; es.onmessage = record; es.onerror = record;
  es.addEventListener("custom", record);
  for (let i = 0; i < 100 && es.readyState !== EventSource.CLOSED; i++) await sleep(50);
  log.push({ end: es.readyState });
  return log;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/stream") {
      seen.push({ accept: request.headers.get("accept"), cacheControl: request.headers.get("cache-control"), lastEventId: request.headers.get("last-event-id") });
      return new Response(STREAM, { headers: { "content-type": "text/event-stream" } });
    }
    if (url.pathname === "/plain") return new Response("hi", { headers: { "content-type": "text/plain" } });
    if (url.pathname === "/missing") return new Response("no", { status: 404 });
    if (url.pathname === "/reconnect") {
      seen.length = 0;
      // closes at the second connection's open event
      const log = await watch(new URL("/stream", url).href, (l) => l.filter((e) => e.type === "open").length === 2);
      return Response.json({ log, seen });
    }
    if (url.pathname === "/refused") {
      return Response.json({
        missing: await watch(new URL("/missing", url).href, () => false),
        plain: await watch(new URL("/plain", url).href, () => false),
      });
    }
    if (url.pathname === "/shape") {
      let badUrl;
      try { new EventSource("not a url"); } catch (e) { badUrl = `${e.name}: ${e.message} (${e instanceof DOMException ? "DOMException" : e.constructor.name})`; }
      return Response.json({ badUrl, constants: [EventSource.CONNECTING, EventSource.OPEN, EventSource.CLOSED, EventSource.prototype.CLOSED],
        proto: Object.getOwnPropertyNames(EventSource.prototype).sort() });
    }
    return new Response("not found", { status: 404 });
  },
};
