export default {
  async fetch() {
    const out = {};
    for (const m of ["patch", "custom", "get", "Post", "connect", "CoNnEcT", "TRACE", "TRACK", "PURGE", "purge", "COPY", "LOCK", "MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "ACL", "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE", "M-SEARCH", "MSEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "QUERY", "Delete", "head"]) {
      try { out["method " + m] = new Request("https://x/", { method: m }).method; } catch (e) { out["method " + m] = e.name + ": " + e.message; }
    }
    const blob = await new Response("x", { headers: { "content-type": "Text/Plain; Charset=UTF-8; foo=\"bar\"" } }).blob();
    out.blobType = blob.type;
    const blob2 = await new Response("x", { headers: { "content-type": "not a mime" } }).blob();
    out.blobType2 = blob2.type;
    const target = new EventTarget();
    let seenThis = null;
    target.addEventListener("ping", function () { seenThis = this === target; });
    target.dispatchEvent(new Event("ping"));
    out.eventThis = seenThis;
    const p = new URLSearchParams("a=1&a=2&b=3");
    p.delete("a", "1");
    out.deleteWithValue = p.toString();
    out.hasWithValue = p.has("a", "2") + "," + p.has("a", "1");
    return Response.json(out);
  },
};
