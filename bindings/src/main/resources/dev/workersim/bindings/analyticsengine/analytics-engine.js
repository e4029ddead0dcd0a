// bindings/analyticsengine/analytics-engine.js: the class of every [[analytics_engine_datasets]]
// binding, LocalAnalyticsEngineDataset as wrangler dev names it (own field `env`, writeDataPoint on
// the prototype). Locally writeDataPoint checks nothing and returns undefined (recorded: too many
// blobs, wrong types, two indexes and no argument at all are all accepted).
(function (ops, $) {
  "use strict";
  const hostOps = new WeakMap(); // dataset -> its Java ops
  const decoder = new TextDecoder();

  // A blob or index as text for the log: ArrayBuffers and views by their UTF-8 content.
  function plain(v) {
    if (v instanceof ArrayBuffer) return decoder.decode(new Uint8Array(v));
    if (ArrayBuffer.isView(v)) return decoder.decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return v;
  }

  function pointJson(event) {
    const point = {};
    for (const field of ["blobs", "doubles", "indexes"]) {
      const values = event[field];
      if (Array.isArray(values)) point[field] = values.map(plain);
    }
    return JSON.stringify(point);
  }

  class LocalAnalyticsEngineDataset {
    constructor(o, config) {
      this.env = { dataset: config.dataset };
      hostOps.set(this, o);
    }

    writeDataPoint(event) {
      const o = hostOps.get(this);
      if (o === undefined || event === null || typeof event !== "object") return;
      // Never throws, as wrangler dev's does not: a point that cannot be logged is dropped.
      try { o.write(pointJson(event)); } catch { /* e.g. a cyclic or BigInt value */ }
    }
  }

  return { analytics_engine: (o, config) => new LocalAnalyticsEngineDataset(o, config) };
})
