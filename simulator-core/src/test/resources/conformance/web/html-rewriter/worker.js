// HTMLRewriter scenarios. Each path rewrites a fixed document fed in fixed chunks and answers
// JSON {out, log}: the rewritten text and what the handlers saw.
const enc = new TextEncoder();
function source(chunks) {
  return new Response(new ReadableStream({
    start(c) { for (const s of chunks) c.enqueue(typeof s === "string" ? enc.encode(s) : s); c.close(); },
  }), { headers: { "content-type": "text/html; charset=utf-8" } });
}
const q = JSON.stringify;
function err(f) {
  try { f(); return "no error"; } catch (e) { return `${e.name}: ${e.message}`; }
}
async function run(rw, chunks) {
  try {
    const res = rw.transform(source(chunks));
    return { out: await res.text(), ct: res.headers.get("content-type"), cl: res.headers.get("content-length") };
  } catch (e) {
    return { error: `${e.name}: ${e.message}` };
  }
}
function el(log) {
  return (e) => log.push(["el", e.tagName, [...e.attributes], e.namespaceURI, e.selfClosing, e.canHaveContent, e.removed]);
}
const txt = (log, tag) => (t) => log.push([tag || "text", t.text, t.lastInTextNode, t.removed]);

const scenarios = {
  async passthrough() {
    const log = [];
    const rw = new HTMLRewriter()
      .on("*", { element: el(log), comments: (c) => log.push(["el-comment", c.text]), text: txt(log, "el-text") })
      .onDocument({
        doctype: (d) => log.push(["doctype", d.name, d.publicId, d.systemId]),
        comments: (c) => log.push(["comment", c.text, c.removed]),
        text: txt(log),
        end: () => log.push(["end"]),
      });
    const r = await run(rw, [
      '<!doctype HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">\n',
      "<HTML lang=en><Body CLASS='a  b' data-x = \"1\" >  <!-- c -->&amp; &lt;x&gt; <br/><input disabled value = \"x\">",
      "<script>if (a<b) \"</div>\"</script><style>p > a {}</style><textarea><b>x</b></textarea><title>A &amp; B</title>",
      "<svg viewBox='0 0 1 1'><circle r=1 /><style>x<y</style></svg><math><mi>x</mi></math><p>caf\u00e9 \u2603 <x-y:z></x-y:z></P><!DOCTYPE><!--->",
      "</body></html>",
    ]);
    return { ...r, log };
  },
  async textSplit() {
    const log = [];
    const rw = new HTMLRewriter().on("p", { text: txt(log) }).onDocument({ text: txt(log, "doc") });
    const r = await run(rw, ["<p>hel", "lo wor", "ld</p>x", "y", "<p></p><p>a<b>b</b>c</p>", enc.encode("<p>\u2603").slice(0, 5), enc.encode("\u2603</p>").slice(2)]);
    return { ...r, log };
  },
  async splitTags() {
    const log = [];
    const rw = new HTMLRewriter().on("a", { element: el(log) }).onDocument({ comments: (c) => log.push(["comment", c.text]) });
    const r = await run(rw, ["<", "a hr", "ef=\"x", "y\" cl", "ass=z>t</", "a><!-", "- hi -", "-><a\n", "/>"]);
    return { ...r, log };
  },
  async contentMutations() {
    const rw = new HTMLRewriter()
      .on("#b", { element(e) { e.before("<b>&\"'", { html: false }); e.after("<i>x</i>", { html: true }); e.prepend("[pre<]"); e.append("<u>app</u>", { html: true }); } })
      .on("#i", { element(e) { e.setInnerContent("<x>&", {}); } })
      .on("#ih", { element(e) { e.setInnerContent("<x>h</x>", { html: true }); } })
      .on("#r", { element(e) { e.replace("<r/>", { html: true }); } })
      .on("#rt", { element(e) { e.replace("R&R"); } })
      .on("#rm", { element(e) { e.remove(); } })
      .on("#k", { element(e) { e.removeAndKeepContent(); } })
      .on("#br", { element(e) { e.after("A"); e.before("B"); e.append("C"); e.prepend("D"); } })
      .on("#t", { element(e) { e.tagName = "section"; } })
      .on("#a", { element(e) { e.setAttribute("new", 'q"<&\'>'); e.removeAttribute("gone"); e.setAttribute("KEEP", "k2"); } })
      .on("#e", { element(e) { e.onEndTag((end) => { end.before("<eb>", { html: true }); end.after("&ea"); end.name = "DIV2"; }); } })
      .on("#er", { element(e) { e.onEndTag((end) => { end.remove(); }); } })
      .on("#m", { element(e) { e.before("1"); e.before("2"); e.after("3"); e.after("4"); e.prepend("5"); e.prepend("6"); e.append("7"); e.append("8"); } })
      .on("#void", { element(e) { e.setInnerContent("X"); e.append("Y"); } });
    return run(rw, [
      "<div id=b>in</div>|<div id=i>old<b>x</b></div>|<div id=ih>old</div>|<div id=r>old</div>|<div id=rt>old</div>|",
      "<div id=rm>old<p>q</p></div>|<div id=k class=c>kept<b>b</b></div>|<br id=br>|<div id=t a=1>x</div>|",
      "<div id=a gone=1 keep='k1' data-u=u   checked>x</div>|<div id=e>x</div>|<div id=er>x</div>|<div id=m>x</div>|<img id=void>|<div id=void/>z</div>",
    ]);
  },
  async textMutations() {
    const log = [];
    const rw = new HTMLRewriter()
      .on("#a", { text(t) { log.push(t.text); if (t.text) t.replace("<A&>"); } })
      .on("#b", { text(t) { if (t.text) { t.before("<b>", { html: true }); t.after("</b>", { html: true }); } } })
      .on("#c", { text(t) { t.remove(); log.push(["removed", t.removed]); } })
      .on("#d", { text(t) { if (t.lastInTextNode) t.replace("!", { html: true }); } })
      .on("#e", { comments(c) { log.push(c.text); log.push(err(() => { c.text = "new-->"; })); c.text = "new<b>&"; } })
      .on("#f", { comments(c) { c.replace("<c>", { html: true }); c.before("&"); c.after("<a>", { html: true }); } })
      .on("#g", { comments(c) { c.remove(); log.push(c.removed); } })
      .onDocument({ end(e) { e.append("<end>&"); e.append("<end2>", { html: true }); } });
    const r = await run(rw, ["<p id=a>one &amp; t", "wo</p><p id=b>x</p><p id=c>gone<i>i</i></p><p id=d>da", "ta</p>",
      "<p id=e><!--old--></p><p id=f><!--f--></p><p id=g><!--g--></p>"]);
    return { ...r, log };
  },
  async dataEdges() {
    const log = [];
    const rw = new HTMLRewriter()
      .on("*", { element(e) { log.push(["el", e.tagName, [...e.attributes], "selfClosing" in e, e.selfClosing, e.canHaveContent]); if (e.hasAttribute("mod")) e.setAttribute("mod", "2"); } })
      .onDocument({ text: txt(log), comments: (c) => log.push(["comment", c.text]), doctype: (d) => log.push(["doctype", d.name, d.publicId, d.systemId]) });
    const r = await run(rw, ["a < b <3 </> </ x> <?php x ?> c&d", "<!doctype html SYSTEM 'about:legacy-compat'>",
      "<img title='a&amp;b&quot;' mod=1 /><HTML Mod=1 A=1><svg><![CDATA[x<y]]></svg><input mod=1/><p mod>x</p><br/><br mod/><plaintext><b>x</b></plaintext>"]);
    return { ...r, log };
  },
  async selectors() {
    const log = [];
    const sels = ["*", "p", "P", "p:nth-child(2)", "p:nth-child(2n+1)", "p:nth-child(odd)", "li:first-child", "p:nth-of-type(2)", "p:first-of-type",
      "p:not(.a)", ":not(p)", "p.a", ".b", "#x", "p#x", "[data-v]", "[data-v=\"one two\"]", "[data-v='one two']", "[data-v=one]", "[data-v~=\"two\"]",
      "[data-v^=\"on\"]", "[data-v$=\"wo\"]", "[data-v*=\"e t\"]", "[lang|=\"en\"]", "div p", "div > p", "ul li", "div > li", "p.a.c", "[DATA-V]", "[data-v=\"ONE TWO\" i]",
      "div p:not(:first-child)", "p , li", "li:nth-child(-n+2)", "li:not(:nth-child(2))", "p:nth-last-child(1)", "p:only-child", "p:first-child:nth-of-type(1)"];
    let rw = new HTMLRewriter();
    for (const s of sels) {
      const e = err(() => { rw = rw.on(s, { element(el) { log.push([s, el.tagName, el.getAttribute("id")]); } }); });
      if (e !== "no error") log.push([s, e]);
    }
    const r = await run(rw, [
      "<div id=d><p id=x class='a c' data-v='one two'>1</p><p id=p2 class=b>2</p><span id=s lang=en-US></span><p id=p3>3</p>",
      "<ul id=u><li id=l1>a</li><li id=l2>b</li><li id=l3 lang=en>c</li></ul></div><p id=p4 class=a>4</p>",
    ]);
    return { ...r, log };
  },
  async errors() {
    const log = [];
    for (const s of ["p:hover", "p::before", "", "a[", "p ~ a", "p + a", "p:last-child", "p:nth-child(x)", "42", "p:first-child()", "a[href=]", "p >", "p:is(a)", "p:nth-last-of-type(1)", "p:last-of-type", "p:only-of-type", "p:empty", "|a", "ns|a", "p:NOT(a)", "p:not(a b)", "p:not(p:not(a))"]) {
      log.push([s, err(() => new HTMLRewriter().on(s, {}))]);
    }
    log.push(["on no args", err(() => new HTMLRewriter().on())]);
    log.push(["on bad handler", err(() => new HTMLRewriter().on("p", 5))]);
    log.push(["on null handler", err(() => new HTMLRewriter().on("p", null))]);
    log.push(["onDocument bad", err(() => new HTMLRewriter().onDocument(5))]);
    log.push(["transform string", err(() => new HTMLRewriter().transform("x"))]);
    log.push(["transform none", err(() => new HTMLRewriter().transform())]);
    log.push(["on non-fn element", err(() => new HTMLRewriter().on("p", { element: 5 }))]);
    const used = new Response("<p>x</p>");
    await used.text();
    log.push(["transform used", err(() => new HTMLRewriter().transform(used))]);
    let kept = null, keptText = null, keptEnd = null;
    const rw = new HTMLRewriter().on("p", {
      element(e) {
        kept = e;
        log.push(["void onEndTag", err(() => e.onEndTag(5))]);
        log.push(["tagName empty", err(() => { e.tagName = ""; })]);
        log.push(["setAttribute bad", err(() => e.setAttribute("a b", "x"))]);
        log.push(["setAttribute no args", err(() => e.setAttribute("x"))]);
        log.push(["getAttribute missing", e.getAttribute("nope"), e.hasAttribute("nope")]);
        log.push(["removeAttribute missing", err(() => e.removeAttribute("nope"))]);
        e.onEndTag((end) => { keptEnd = end; log.push(["end", end.name]); });
      },
      text(t) { keptText = t; },
    }).on("br", { element(e) { log.push(["br onEndTag", err(() => e.onEndTag(() => {}))]); } });
    const r = await run(rw, ["<p a=1>x</p><br>"]);
    log.push(["kept element", err(() => kept.getAttribute("a")), err(() => kept.tagName), err(() => kept.setAttribute("a", "2")), err(() => kept.remove())]);
    log.push(["kept text", err(() => keptText.text), err(() => keptText.remove())]);
    log.push(["kept end", err(() => keptEnd.name)]);
    const thrower = await run(new HTMLRewriter().on("p", { element() { throw new RangeError("boom"); } }), ["<p>x</p>"]);
    const rejecter = await run(new HTMLRewriter().on("p", { async element() { throw new TypeError("async boom"); } }), ["<p>x</p>"]);
    log.push(["thrower", thrower], ["rejecter", rejecter]);
    log.push(["toString", Object.prototype.toString.call(new HTMLRewriter()), typeof HTMLRewriter.prototype.on, Object.getOwnPropertyNames(HTMLRewriter.prototype).sort()]);
    return { ...r, log };
  },
  async async() {
    const log = [];
    const rw = new HTMLRewriter()
      .on("p", { async element(e) { log.push("start " + e.getAttribute("id")); await new Promise((r) => setTimeout(r, 5)); e.setAttribute("late", "1"); e.append("<later>", { html: true }); log.push("done " + e.getAttribute("id")); } })
      .on("b", { text: async (t) => { await null; if (t.text) t.replace(t.text.toUpperCase()); } })
      .onDocument({ async end(e) { await new Promise((r) => setTimeout(r, 1)); e.append("!"); } });
    const r = await run(rw, ["<p id=1>a<b>bold</b></p>", "<p id=2>b</p>"]);
    return { ...r, log };
  },
  async handlerObjects() {
    const log = [];
    class H { constructor() { this.n = 0; } element(e) { this.n++; log.push([this instanceof H, this.n]); } }
    const rw = new HTMLRewriter().on("p", new H()).on("p", { element(e) { log.push(["second", e.getAttribute("id")]); e.setAttribute("id", "z"); } }).on("p", { element(e) { log.push(["third", e.getAttribute("id")]); } });
    const r = await run(rw, ["<p id=a></p><p id=b></p>"]);
    log.push(["types", typeof Element, typeof HTMLRewriter]);
    return { ...r, log };
  },
  async emptyAndText() {
    const res = new HTMLRewriter().on("p", { element(e) { e.setAttribute("x", "y"); } }).transform(new Response("<p>plain</p>", { headers: { "content-length": "12", "x-keep": "1" }, status: 201 }));
    const nobody = new HTMLRewriter().transform(new Response(null, { status: 204 }));
    return { out: await res.text(), status: res.status, h: [...res.headers], nb: [nobody.status, nobody.body === null, await nobody.text()] };
  },
};

export default {
  async fetch(request) {
    const name = new URL(request.url).pathname.slice(1);
    const f = scenarios[name];
    if (!f) return new Response("no such scenario", { status: 404 });
    return Response.json(await f());
  },
};
