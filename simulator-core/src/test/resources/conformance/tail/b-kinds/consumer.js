import { WorkerEntrypoint } from "cloudflare:workers";
import { keyOf, summary } from "./summary.js";

const seen = new Map();

export default class extends WorkerEntrypoint {
  tail(events) {
    for (const item of events) {
      const key = keyOf(item);
      if (key !== "/__events") seen.set(key, { form: "class", thisIsEntrypoint: this instanceof WorkerEntrypoint, ...summary(item, events.length) });
    }
  }
  fetch(request) {
    const key = new URL(request.url).searchParams.get("key");
    if (!seen.has(key)) return new Response("not yet: " + key + " (have " + [...seen.keys()].join(",") + ")", { status: 404 });
    return Response.json(seen.get(key));
  }
}
