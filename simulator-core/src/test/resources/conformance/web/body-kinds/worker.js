async function tryAsync(fn) { try { const v = await fn(); return v === undefined ? "ok" : v; } catch (e) { return { threw: e.name, message: e.message }; } }
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/types") {
      const fd = new FormData(); fd.append("a", "1");
      const kinds = { string: "s", blob: new Blob(["b"], { type: "x/y" }), untypedBlob: new Blob(["b"]), formData: fd,
        params: new URLSearchParams("a=1"), bytes: new Uint8Array([1]), stream: new Blob(["s"]).stream() };
      const out = {};
      for (const [k, v] of Object.entries(kinds)) {
        const req = new Request("https://x/", { method: "POST", body: v });
        const ct = req.headers.get("content-type");
        const rct = new Response(k === "stream" ? null : v).headers.get("content-type");
        out[k] = [k === "formData" ? ct.replace(/boundary=[0-9a-f]{32}$/, "boundary=HEX32") : ct, k === "formData" ? rct.replace(/boundary=[0-9a-f]{32}$/, "boundary=HEX32") : rct];
      }
      const overridden = new Request("https://x/", { method: "POST", body: new Blob(["b"], { type: "x/y" }), headers: { "content-type": "a/b" } });
      out.overridden = overridden.headers.get("content-type");
      return Response.json(out);
    }
    if (url.pathname === "/reads") {
      const fd = new FormData(); fd.append("k", "v"); fd.append("f", new File(["file"], "f.txt"));
      const r = new Response(fd);
      const used = [r.bodyUsed];
      const back = await r.formData();
      used.push(r.bodyUsed);
      return Response.json({
        used, back: [...back.keys()], again: await tryAsync(() => r.formData()),
        emptyBlob: await tryAsync(async () => { const b = await new Response(null).blob(); return [b.size, b.type]; }),
        emptyForm: await tryAsync(async () => [...(await new Response("", { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData())]),
        jsonBlob: await tryAsync(async () => (await Response.json({ a: 1 }).blob()).type),
        paramsForm: await tryAsync(async () => [...(await new Response(new URLSearchParams("x=1&y=2")).formData())]),
        cloneBlob: await tryAsync(async () => { const a = new Response(new Blob(["cl"])); const b = a.clone(); return [await a.text(), await b.text()]; }),
        requestFormData: await tryAsync(async () => [...(await new Request("https://x/", { method: "POST", body: fd }).formData()).keys()]),
        fileEntry: await tryAsync(async () => { const f = (await new Response(fd).formData()).get("f"); return [f.name, f.type, await f.text()]; }),
        textOnMultipart: await tryAsync(async () => (await new Response(fd).text()).includes('filename="f.txt"')),
      });
    }
    if (url.pathname === "/blob-length") {
      return new Response(new Blob(["0123456789"]));
    }
    if (url.pathname === "/form-response") {
      const fd = new FormData(); fd.append("x", "y");
      return new Response(fd);
    }
    return new Response("not found", { status: 404 });
  },
};
