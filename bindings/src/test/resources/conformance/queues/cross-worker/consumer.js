const batches = [];
export default {
  async fetch() {
    return Response.json(batches);
  },
  async queue(batch, env) {
    batches.push({ queue: batch.queue, size: batch.messages.length, bodies: batch.messages.map((m) => m.body).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), attempts: batch.messages.map((m) => m.attempts) });
  },
};
