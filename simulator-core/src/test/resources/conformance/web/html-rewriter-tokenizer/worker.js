// HTMLRewriter tokenizing edges: escaped script data, raw-text elements, "<" in text, input ending inside markup.
const enc = new TextEncoder();
async function run(chunks) {
  const log = [];
  const rw = new HTMLRewriter().on("b", { element(e) { log.push("b:" + e.getAttribute("id")); } }).onDocument({ comments(c) { log.push("comment:" + c.text); }, text(t) { log.push(t.text + (t.lastInTextNode ? "|L" : "")); } });
  const res = rw.transform(new Response(new ReadableStream({ start(c) { for (const s of chunks) c.enqueue(enc.encode(s)); c.close(); } }), { headers: { "content-type": "text/html" } }));
  return { out: await res.text(), log };
}
export default {
  async fetch() {
    return Response.json({
      escaped: await run(["<script><!--<script>x</script><b id=1>--></script><b id=2>"]),
      noscript: await run(["<noscript><b id=1></noscript><iframe><b id=2></iframe><xmp><b id=3></xmp><noembed><b id=4></noembed><noframes><b id=5></noframes><b id=6>"]),
      lt: await run(["a<", "b id=1>c</", "b>d <", " e"]),
      eof: await run(["x<b id=1"]),
      eof2: await run(["x<!-- y"]),
      eof3: await run(["<script>x</scr"]),
      eof4: await run(["<p>x<"]),
      p: await run(["<p><b id=1><p><b id=2></b></b></p>"]),
    });
  },
};
