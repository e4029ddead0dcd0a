// Answers every request with the path it saw: a step shows whether the worker or the dev server answered.
export default {
  fetch(request) {
    return new Response("worker: " + new URL(request.url).pathname);
  },
  scheduled() {},
};
