import { WorkerEntrypoint } from "cloudflare:workers";
import { keyOf, summary } from "./summary.js";

const seen = new Map();

export default class extends WorkerEntrypoint {
  tail(events) {
    const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k); return x && [x.writable, x.enumerable, x.configurable, "get" in x]; };
    const probe = {
      item: d(events[0], "outcome"), logs: d(events[0], "logs"), event: d(events[0], "event"),
      frozenEvents: Object.isFrozen(events), frozenItem: Object.isFrozen(events[0]), frozenLogs: Object.isFrozen(events[0].logs),
      log: events[0].logs[0] ? d(events[0].logs[0], "message") : null,
      request: events[0].event?.request ? d(events[0].event.request, "url") : null,
      tag: Object.prototype.toString.call(events[0]),
    };
    for (const item of events) {
      const key = keyOf(item);
      if (key !== "/__events") seen.set(key, { form: "class", thisIsEntrypoint: this instanceof WorkerEntrypoint, probe, ...summary(item, events.length) });
    }
  }
  fetch(request) {
    const key = new URL(request.url).searchParams.get("key");
    if (!seen.has(key)) return new Response("not yet: " + key + " (have " + [...seen.keys()].join(",") + ")", { status: 404 });
    return Response.json(seen.get(key));
  }
}
