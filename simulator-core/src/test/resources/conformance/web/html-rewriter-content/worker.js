// HTMLRewriter content arguments: strings, other values, Response and ReadableStream bodies; chaining; the attributes iterator.
const err = (f) => { try { f(); return "no error"; } catch (e) { return `${e.name}: ${e.message}`; } };
async function run(handlers) {
  const log = [];
  const rw = new HTMLRewriter().on("p", { element(e) { handlers(e, log); } });
  try { return { out: await rw.transform(new Response("<p>x</p>", { headers: { "content-type": "text/html" } })).text(), log }; } catch (e) { return { error: `${e.name}: ${e.message}`, log }; }
}
export default {
  async fetch() {
    return Response.json({
      response: await run((e, log) => log.push(err(() => e.replace(new Response("<i>r</i>"))))),
      stream: await run((e, log) => log.push(err(() => e.append(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("<s>")); c.close(); } }), { html: true })))),
      number: await run((e, log) => log.push(err(() => e.before(42)), err(() => e.after(null)), err(() => e.prepend(undefined)))),
      none: await run((e, log) => log.push(err(() => e.before()))),
      truthy: await run((e, log) => log.push(err(() => e.append("<b>", { html: "yes" })), err(() => e.append("<c>", { html: 0 })))),
      chain: await run((e, log) => log.push(e.before("a") === e, e.remove() === e, e.removeAttribute("x") === e, e.setAttribute("y", "1") === e, String(e.onEndTag(() => {})))),
      attrs: await run((e, log) => { const it = e.attributes; log.push(Object.prototype.toString.call(it), typeof it.next, it[Symbol.iterator]() === it); }),
    });
  },
};
