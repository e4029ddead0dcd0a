// HTMLRewriter edges. Outputs are shown byte by byte (non-ASCII as [n]) to see the encoding.
const enc = new TextEncoder();
const err = (f) => { try { f(); return "no error"; } catch (e) { return `${e.name}: ${e.message}`; } };
const protoInfo = (o) => [Object.prototype.toString.call(o), Object.getOwnPropertyNames(Object.getPrototypeOf(o)).sort(), Object.keys(o)];
async function run(rw, chunks, ct = "text/html; charset=utf-8") {
  let res;
  try { res = rw.transform(new Response(new ReadableStream({ start(c) { for (const s of chunks) c.enqueue(typeof s === "string" ? enc.encode(s) : s); c.close(); } }), { headers: { "content-type": ct } })); } catch (e) { return { transformError: `${e.name}: ${e.message}` }; }
  try { return { out: [...new Uint8Array(await res.arrayBuffer())].map((b) => b < 128 ? String.fromCharCode(b) : `[${b}]`).join("") }; } catch (e) { return { error: `${e.name}: ${e.message}` }; }
}
const scenarios = {
  async order() {
    const log = [];
    const rw = new HTMLRewriter()
      .on("#a", { element(e) { e.after("A"); e.onEndTag((t) => { t.after("T1"); t.before("B1"); }); e.onEndTag((t) => { t.after("T2"); log.push("second end handler"); }); } })
      .on("#b", { element(e) { e.setInnerContent("I"); e.prepend("P"); e.append("Z"); } })
      .on("#c", { element(e) { e.prepend("P"); e.append("Z"); e.setInnerContent("I"); } })
      .on("#d", { element(e) { e.remove(); e.before("<"); e.after(">"); } })
      .on("#d b", { element(e) { log.push("inside removed: " + e.tagName); e.setAttribute("x", "1"); }, text(t) { log.push("text in removed: " + t.text); } })
      .on("#e", { element(e) { e.replace("R"); e.before("<"); e.after(">"); e.append("no"); } })
      .on("#f", { element(e) { e.removeAndKeepContent(); e.prepend("P"); e.append("Z"); log.push(e.removed); } })
      .on("#g", { element(e) { e.tagName = "SECTION"; log.push(e.tagName); e.setAttribute("NEW", "v"); log.push([...e.attributes]); } })
      .on("#h", { element(e) { log.push(err(() => e.setAttribute("a=b", "x")), err(() => e.setAttribute("", "x")), err(() => { e.tagName = "a b"; }), err(() => { e.tagName = "a/b"; }), err(() => e.setAttribute("a\"", "x")), err(() => e.setAttribute("<a", "x"))); } })
      .on("#i", { element(e) { log.push(protoInfo(e)); e.onEndTag((t) => log.push(protoInfo(t))); }, text(t) { if (t.lastInTextNode) log.push(protoInfo(t)); }, comments(c) { log.push(protoInfo(c)); } })
      .on("#j", { element(e) { e.setAttribute("q", "1"); } })
      .on("#k", { element(e) { e.onEndTag((t) => { log.push(t.name); t.name = "x"; log.push(t.name); }); } })
      .onDocument({ doctype(d) { log.push(protoInfo(d)); }, end(e) { log.push(protoInfo(e)); } });
    const r = await run(rw, ["<!doctype html><div id=a>a</div>|<div id=b>b<i>x</i></div>|<div id=c>c</div>|<div id=d>d<b>bb</b></div>|<div id=e>e</div>|",
      "<div id=f>f</div>|<div id=g>g</div>|<p id=h></p><p id=i>i<!--c--></p><svg><circle id=j r=1/></svg><div id=k></DIV>"]);
    return { ...r, log };
  },
  async selectors() {
    const log = [];
    for (const s of ["[=x]", "[a=b c]", ".1", "#", "p:not()", "*|a", ":nth-child(2n+1 of p)", "p:nth-child( 2n + 1 )", "li:nth-child(-2n+3)", "li:nth-child(+2)", "li:nth-child(n)", "p:nth-child(2n+)", "p..a", "p#1", "[a!=b]", "p,", ",p", "p  >  a", "a[b='c' x]", "p:first-child:hover", "p:not(:hover)", "div:not(p > a)", "p > > a", "[a=\"b]", "\\70"]) {
      let matched = [];
      const e = err(() => new HTMLRewriter().on(s, {}));
      log.push([s, e]);
    }
    const m = [];
    let rw = new HTMLRewriter();
    for (const s of ["li:nth-child(-2n+3)", "li:nth-child(+2)", "li:nth-child(n)", "li:nth-child( 2n + 1 )", "\\6c i", "#\\31"]) {
      if (err(() => new HTMLRewriter().on(s, {})) === "no error") rw = rw.on(s, { element(e) { m.push([s, e.getAttribute("id")]); } });
    }
    await run(rw, ["<ul><li id=1></li><li id=2></li><li id=3></li><li id=4></li></ul>"]);
    return { log, m };
  },
  async encodings() {
    const log = [];
    const rw = () => new HTMLRewriter().on("p", { element(e) { e.setAttribute("x", "\u00e9"); }, text(t) { log.push(t.text); } });
    const latin = await run(rw(), [new Uint8Array([0x3c, 0x70, 0x3e, 0xe9, 0x3c, 0x2f, 0x70, 0x3e])], "text/html; charset=windows-1252");
    const bad = await run(new HTMLRewriter().on("p", { element(e) { e.setAttribute("x", "\u00e9"); } }), [new Uint8Array([0x3c, 0x70, 0x3e, 0xff, 0xc3, 0x3c, 0x2f, 0x70, 0x3e])]);
    const bom = await run(new HTMLRewriter(), [new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x70, 0x3e])]);
    const none = await run(rw(), ["<p>\u00e9</p>"], "text/plain");
    const unmappable = await run(new HTMLRewriter().on("p", { element(e) { e.setAttribute("x", "\u2603"); e.append("\u2603&"); } }), ["<p>x</p>"], "text/html; charset=iso-8859-1");
    // (workerd splits this text as "\ufffd", then "\ufffd" as the last chunk; the simulator gives both at once, then "")
    const badLogged = await run(new HTMLRewriter().on("p", { element(e) { e.setAttribute("x", "\u00e9"); }, text(t) { t.text; } }), [new Uint8Array([0x3c, 0x70, 0x3e, 0xff, 0xc3, 0x3c, 0x2f, 0x70, 0x3e])]);
    const unknown = await run(rw(), ["<p>\u00e9</p>"], "text/html; charset=x-nope");
    const utf16 = await run(rw(), ["<p>\u00e9</p>"], "text/html; charset=utf-16le");
    const sjis = await run(new HTMLRewriter().on("p", { element(e) { e.setAttribute("x", "\u3042"); } }), [new Uint8Array([0x3c, 0x70, 0x3e, 0x82, 0xa0, 0x3c, 0x2f, 0x70, 0x3e])], "text/html; charset=shift_jis");
    return { latin, bad, bom, none, unmappable, badLogged, unknown, utf16, sjis, log };
  },
};
export default {
  async fetch(request) {
    const f = scenarios[new URL(request.url).pathname.slice(1)];
    return Response.json(await f());
  },
};
