import timers from "node:timers";
import { setTimeout as sleep, setImmediate as immediate } from "node:timers/promises";
import qs from "node:querystring";
import process from "node:process";
export default {
  async fetch() {
    const log = [];
    const t = timers.setTimeout(() => log.push("timeout"), 1);
    const cleared = timers.setTimeout(() => log.push("cleared!"), 1);
    timers.clearTimeout(cleared);
    const info = [typeof t, t.constructor?.name, typeof t.ref, typeof t.unref, t.hasRef?.(), typeof t[Symbol.toPrimitive]];
    setImmediate((a) => log.push("immediate " + a), "x");
    process.nextTick((a, b) => log.push("tick " + a + b), 1, 2);
    Promise.resolve().then(() => log.push("promise"));
    const v = await sleep(5, "value");
    const i = await immediate("imm");
    const ac = new AbortController();
    const p = sleep(1000, null, { signal: ac.signal });
    ac.abort();
    let aborted;
    try { await p; } catch (e) { aborted = [e.name, e.code, e.message]; }
    return Response.json({
      log, info, v, i, aborted,
      qs: [qs.stringify({ a: [1, 2], b: "x y", c: "" }), JSON.stringify(qs.parse("a=1&a=2&b=x+y&c")), qs.escape("a b&"), qs.unescape("%41%20")],
    });
  },
};
