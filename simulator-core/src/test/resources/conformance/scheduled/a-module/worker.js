// Records every scheduled() call; the cron string chooses how the handler ends.
const log = [];
export default {
  async scheduled(controller, env, ctx) {
    log.push({ cron: controller.cron, type: controller.type, scheduledTime: controller.scheduledTime,
      timeType: typeof controller.scheduledTime,
      noRetry: typeof controller.noRetry, noRetryResult: String(controller.noRetry()),
      // The controller's shape only for the cdn-cgi route: Miniflare's /__scheduled passes another object.
      ...(controller.cron === "shape" ? { ctrlTag: Object.prototype.toString.call(controller), keys: Object.keys(controller),
        protoKeys: Object.getOwnPropertyNames(Object.getPrototypeOf(controller)).sort() } : {}),
      nowMinusTime: Date.now() - controller.scheduledTime < 86400000 });
    switch (controller.cron) {
      case "throw": throw new Error("boom from scheduled");
      case "reject": return Promise.reject(new Error("rejected promise"));
      case "wu-reject": ctx.waitUntil(Promise.reject(new Error("waitUntil failed"))); return;
      case "wu-ok": ctx.waitUntil(new Promise((r) => setTimeout(r, 50))); return;
      case "wu-slow-reject": ctx.waitUntil(new Promise((_, j) => setTimeout(() => j(new Error("late")), 100))); return;
      case "return-value": return "some value";
    }
  },
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/log") {
      const now = Date.now();
      return Response.json(log.map((e) => ({ ...e, scheduledTime: Math.abs(e.scheduledTime - now) < 86400000 ? "near-now" : e.scheduledTime })));
    }
    return new Response("fetch " + url.pathname + url.search);
  },
};
