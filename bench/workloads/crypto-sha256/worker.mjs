// Answers the hex SHA-256 of the request body (wrk POSTs 1 MB; the readiness probe's GET hashes nothing).
export default {
  async fetch(request) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await request.arrayBuffer()));
    let hex = "";
    for (const b of digest) hex += b.toString(16).padStart(2, "0");
    return new Response(hex);
  },
};
