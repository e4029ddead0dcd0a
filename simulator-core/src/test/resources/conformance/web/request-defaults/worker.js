// What an incoming request carries by default: its redirect mode and other fields, and request.cf
// as wrangler dev gives it locally when it cannot fetch the real one (its placeholder: fields, order, values).
export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/fields") {
      return Response.json({
        redirect: request.redirect, method: request.method, integrity: request.integrity,
        keepalive: request.keepalive, bodyUsed: request.bodyUsed, hasBody: request.body !== null,
        signalAborted: request.signal.aborted, cloneRedirect: request.clone().redirect,
        copiedRedirect: new Request(request).redirect, freshRedirect: new Request("http://x/").redirect,
      });
    }
    if (pathname === "/cf-keys") return Response.json(Object.keys(request.cf));
    if (pathname === "/cf") {
      const { httpProtocol, clientAcceptEncoding, ...rest } = request.cf;
      return Response.json({ httpProtocol, ...rest });
    }
    return new Response("not found", { status: 404 });
  },
};
