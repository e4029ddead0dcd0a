// Service-worker syntax: the legacy "tail" event carries the items as event.traces.
const seen = new Map();
function stamp(t) { return typeof t + (t > 0 ? ">0" : ""); }

addEventListener("tail", (event) => {
  for (const item of event.traces) {
    const ev = item.event;
    const key = ev && ev.request ? new URL(ev.request.getUnredacted().url).pathname
      : ev && "cron" in ev ? "cron:" + ev.cron : ev && "rpcMethod" in ev ? "rpc:" + ev.rpcMethod : "other";
    if (key === "/__events") continue;
    seen.set(key, {
      form: "service-worker",
      type: event.type,
      ctor: event.constructor.name,
      own: Object.keys(event),
      waitUntil: typeof event.waitUntil,
      events: event.events === event.traces,
      outcome: item.outcome,
      eventTimestamp: stamp(item.eventTimestamp),
      logs: item.logs.map((l) => [l.level, l.message]),
      exceptions: item.exceptions.map((e) => [e.name, e.message]),
    });
  }
});

addEventListener("fetch", (event) => {
  const key = new URL(event.request.url).searchParams.get("key");
  event.respondWith(seen.has(key) ? Response.json(seen.get(key))
    : new Response("not yet: " + key + " (have " + [...seen.keys()].join(",") + ")", { status: 404 }));
});
