export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const j = (v) => Response.json(v);
    const err = (e) => ({ name: e.name, message: e.message, ctor: e.constructor.name });
    switch (url.pathname) {
      case "/throwing-fetch": {
        try { const res = await env.B.fetch("https://b/throw"); return j({ status: res.status, body: (await res.text()).slice(0, 60) }); }
        catch (e) { return j({ rejected: err(e) }); }
      }
      case "/plain-rpc": try { await env.PLAIN.hello(); return j({ ok: true }); } catch (e) { return j(err(e)); }
      case "/plain-fetch": { const res = await env.PLAIN.fetch("https://b/x"); return j({ status: res.status, body: await res.text() }); }
      case "/missing": try { await env.B.nope(1); return j({ ok: true }); } catch (e) { return j(err(e)); }
      case "/types": {
        const v = await env.B.echo({ d: new Date(5), m: new Map([[1, "x"]]), s: new Set([2]), u: undefined, n: null, big: 7n, bytes: new Uint8Array([1, 2]), nan: NaN, arr: [1, [2]] });
        return j({ d: v.d instanceof Date, m: v.m instanceof Map && v.m.get(1), s: v.s instanceof Set, hasU: "u" in v, n: v.n, big: typeof v.big, bytes: Object.prototype.toString.call(v.bytes), nan: Number.isNaN(v.nan), arr: v.arr });
      }
      case "/custom-error": try { await env.B.custom(); return j({ ok: true }); } catch (e) { return j(err(e)); }
      case "/typeof": return j({ t: typeof env.B, fetch: typeof env.B.fetch, tag: Object.prototype.toString.call(env.B), any: typeof env.B.anything });
    }
    return new Response("a");
  },
};
