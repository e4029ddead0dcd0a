package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTMLRewriter (web/html-rewriter.js over ops/html's tokenizer), through a worker: POST /CASE?split=N
 * rewrites the request body fed to the rewriter in N-byte chunks (0: one chunk) and answers
 * {out, log}. Expected outputs and messages are the ones workerd gave (see the recorded
 * conformance case web/html-rewriter).
 */
class HtmlRewriterTest {
    private static final String WORKER = """
            const log = [];
            const err = (f) => { try { f(); return "no error"; } catch (e) { return `${e.name}: ${e.message}`; } };
            const cases = {
              none: () => new HTMLRewriter(),
              observe: () => new HTMLRewriter()
                .on("*", { element(e) { log.push(["el", e.tagName, [...e.attributes], e.namespaceURI]); } })
                .onDocument({
                  doctype: (d) => log.push(["doctype", d.name, d.publicId, d.systemId]),
                  comments: (c) => log.push(["comment", c.text]),
                  text: (t) => log.push(["text", t.text, t.lastInTextNode]),
                  end: () => log.push(["end"]),
                }),
              elements: () => new HTMLRewriter()
                .on("#b", { element(e) { e.before("<b>&\\"'"); e.after("<i>x</i>", { html: true }); e.prepend("[pre<]"); e.append("<u>app</u>", { html: true }); } })
                .on("#i", { element(e) { e.setInnerContent("<x>&"); } })
                .on("#ih", { element(e) { e.setInnerContent("<x>h</x>", { html: true }); } })
                .on("#r", { element(e) { e.replace("<r/>", { html: true }); log.push(e.removed); } })
                .on("#rm", { element(e) { e.remove(); } })
                .on("#k", { element(e) { e.removeAndKeepContent(); } })
                .on("#br", { element(e) { e.after("A"); e.before("B"); e.append("C"); e.prepend("D"); } })
                .on("#t", { element(e) { e.tagName = "section"; } })
                .on("#a", { element(e) {
                  log.push([e.getAttribute("KEEP"), e.hasAttribute("gone"), e.getAttribute("nope"), e.hasAttribute("nope")]);
                  e.setAttribute("new", 'q"<&\\'>'); e.removeAttribute("gone"); e.setAttribute("KEEP", "k2"); } })
                .on("#m", { element(e) { e.before("1"); e.before("2"); e.after("3"); e.after("4"); e.prepend("5"); e.prepend("6"); e.append("7"); e.append("8"); } }),
              endTags: () => new HTMLRewriter()
                .on("#e", { element(e) { e.onEndTag((end) => { log.push(end.name); end.before("<eb>", { html: true }); end.after("&ea"); end.name = "DIV2"; }); } })
                .on("#er", { element(e) { e.onEndTag((end) => { end.remove(); }); } })
                .on("br", { element(e) { log.push(err(() => e.onEndTag(() => {}))); } }),
              texts: () => new HTMLRewriter()
                .on("#a", { text(t) { log.push([t.text, t.lastInTextNode]); if (t.text) t.replace("<A&>"); } })
                .on("#b", { text(t) { if (t.text) { t.before("<b>", { html: true }); t.after("</b>", { html: true }); } } })
                .on("#c", { text(t) { t.remove(); log.push(t.removed); } })
                .on("#d", { text(t) { if (t.lastInTextNode) t.replace("!", { html: true }); } }),
              comments: () => new HTMLRewriter()
                .on("#e", { comments(c) { log.push(c.text, err(() => { c.text = "x-->"; })); c.text = "new<b>&"; } })
                .on("#f", { comments(c) { c.replace("<c>", { html: true }); c.before("&"); c.after("<a>", { html: true }); } })
                .on("#g", { comments(c) { c.remove(); log.push(c.removed); } })
                .onDocument({ comments(c) { log.push("doc:" + c.text); }, end(e) { e.append("<end>&"); e.append("<end2>", { html: true }); } }),
              links: () => new HTMLRewriter()
                .on("a[href^='http://old']", { element(e) { e.setAttribute("href", e.getAttribute("href").replace("old", "new")); } })
                .on("img", { element(e) { e.remove(); } })
                .on("p.note", { text(t) { if (t.text) t.replace(t.text.toUpperCase()); } }),
              async: () => new HTMLRewriter()
                .on("p", { async element(e) { log.push("start " + e.getAttribute("id")); await new Promise((r) => setTimeout(r, 5)); e.setAttribute("late", "1"); log.push("done " + e.getAttribute("id")); } })
                .on("b", { text: async (t) => { await null; if (t.text) t.replace(t.text.toUpperCase()); } })
                .onDocument({ async end(e) { await new Promise((r) => setTimeout(r, 1)); e.append("!"); } }),
              stale: () => {
                let kept = null;
                return new HTMLRewriter().on("p", { element(e) { kept = e; }, text(t) { if (t.lastInTextNode) log.push(err(() => kept.tagName)); } });
              },
              throws: () => new HTMLRewriter().on("p", { element() { throw new RangeError("boom"); } }),
              charset: () => new HTMLRewriter().on("p", { element(e) { e.setAttribute("x", "\u00e9"); e.append("\u2603&"); } }),
              streamed: () => new HTMLRewriter().on("p", { element(e) {
                // Content from a body: the rewrite waits until the (slow) stream has been read.
                const slow = new ReadableStream({ async start(c) { await new Promise((r) => setTimeout(r, 20)); c.enqueue(new TextEncoder().encode("<x>")); c.close(); } });
                e.before(slow).append(new Response("<s>"), { html: true });
                log.push(err(() => e.after()));
              } }),
              reads: () => new HTMLRewriter().on("p", { text(t) { log.push(t.text); } }),
              order: () => new HTMLRewriter()
                .on("#a", { element(e) { e.after("A"); e.onEndTag((t) => { t.after("T1"); }); e.onEndTag((t) => { t.after("T2"); }); } })
                .on("#b", { element(e) { e.setInnerContent("I"); e.prepend("P"); e.append("Z"); } })
                .on("#c", { element(e) { e.prepend("P"); e.append("Z"); e.setInnerContent("I"); } })
                .on("#e", { element(e) { e.replace("R"); e.before("<"); e.after(">"); e.append("no"); } })
                .on("#e b", { element(e) { log.push("inside replaced: " + e.tagName); } })
                .on("#f", { element(e) { e.removeAndKeepContent(); e.prepend("P"); e.append("Z"); } })
                .on("#g", { element(e) { e.tagName = "SECTION"; e.setAttribute("NEW", "v"); log.push(e.tagName); } }),
              shapes: () => {
                const shape = (o) => [Object.prototype.toString.call(o), Object.getOwnPropertyNames(Object.getPrototypeOf(o)).sort().join(), Object.keys(o).join()];
                return new HTMLRewriter()
                  .on("p", { element(e) { log.push(shape(e), err(() => new (e.constructor)())); e.onEndTag((t) => log.push(shape(t))); },
                    text(t) { if (t.lastInTextNode) log.push(shape(t)); }, comments(c) { log.push(shape(c)); } })
                  .onDocument({ doctype(d) { log.push(shape(d)); }, end(e) { log.push(shape(e), [typeof Element, typeof Text, typeof EndTag]); } });
              },
            };
            function selectorCase(selectors) {
              let rw = new HTMLRewriter();
              for (const s of selectors) {
                const e = err(() => { rw = rw.on(s, { element(el) { log.push([s, el.getAttribute("id")]); } }); });
                if (e !== "no error") log.push([s, e]);
              }
              return rw;
            }
            function chunked(bytes, size) {
              return new ReadableStream({ start(c) {
                if (size <= 0) c.enqueue(bytes);
                else for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.slice(i, i + size));
                c.close();
              } });
            }
            // Proof of streaming: the first chunk's rewrite is read while the source is still open.
            async function streaming() {
              let release, sourceClosed = false;
              const gate = new Promise((r) => { release = r; });
              const enc = new TextEncoder();
              const source = new ReadableStream({
                async start(c) {
                  c.enqueue(enc.encode("<p id=first>one</p>"));
                  await gate;
                  c.enqueue(enc.encode("<p id=second>two</p>"));
                  sourceClosed = true;
                  c.close();
                },
              });
              const res = new HTMLRewriter().on("p", { element(e) { e.setAttribute("seen", "1"); } }).transform(new Response(source));
              const reader = res.body.getReader();
              const first = await reader.read();
              const firstText = new TextDecoder().decode(first.value);
              const closedAtFirst = sourceClosed;
              release();
              let rest = "";
              for (;;) { const r = await reader.read(); if (r.done) break; rest += new TextDecoder().decode(r.value); }
              return { first: firstText, closedAtFirst, rest };
            }
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                const name = url.pathname.slice(1);
                log.length = 0;
                if (name === "streaming") return Response.json(await streaming());
                if (name === "gzip") { // a gzip body as fetch() gives it: read decoded, headers kept
                  const plain = new Response("<p>squeezed</p>").body;
                  const headers = { "content-type": "text/html", "content-encoding": "gzip", "content-length": "15" };
                  return new HTMLRewriter().on("p", { element(e) { e.setAttribute("x", "1"); } }).transform(new Response(plain, { headers }));
                }
                const rw = name === "selectors" ? selectorCase(JSON.parse(url.searchParams.get("s"))) : cases[name]();
                const bytes = new Uint8Array(await request.arrayBuffer());
                const contentType = url.searchParams.get("ct") || "text/html";
                const source = new Response(chunked(bytes, Number(url.searchParams.get("split") || 0)), { headers: { "content-type": contentType } });
                try {
                  const outBytes = new Uint8Array(await rw.transform(source).arrayBuffer());
                  // As bytes when asked, else decoded keeping a BOM (which text() would drop).
                  const out = url.searchParams.has("bytes") ? [...outBytes] : new TextDecoder("utf-8", { ignoreBOM: true }).decode(outBytes);
                  return Response.json({ out, log });
                } catch (e) {
                  return Response.json({ error: `${e.name}: ${e.message}`, log });
                }
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER);

    private static JsonNode rewrite(String path, String html, int split) throws Exception {
        String sep = path.contains("?") ? "&" : "?";
        WorkerResponse r = sim.fetch(FetchRequest.of("POST", "http://localhost/" + path + sep + "split=" + split)
                .body(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, r.status(), r.text());
        return r.ok().json();
    }

    private static String out(String path, String html, int split) throws Exception {
        JsonNode j = rewrite(path, html, split);
        assertTrue(j.has("out"), j.toString());
        return j.get("out").asText();
    }

    // Rewrites `html` (one chunk) with the worker's case `path` and checks the output and the log.
    private static void assertRewrites(String path, String html, String out, String log) throws Exception {
        JsonNode j = rewrite(path, html, 0);
        assertEquals(out, j.get("out").asText());
        assertEquals(log, j.get("log").toString());
    }

    private static final String ODD_DOCUMENT = "\ufeff<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n"
            + "<HTML lang=en><Body CLASS='a  b' data-x = \"1\" >  <!-- c -->&amp; &lt;x&gt; a < b <3 </> </ x> <?php ?>"
            + "<br/><input disabled value = \"x\"><script>if (a<b) \"</div>\"</script ><style>p > a {}</style>"
            + "<textarea><b>x</b></textarea><title>A &amp; B</title><svg viewBox='0 0 1 1'><circle r=1 />"
            + "<![CDATA[x<y]]></svg><math><mi>x</mi></math><p>caf\u00e9 \u2603 \ud83d\ude00 <x-y:z></x-y:z></P><!DOCTYPE><!--->"
            + "<plaintext></body></html>";

    @Test
    void untouchedMarkupPassesThroughByteForByteAtEveryChunkSize() throws Exception {
        for (int split : new int[] {0, 1, 2, 3, 5, 8, 13}) {
            assertEquals(ODD_DOCUMENT, out("none", ODD_DOCUMENT, split), "split " + split);
            assertEquals(ODD_DOCUMENT, out("observe", ODD_DOCUMENT, split), "observed, split " + split);
        }
    }

    @Test
    void handlersSeeDoctypeElementsCommentsAndTextAsWorkerdReportsThem() throws Exception {
        JsonNode log = rewrite("observe", "<!doctype html SYSTEM 'about:legacy-compat'><P Id=x DATA-v='1 &amp; 2'>hi<!--c-->"
                + "<script>a<b</script></p><svg><circle/><style>s<y</style></svg>", 0).get("log");
        assertJson(List.of(list("doctype", "html", null, "about:legacy-compat"),
                List.of("el", "p", List.of(List.of("id", "x"), List.of("data-v", "1 &amp; 2")),
                "http://www.w3.org/1999/xhtml"), List.of("text", "hi", false), List.of("text", "", true),
                List.of("comment", "c"), List.of("el", "script", List.of(), "http://www.w3.org/1999/xhtml"),
                List.of("text", "a", false), List.of("text", "<", false), List.of("text", "b", false),
                List.of("text", "", true), List.of("el", "svg", List.of(), "http://www.w3.org/2000/svg"),
                List.of("el", "circle", List.of(), "http://www.w3.org/2000/svg"),
                List.of("el", "style", List.of(), "http://www.w3.org/2000/svg"), List.of("text", "s", false),
                List.of("text", "", true), List.of("el", "y<", List.of(List.of("style", "")), "http://www.w3.org/2000/svg"),
                List.of("end")), log.toString());
    }

    @Test
    void textChunksFollowTheInputChunks() throws Exception {
        // In 3-byte chunks ("<p ", "id=", "a>a", "bcd", "efg", "</p", ">") each piece of text comes
        // as a chunk of its own, then the node ends with an empty last chunk.
        JsonNode log = rewrite("texts", "<p id=a>abcdefg</p>", 3).get("log");
        List<String> texts = new ArrayList<>();
        log.forEach(e -> texts.add(e.get(0).asText() + (e.get(1).asBoolean() ? "|last" : "")));
        assertEquals(List.of("a", "bcd", "efg", "|last"), texts);
    }

    @Test
    void elementMutationsWriteWhatWorkerdWrites() throws Exception {
        String html = "<div id=b>in</div>|<div id=i>old<b>x</b></div>|<div id=ih>old</div>|<div id=r>old</div>|"
                + "<div id=rm>old<p>q</p></div>|<div id=k class=c>kept<b>b</b></div>|<br id=br>|<div id=t a=1>x</div>|"
                + "<div id=a gone=1 keep='k1' data-u=u   checked>x</div>|<div id=m>x</div>";
        assertRewrites("elements", html,
                "&lt;b&gt;&amp;\"'<div id=b>[pre&lt;]in<u>app</u></div><i>x</i>|<div id=i>&lt;x&gt;&amp;</div>|"
                + "<div id=ih><x>h</x></div>|<r/>||kept<b>b</b>|B<br id=br>A|<section id=t a=1>x</section>|"
                + "<div id=a keep=\"k2\" data-u=u checked new=\"q&quot;<&'>\">x</div>|12<div id=m>65x78</div>43",
                "[true,[\"k1\",true,null,false]]");
    }

    @Test
    void endTagHandlersRenameWrapAndRemoveTheEndTag() throws Exception {
        assertRewrites("endTags", "<div id=e>x</div>|<div id=er>y</DIV>|<br>",
                "<div id=e>x<eb></DIV2>&amp;ea|<div id=er>y|<br>",
                "[\"div\",\"TypeError: Parser error: No end tag.\"]");
    }

    @Test
    void textChunkMutations() throws Exception {
        assertRewrites("texts", "<p id=a>one &amp; two</p><p id=b>x</p><p id=c>gone<i>i</i></p><p id=d>data</p>",
                "<p id=a>&lt;A&amp;&gt;</p><p id=b><b>x</b></p><p id=c><i></i></p><p id=d>data!</p>",
                "[[\"one &amp; two\",false],[\"\",true],true,true,true,true]");
    }

    @Test
    void commentsAndDocumentEnd() throws Exception {
        assertRewrites("comments", "<p id=e><!--old--></p><p id=f><!--f--></p><p id=g><!--g--></p><!--top-->",
                "<p id=e><!--new<b>&--></p><p id=f>&amp;<c><a></p><p id=g></p><!--top-->&lt;end&gt;&amp;<end2>",
                "[\"old\",\"TypeError: Parser error: Comment text shouldn't contain a comment-closing sequence.\","
                + "\"doc:new<b>&\",\"doc:f\",true,\"doc:g\",\"doc:top\"]");
    }

    @Test
    void rawTextElementsHoldNoElements() throws Exception {
        // (In the script, "<!--" starts an escape in which "<script>...</script>" is text, and only a
        // "</script>" after "-->" ends the element.)
        String html = "<script><b>x</b></script><style><b></style><textarea><b></textarea><title><b></title>"
                + "<script><!--<script>x</script><b>--></script><noscript><b></noscript>"
                + "<script><!-- a --><script>y</script><b id=after><b>real</b>";
        for (int split : new int[] {0, 1, 2, 3, 7}) {
            JsonNode j = rewrite("selectors?s=" + enc("[\"b\"]"), html.replace("<b>real", "<b id=real>real"), split);
            assertJson(List.of(List.of("b", "after"), List.of("b", "real")), j.get("log"), "split " + split);
        }
    }

    @Test
    void eachSelectorFormMatchesWhatWorkerdMatches() throws Exception {
        String html = "<div id=d><p id=x class='a c' data-v='one two'>1</p><p id=p2 class=b>2</p><span id=s lang=en-US></span><p id=p3>3</p>"
                + "<ul id=u><li id=l1>a</li><li id=l2>b</li><li id=l3 lang=en>c</li></ul></div><p id=p4 class=a>4</p>";
        String[][] expected = {
            {"*", "d x p2 s p3 u l1 l2 l3 p4"}, {"P", "x p2 p3 p4"}, {"p:nth-child(2)", "p2 p4"}, {"p:nth-child(2n+1)", "x"},
            {"p:nth-child(odd)", "x"}, {"li:nth-child(-n+2)", "l1 l2"}, {"li:first-child", "l1"}, {"p:nth-of-type(2)", "p2"},
            {"p:first-of-type", "x p4"}, {"p:not(.a)", "p2 p3"}, {":not(p)", "d s u l1 l2 l3"}, {"p.a", "x p4"}, {"p.a.c", "x"},
            {"#x", "x"}, {"p#x", "x"}, {"[data-v]", "x"}, {"[DATA-V]", "x"}, {"[data-v=\"one two\"]", "x"}, {"[data-v='one two']", "x"},
            {"[data-v=one]", ""}, {"[data-v=\"ONE TWO\" i]", "x"}, {"[data-v~=\"two\"]", "x"}, {"[data-v^=\"on\"]", "x"},
            {"[data-v$=\"wo\"]", "x"}, {"[data-v*=\"e t\"]", "x"}, {"[lang|=\"en\"]", "s l3"}, {"div p", "x p2 p3"},
            {"div > p", "x p2 p3"}, {"div > li", ""}, {"ul li", "l1 l2 l3"}, {"p , li", "x p2 p3 l1 l2 l3 p4"},
            {"div p:not(:first-child)", "p2 p3"}, {"li:not(:nth-child(2))", "l1 l3"}, {"p:first-child:nth-of-type(1)", "x"},
        };
        for (String[] e : expected) {
            JsonNode log = rewrite("selectors?s=" + enc("[" + quote(e[0]) + "]"), html, 0).get("log");
            List<String> ids = new ArrayList<>();
            log.forEach(m -> ids.add(m.get(1).asText()));
            assertEquals(e[1], String.join(" ", ids), e[0]);
        }
    }

    @Test
    void unsupportedSelectorsThrowWorkerdsErrors() throws Exception {
        String[][] expected = {
            {"p:hover", "Unsupported pseudo-class or pseudo-element in selector."},
            {"p::before", "Unsupported pseudo-class or pseudo-element in selector."},
            {"p:last-child", "Unsupported pseudo-class or pseudo-element in selector."},
            {"p:not(a b)", "Unsupported pseudo-class or pseudo-element in selector."},
            {"", "The selector is empty."}, {"42", "The selector is empty."},
            {"a[", "Unexpected end of selector."}, {"a[href=]", "Unexpected end of selector."},
            {"p ~ a", "Unsupported combinator `~` in selector."}, {"p + a", "Unsupported combinator `+` in selector."},
            {"p:nth-child(x)", "Unexpected token in selector."}, {"p >", "Dangling combinator in selector."},
            {"ns|a", "Selectors with explicit namespaces are not supported."},
        };
        for (String[] e : expected) {
            JsonNode log = rewrite("selectors?s=" + enc("[" + quote(e[0]) + "]"), "<p></p>", 0).get("log");
            assertEquals("TypeError: Parser error: " + e[1], log.get(0).get(1).asText(), e[0]);
        }
        JsonNode ok = rewrite("selectors?s=" + enc("[\"|p\", \"p:NOT(a)\", \"p:not(p:not(a))\"]"), "<p id=y></p>", 0).get("log");
        assertJson(List.of(List.of("|p", "y"), List.of("p:NOT(a)", "y")), ok);
    }

    @Test
    void asyncHandlersPauseTheStreamUntilTheySettle() throws Exception {
        assertRewrites("async", "<p id=1>a<b>bold</b></p><p id=2>b</p>",
                "<p id=1 late=\"1\">a<b>BOLD</b></p><p id=2 late=\"1\">b</p>!",
                "[\"start 1\",\"done 1\",\"start 2\",\"done 2\"]");
    }

    @Test
    void tagsCommentsAndCharactersSplitAcrossChunksRewriteTheSameAtEveryChunkSize() throws Exception {
        String html = "<!-- a <comment> --><a class=x href=\"http://old.example/\u2603\">link \ud83d\ude00</a>"
                + "<img src='x.png' alt=\"i\"><p class=note>shout <b>me</b></p><a href='http://old.test'>2</a>";
        String expected = "<!-- a <comment> --><a class=x href=\"http://new.example/\u2603\">link \ud83d\ude00</a>"
                + "<p class=note>SHOUT <b>ME</b></p><a href=\"http://new.test\">2</a>";
        for (int split = 0; split <= html.length() + 2; split++) assertEquals(expected, out("links", html, split), "split " + split);
    }

    @Test
    void outputStreamsBeforeTheSourceEnds() throws Exception {
        JsonNode j = sim.fetch(FetchRequest.of("GET", "http://localhost/streaming")).ok().json();
        assertEquals("<p id=first seen=\"1\">one</p>", j.get("first").asText());
        assertEquals(false, j.get("closedAtFirst").asBoolean());
        assertEquals("<p id=second seen=\"1\">two</p>", j.get("rest").asText());
    }

    @Test
    void aRewrittenBodyGoesOutChunkedAndEncodedAsItsHeadersSay() throws Exception {
        WorkerResponse r = sim.fetch(FetchRequest.of("GET", "http://localhost/gzip"));
        assertEquals(null, r.header("content-length")); // the source's length no longer holds
        assertEquals("gzip", r.header("content-encoding"));
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.bytes()))) {
            assertEquals("<p x=\"1\">squeezed</p>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void contentMayComeFromAResponseOrAStream() throws Exception {
        assertRewrites("streamed", "<p>x</p>", "&lt;x&gt;<p>x<s></p>",
                "[\"TypeError: Failed to execute 'after' on 'Element': parameter 1 is not of type 'string or JsReadableStream or Response'.\"]");
    }

    @Test
    void tokensDieWithTheirHandlerAndHandlerErrorsFailTheBody() throws Exception {
        assertJson(List.of("TypeError: This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler."),
                rewrite("stale", "<p>x</p>", 0).get("log"));
        assertEquals("RangeError: boom", rewrite("throws", "<p>x</p>", 0).get("error").asText());
    }

    private static JsonNode rewriteBytes(String path, byte[] body) throws Exception {
        WorkerResponse r = sim.fetch(FetchRequest.of("POST", "http://localhost/" + path).body(body));
        assertEquals(200, r.status(), r.text());
        return r.ok().json();
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    @Test
    void theDocumentCharsetDecodesTheInputAndEncodesTheOutput() throws Exception {
        // "<p>é</p>" in windows-1252 (labelled iso-8859-1, its alias): é stays one byte, a snowman
        // (not in the charset) becomes a character reference.
        JsonNode j = rewriteBytes("charset?bytes&ct=" + enc("text/html; charset=iso-8859-1"), bytes('<', 'p', '>', 0xe9, '<', '/', 'p', '>'));
        assertJson(List.of(60, 112, 32, 120, 61, 34, 233, 34, 62, 233, 38, 35, 57, 55, 51, 49, 59, 38, 97, 109, 112, 59, 60,
                47, 112, 62), j.get("out"));
        assertEquals("<p x=\"\u00e9\">\u00e9&#9731;&amp;</p>", new String(toBytes(j.get("out")), StandardCharsets.ISO_8859_1));
        // Shift_JIS: a two-byte character passes through and is written back in it.
        JsonNode sjis = rewriteBytes("charset?bytes&ct=" + enc("text/html; charset=shift_jis"), bytes('<', 'p', '>', 0x82, 0xa0, '<', '/', 'p', '>'));
        assertEquals("<p x=\"\u00e9\">\u3042\u2603&amp;</p>".replace("\u00e9", "&#233;").replace("\u2603", "&#9731;"),
                new String(toBytes(sjis.get("out")), java.nio.charset.Charset.forName("windows-31j")));
        assertEquals("TypeError: Parser error: Unknown character encoding has been provided.",
                rewriteBytes("charset?ct=" + enc("text/html; charset=x-nope"), bytes('x')).get("error").asText());
        assertEquals("TypeError: Parser error: Expected ASCII-compatible encoding.",
                rewriteBytes("charset?ct=" + enc("text/html; charset=utf-16le"), bytes('x')).get("error").asText());
    }

    @Test
    void invalidUtf8PassesThroughUnlessAHandlerReadsTheText() throws Exception {
        byte[] html = bytes('<', 'i', '>', 0xff, 0xc3, 0xa9, 0xed, 0xa0, 0x80, '<', '/', 'i', '>', 0xe2, 0x98);
        assertEquals("[60,105,62,255,195,169,237,160,128,60,47,105,62,226,152]", rewriteBytes("none?bytes", html).get("out").toString());
        JsonNode read = rewriteBytes("reads?bytes", bytes('<', 'p', '>', 0xff, 'a', '<', '/', 'p', '>'));
        assertJson(List.of(60, 112, 62, 239, 191, 189, 97, 60, 47, 112, 62), read.get("out"));
        assertJson(List.of("\ufffda", ""), read.get("log"));
    }

    @Test
    void mutationsCombineInWorkerdsOrder() throws Exception {
        JsonNode j = rewrite("order", "<div id=a>a</div>|<div id=b>b<i>x</i></div>|<div id=c>c</div>|<div id=e>e<b>b</b></div>|"
                + "<div id=f>f</div>|<div id=g>g</div>", 0);
        // Only the last end-tag handler runs; what is appended survives replace(); descendants of a
        // replaced element still reach their handlers; a new attribute's name is written lower-cased.
        assertEquals("<div id=a>a</div>T2A|<div id=b>PIZ</div>|<div id=c>I</div>|&lt;Rno&gt;|PfZ|<SECTION id=g new=\"v\">g</SECTION>",
                j.get("out").asText());
        assertJson(List.of("inside replaced: b", "section"), j.get("log"));
    }

    @Test
    void tokenObjectsHaveWorkerdsShape() throws Exception {
        JsonNode log = rewrite("shapes", "<!doctype html><p>t<!--c--></p>", 0).get("log");
        assertJson(List.of(List.of("[object Doctype]", "constructor", "systemId,publicId,name"),
                List.of("[object Element]",
                "after,append,before,constructor,getAttribute,hasAttribute,onEndTag,prepend,remove,removeAndKeepContent,removeAttribute,replace,setAttribute,setInnerContent",
                "namespaceURI,removed,attributes,tagName"), "TypeError: Illegal constructor",
                List.of("[object Text]", "after,before,constructor,remove,replace", "removed,lastInTextNode,text"),
                List.of("[object Comment]", "after,before,constructor,remove,replace", "removed,text"),
                List.of("[object EndTag]", "after,before,constructor,remove", "name"),
                List.of("[object DocumentEnd]", "append,constructor", ""), List.of("undefined", "undefined", "undefined")),
                log);
    }

    private static byte[] toBytes(JsonNode array) {
        byte[] out = new byte[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = (byte) array.get(i).asInt();
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
