// How /cdn-cgi/handler/scheduled reads `time` and `cron`.
const log = [];
export default {
  async scheduled(controller) {
    const now = Date.now();
    log.push({ cron: controller.cron, t: Math.abs(controller.scheduledTime - now) < 86400000 ? "near-now" : controller.scheduledTime });
    console.log("ran " + controller.cron);
  },
  async fetch() { return Response.json(log); },
};
