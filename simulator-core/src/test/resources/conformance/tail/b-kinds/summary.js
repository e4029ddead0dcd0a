// Shared by both consumers: a TailItem summarised with its varying numbers replaced by checks.
function stamp(t) { return typeof t + (t > 0 ? ">0" : ""); }
function describe(v) {
  if (v === undefined) return "<undefined>";
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(describe);
  const out = { "<ctor>": Object.getPrototypeOf(v)?.constructor?.name ?? "null" };
  for (const k of Object.keys(v)) out[k] = k.endsWith("Time") || k === "timestamp" ? stamp(v[k]) : describe(v[k]);
  return out;
}
export function keyOf(item) {
  const ev = item.event;
  if (ev && ev.request) return new URL(ev.request.getUnredacted().url).pathname;
  if (ev && "cron" in ev) return "cron:" + ev.cron;
  if (ev && "rpcMethod" in ev) return "rpc:" + ev.rpcMethod;
  return "other:" + JSON.stringify(describe(ev));
}
export function summary(item, count) {
  const ev = item.event;
  return {
    count,
    outcome: item.outcome,
    entrypoint: item.entrypoint === undefined ? "<undefined>" : item.entrypoint,
    event: ev && ev.request ? { url: ev.request.url, method: ev.request.method, response: describe(ev.response) } : describe(ev),
    logs: item.logs.map((l) => [l.level, l.message, l.timestamp >= item.eventTimestamp]),
    exceptions: item.exceptions.map((e) => [e.name, e.message, typeof e.stack, e.timestamp >= item.eventTimestamp]),
  };
}
