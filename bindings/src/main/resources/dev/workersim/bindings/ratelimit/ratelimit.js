// bindings/ratelimit/ratelimit.js: Ratelimit, the class of every [[ratelimits]] binding in env, as
// wrangler dev shows it (own fields fetcher, limitVal, period; limit() on the prototype). Argument
// checks and their errors are the ones recorded from wrangler dev.
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { guardIo } = imports;
  const OPTION_KEYS = ["key", "limit", "period", "delta"];
  const PERIODS = [10, 60];
  const MAX_UINT32 = 4294967295;
  const hostOps = new WeakMap(); // Ratelimit -> its RateLimitOps

  function check(test, message) {
    if (!test) throw new Error(message);
  }

  // `delta` (how many calls this one counts for) as workerd converts an unsigned integer.
  function toDelta(delta) {
    const value = +delta;
    if (!Number.isFinite(value)) throw new TypeError("The value cannot be converted because it is not an integer.");
    if (value < 0) throw new TypeError("The value cannot be converted because it is negative and this API expects a positive number.");
    if (value > MAX_UINT32) throw new TypeError(`Value out of range. Must be less than or equal to ${MAX_UINT32}.`);
    const whole = Math.trunc(value);
    if (whole === 0) throw new RangeError("delta must be non-zero");
    return whole;
  }

  class Ratelimit {
    constructor(o, config) {
      // wrangler dev's binding holds its service as `fetcher`; here it is an inert stand-in.
      this.fetcher = Object.freeze({});
      this.limitVal = config.limit;
      this.period = config.period;
      hostOps.set(this, o);
    }

    async limit(options) {
      const o = hostOps.get(this);
      if (o === undefined) throw new TypeError("Illegal invocation");
      check(typeof options === "object" && options !== null, "invalid rate limit options");
      const unknown = Object.keys(options).filter((k) => !OPTION_KEYS.includes(k));
      check(unknown.length === 0, `bad rate limit options: [${unknown.join(",")}]`);
      const { key = "", limit = this.limitVal, period = this.period, delta = 1 } = options;
      check(typeof key === "string", `invalid key: ${key}`);
      check(typeof limit === "number", `limit must be a number: ${limit}`);
      check(typeof period === "number", `period must be a number: ${period}`);
      check(PERIODS.includes(period), `unsupported period: ${period}`);
      const weight = toDelta(delta);
      return { success: o.limit(key, limit, period, weight) };
    }
  }
  guardIo(Ratelimit, ["limit"]);

  return { ratelimit: (o, config) => new Ratelimit(o, config) };
})
