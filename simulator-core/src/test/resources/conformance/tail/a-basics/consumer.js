// The tail consumer: keeps each TailItem it gets (normalised: timestamps vary) under a key, and
// answers GET /events?key=K with the item (404 until it has arrived).
const seen = new Map();
const raw = new Map(); // key -> JSON.stringify(events), as a consumer forwarding its events sends them

function describe(v) {
  if (v === undefined) return "<undefined>";
  if (typeof v === "bigint") return "<bigint " + v + ">";
  if (typeof v === "function") return "<function>";
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(describe);
  const proto = Object.getPrototypeOf(v);
  const out = { "<proto>": proto === null ? "null" : proto === Object.prototype ? "Object" : proto.constructor?.name };
  for (const k of Object.keys(v)) out[k] = describe(v[k]);
  return out;
}

const ctor = (v) => { const p = Object.getPrototypeOf(v); return p === null ? "null" : p.constructor?.name; };

const stamp = (t) => typeof t + (t > 0 ? ">0" : "");

function pick(headers) {
  const out = {};
  for (const k of Object.keys(headers).sort()) {
    if (k.startsWith("x-") || ["authorization", "cookie", "content-type", "set-cookie"].includes(k)) out[k] = headers[k];
  }
  return out;
}

function request(r) {
  return {
    ctor: ctor(r),
    keys: Object.keys(r),
    proto: Object.getOwnPropertyNames(Object.getPrototypeOf(r)).sort(),
    url: r.url,
    method: r.method,
    headers: pick(r.headers),
    headerNamesLower: Object.keys(r.headers).every((k) => k === k.toLowerCase()),
    cf: typeof r.cf,
    getUnredacted: typeof r.getUnredacted,
  };
}

function normalise(item, count) {
  const out = { count, ctor: ctor(item), keys: Object.keys(item), scriptName: item.scriptName, outcome: item.outcome,
    eventTimestamp: stamp(item.eventTimestamp) };
  const ev = item.event;
  if (ev && ev.request) {
    const u = ev.request.getUnredacted();
    out.event = { ctor: ctor(ev), keys: Object.keys(ev), request: request(ev.request), unredacted: request(u), response: ev.response === undefined ? "<undefined>" : describe(ev.response) };
  } else {
    out.event = describe(ev);
    if (ev && "scheduledTime" in ev) out.event.scheduledTime = stamp(ev.scheduledTime);
  }
  out.logs = item.logs.map((l) => ({ ctor: ctor(l), keys: Object.keys(l), errorInfo: l.errorInfo && l.errorInfo.map((e) => e && { ...e, stack: typeof e.stack }), level: l.level, message: describe(l.message), timestamp: stamp(l.timestamp) }));
  out.exceptions = item.exceptions.map((e) => ({ ctor: ctor(e), keys: Object.keys(e), name: e.name, message: e.message, timestamp: stamp(e.timestamp), stack: typeof e.stack }));
  const known = ["scriptName", "outcome", "eventTimestamp", "event", "logs", "exceptions"];
  out.other = {};
  for (const k of Object.keys(item)) {
    if (known.includes(k)) continue;
    const v = item[k];
    out.other[k] = typeof v === "number" ? "number" : describe(v);
  }
  return out;
}

function keyOf(item) {
  const ev = item.event;
  if (ev && ev.request) {
    const u = new URL(ev.request.getUnredacted().url);
    // wrangler dev runs /__scheduled as a fetch: keep its query apart.
    return u.pathname.startsWith("/__scheduled") || u.pathname.startsWith("/cdn-cgi/") ? u.pathname + u.search : u.pathname;
  }
  if (ev && "cron" in ev) return "cron:" + ev.cron;
  return "other";
}

export default {
  async tail(events, env, ctx) {
    for (const item of events) {
      const key = keyOf(item);
      if (key === "/__events") continue;
      raw.set(key, JSON.stringify(events));
      seen.set(key, { isArray: Array.isArray(events), waitUntil: typeof ctx.waitUntil, item: normalise(item, events.length) });
    }
  },
  async fetch(request) {
    const key = new URL(request.url).searchParams.get("key");
    if (new URL(request.url).searchParams.has("raw")) {
      return raw.has(key) ? new Response(raw.get(key)) : new Response("not yet", { status: 404 });
    }
    if (!seen.has(key)) return new Response("not yet: " + key + " (have " + [...seen.keys()].join(",") + ")", { status: 404 });
    return Response.json(seen.get(key));
  },
};
