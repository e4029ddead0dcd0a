// A worker that grows a global array until the heap is full (issue #14 item 3). wrangler dev:
// workerd aborts at V8's heap limit, wrangler restarts it, the request fails with "Network
// connection lost." and the next one is answered by a fresh isolate (the array is gone).
const held = [];
export default {
  fetch(req) {
    if (new URL(req.url).pathname === "/grow") for (;;) held.push(new Array(1e5).fill(1));
    return new Response("held " + held.length);
  },
};
