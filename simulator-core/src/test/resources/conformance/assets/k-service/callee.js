export default { fetch(request) { return new Response("callee worker " + new URL(request.url).pathname); } };
