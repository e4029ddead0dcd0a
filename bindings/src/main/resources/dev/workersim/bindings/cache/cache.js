// bindings/cache/cache.js: the Cache API (`caches.default`, `caches.open(name)`), over one store.
// Argument checks and their TypeErrors live here; storability, TTLs, ranges and conditional
// requests are decided by the Java side (CacheOps, CachePolicy).
// imports: runtime/internal, web/fetch/headers, web/fetch/request, web/fetch/response
(function (ops, $, imports) {
  "use strict";
  const { Request, Headers, Response, fromHost, idl, expose } = imports;
  const kInternal = Symbol("internal");

  function toRequest(request) {
    return request instanceof Request ? request : new Request(String(request));
  }

  // Cache keys are URLs without the fragment.
  const keyOf = (req) => req.url.split("#")[0];

  function flatHeaders(headers) {
    const parts = [];
    for (const [k, v] of headers) parts.push(k, v);
    return parts.join("\0");
  }

  function headersFrom(flat) {
    const out = new Headers();
    if (!flat) return out;
    const p = flat.split("\0");
    for (let i = 0; i + 1 < p.length; i += 2) out.append(p[i], p[i + 1]);
    return out;
  }

  class Cache {
    #ops;
    #name;

    constructor(token, o, name) {
      if (token !== kInternal) throw new TypeError("Illegal constructor");
      this.#ops = o;
      this.#name = name;
    }

    async put(request, response) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
      const req = toRequest(request);
      if (!(response instanceof Response)) throw new TypeError("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
      if (req.method !== "GET") throw new TypeError("Cannot cache response to non-GET request.");
      if (response.status === 206) throw new TypeError("Cannot cache response to a range request (206 Partial Content).");
      const vary = response.headers.get("vary");
      if (vary !== null && vary.split(",").some((v) => v.trim() === "*")) throw new TypeError("Cannot cache response with 'Vary: *' header.");
      if (response.bodyUsed) throw new TypeError("Response body is already used");
      const bytes = new Uint8Array(await response.arrayBuffer());
      await new Promise((resolve, reject) => this.#ops.put(this.#name, keyOf(req), response.status, flatHeaders(response.headers),
        bytes.buffer, bytes.byteOffset, bytes.byteLength).then(() => resolve(undefined), (m) => reject(new Error(m))));
    }

    async match(request, options) {
      const req = toRequest(request);
      if (req.method !== "GET" && !options?.ignoreMethod) return undefined;
      const [status, headers, body] = await new Promise((resolve, reject) =>
        this.#ops.match(this.#name, keyOf(req), flatHeaders(req.headers)).then((...a) => resolve(a), (m) => reject(new Error(m))));
      if (status === 0) return undefined;
      const bytes = body === null || body === undefined ? null : fromHost(body);
      return new Response(bytes, { status, headers: headersFrom(headers) });
    }

    async delete(request, options) {
      const req = toRequest(request);
      if (req.method !== "GET" && !options?.ignoreMethod) return false;
      return new Promise((resolve, reject) => this.#ops.delete(this.#name, keyOf(req)).then((r) => resolve(r), (m) => reject(new Error(m))));
    }
  }
  idl(Cache, "Cache");

  class CacheStorage {
    #ops;
    #default = null;
    #named = new Map();

    constructor(token, o) {
      if (token !== kInternal) throw new TypeError("Illegal constructor");
      this.#ops = o;
    }

    get default() {
      if (this.#default === null) this.#default = new Cache(kInternal, this.#ops, "default");
      return this.#default;
    }

    async open(cacheName) {
      const name = String(cacheName);
      // Named caches live beside the default one; the prefix keeps a cache named "default" apart.
      let c = this.#named.get(name);
      if (c === undefined) this.#named.set(name, (c = new Cache(kInternal, this.#ops, "named:" + name)));
      return c;
    }
  }
  idl(CacheStorage, "CacheStorage");
  expose("Cache", Cache);
  expose("CacheStorage", CacheStorage);

  return { cache: (o) => new CacheStorage(kInternal, o) };
})
