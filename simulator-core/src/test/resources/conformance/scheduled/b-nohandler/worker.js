export default {
  async fetch(request) {
    const url = new URL(request.url);
    return new Response("fetch " + url.pathname + url.search);
  },
};
