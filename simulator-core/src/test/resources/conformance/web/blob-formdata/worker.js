function tryIt(fn) { try { const v = fn(); return v === undefined ? "ok" : v; } catch (e) { return { threw: e.name, message: e.message }; } }
async function tryAsync(fn) { try { const v = await fn(); return v === undefined ? "ok" : v; } catch (e) { return { threw: e.name, message: e.message }; } }
async function describe(v) {
  if (typeof v === "string") return v;
  return { file: v instanceof File, blob: v instanceof Blob, name: v.name, type: v.type, size: v.size, text: await v.text() };
}
async function entries(fd) { const out = []; for (const [k, v] of fd) out.push([k, await describe(v)]); return out; }
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/blob") {
      const b = new Blob(["ab", new Uint8Array([99, 100]), new Blob(["ef"]), "\u2713"], { type: "Text/Plain;Charset=UTF-8" });
      const s = b.slice(1, -3, "X/Y");
      return Response.json({
        size: b.size, type: b.type, text: await b.text(), bytes: [...await b.bytes()], ab: (await b.arrayBuffer()).byteLength,
        slice: [s.size, s.type, await s.text()], sliceNeg: await b.slice(-3).text(), sliceEmpty: b.slice(5, 2).size,
        empty: [new Blob().size, new Blob().type], badType: new Blob([], { type: "a\u00e9" }).type,
        streamText: await new Response(b.stream()).text(), tag: Object.prototype.toString.call(b),
        notSeq: tryIt(() => new Blob("abc")), numberPart: await new Blob([12, null]).text(),
        lone: [...await new Blob(["\ud800"]).bytes()],
        file: (() => { const f = new File(["x"], "n.txt", { type: "text/plain", lastModified: 42 }); return [f.name, f.type, f.size, f.lastModified, f instanceof Blob, Object.prototype.toString.call(f)]; })(),
        fileArgs: tryIt(() => new File(["x"])), fileNow: typeof new File([], "a").lastModified,
        keys: Object.keys(Blob.prototype), fileKeys: Object.keys(File.prototype),
      });
    }
    if (url.pathname === "/blob-body") {
      const r = new Response(new Blob(["hi"], { type: "text/x-hi" }));
      const r2 = new Response(new Blob(["no type"]));
      const req = new Request("https://x/", { method: "POST", body: new Blob(["q"], { type: "a/b" }) });
      const back = await new Response("abc", { headers: { "content-type": "Text/HTML; charset=utf-8" } }).blob();
      return Response.json({
        type: r.headers.get("content-type"), text: await r.text(), noType: r2.headers.get("content-type"),
        reqType: req.headers.get("content-type"), backType: back.type, backText: await back.text(), backSize: back.size,
        noHeaderBlob: (await new Response(new Uint8Array([1, 2])).blob()).type,
      });
    }
    if (url.pathname === "/formdata") {
      const fd = new FormData();
      fd.append("a", "1");
      fd.append("b", new Blob(["bb"], { type: "text/b" }));
      fd.append("c", new Blob(["cc"]), "c.txt");
      fd.append("a", 2);
      fd.append("f", new File(["ff"], "f.bin", { type: "application/x-f" }));
      fd.set("z", "last");
      const before = await entries(fd);
      fd.set("a", "only");
      const got = { get: fd.get("a"), getAll: fd.getAll("a"), has: [fd.has("a"), fd.has("q")], missing: fd.get("q"), keys: [...fd.keys()] };
      fd.delete("z");
      return Response.json({
        before, after: await entries(fd), ...got, tag: Object.prototype.toString.call(fd),
        forEach: (() => { const o = []; fd.forEach((v, k) => o.push(k)); return o; })(),
        ctorArg: tryIt(() => new FormData({})), appendOne: tryIt(() => fd.append("x")),
        appendStrFilename: tryIt(() => { fd.append("x", "y", "name"); return fd.get("x"); }),
        protoKeys: Object.keys(FormData.prototype),
      });
    }
    if (url.pathname === "/formdata-body") {
      const fd = new FormData();
      fd.append("name", "value \u2713");
      fd.append("quote\"d", "line1\nline2");
      fd.append("file", new File([new Uint8Array([0, 255, 1])], "bin\".dat", { type: "application/octet-stream" }));
      fd.append("blob", new Blob(["typed"], { type: "text/plain" }));
      const r = new Response(fd);
      const ct = r.headers.get("content-type");
      const raw = await r.clone().text();
      const parsed = await r.formData();
      const boundary = ct.split("boundary=")[1];
      return Response.json({
        ctPrefix: ct.split(";")[0], hasBoundary: !!boundary,
        raw: raw.split(boundary).join("BOUNDARY"),
        parsed: await entries(parsed),
        fileBytes: [...await parsed.get("file").bytes()],
      });
    }
    if (url.pathname === "/parse") {
      return Response.json(await tryAsync(async () => entries(await request.formData())));
    }
    return new Response("not found", { status: 404 });
  },
};
