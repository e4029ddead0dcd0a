// Service-worker syntax: a "scheduled" listener.
const log = [];
addEventListener("scheduled", (event) => {
  log.push({ cron: event.cron, type: event.type, scheduledTime: Math.abs(event.scheduledTime - Date.now()) < 86400000 ? "near-now" : event.scheduledTime, tag: Object.prototype.toString.call(event),
    noRetry: typeof event.noRetry, waitUntil: typeof event.waitUntil });
  if (event.cron === "throw") throw new Error("sw boom");
  if (event.cron === "wu-reject") event.waitUntil(Promise.reject(new Error("sw wu")));
});
addEventListener("fetch", (event) => {
  event.respondWith(Response.json(log));
});
