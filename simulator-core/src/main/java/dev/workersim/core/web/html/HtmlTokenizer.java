package dev.workersim.core.web.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.graalvm.polyglot.HostAccess;

/**
 * An HTML tokenizer fed text chunk by chunk (web/html/html-rewriter.js), shaped like lol-html's: every
 * token carries its exact source text so untouched markup passes through unchanged, text is
 * reported raw (entities not decoded) and in pieces as it arrives, and a small tree simulation
 * (open elements, SVG/MathML namespaces) decides when script, style, textarea and the like switch
 * the tokenizer to raw text, as the HTML parser would.
 *
 * <p>A construct that starts with {@code <} but is cut by the end of a chunk is held back and
 * parsed again when the next chunk arrives. Tokens leave in one packed string per call (see
 * {@link TokenWriter}) so JS crosses into Java once per chunk, not once per token.
 */
public final class HtmlTokenizer {
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input",
            "keygen", "link", "meta", "param", "source", "track", "wbr");
    private static final Set<String> RCDATA = Set.of("title", "textarea");
    private static final Set<String> RAWTEXT = Set.of("style", "xmp", "iframe", "noembed", "noframes", "noscript");
    // HTML start tags that end foreign (SVG/MathML) content, from the tree builder's rules.
    private static final Set<String> BREAKOUT = Set.of("b", "big", "blockquote", "body", "br", "center", "code", "dd",
            "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
            "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike",
            "sub", "sup", "table", "tt", "u", "ul", "var");
    private static final Set<String> SVG_HTML_POINTS = Set.of("foreignobject", "desc", "title");
    private static final Set<String> MATHML_TEXT_POINTS = Set.of("mi", "mo", "mn", "ms", "mtext");

    static final String HTML = "http://www.w3.org/1999/xhtml";
    static final String SVG = "http://www.w3.org/2000/svg";
    static final String MATHML = "http://www.w3.org/1998/Math/MathML";

    private enum Mode { DATA, RCDATA, RAWTEXT, SCRIPT, PLAINTEXT }

    // Script data's escapes: "<!--" starts ESCAPED, where "<script" starts DOUBLE, in which
    // "</script>" is text that goes back to ESCAPED; "-->" ends both. Only outside DOUBLE does
    // "</script>" end the element (so `<!-- document.write("<script></script>") -->` stays text).
    private enum Escape { NONE, ESCAPED, DOUBLE }

    private record Open(String name, String ns) {
    }

    private final List<Open> open = new ArrayList<>();
    private Mode mode = Mode.DATA;
    private String rawEndTag = ""; // the element whose end tag leaves RCDATA/RAWTEXT/SCRIPT
    private Escape escape = Escape.NONE;
    private final StringBuilder piece = new StringBuilder(); // text not yet handed out as a chunk
    private String pending = "";   // unparsed input: a construct cut by the chunk end
    private boolean inText;        // a text node is open (its end is reported as a last, empty chunk)
    private boolean finished;
    // Whether JS has handlers for elements, text and comments; without, these go out as raw source text.
    private final boolean reportTags;
    private final boolean reportText;
    private final boolean reportComments;

    public HtmlTokenizer(boolean reportTags, boolean reportText, boolean reportComments) {
        this.reportTags = reportTags;
        this.reportText = reportText;
        this.reportComments = reportComments;
    }

    /** Tokens of {@code chunk} (with whatever was held back), packed; a cut construct is held back. */
    @HostAccess.Export
    public String feed(String chunk) {
        if (finished) return "";
        return run(pending + chunk, false);
    }

    /** The tokens of whatever was held back, as the input has ended, and the end of any open text node. */
    @HostAccess.Export
    public String end() {
        if (finished) return "";
        finished = true;
        return run(pending, true);
    }

    private String run(String in, boolean last) {
        TokenWriter out = new TokenWriter();
        int at = 0;
        int n = in.length();
        while (at < n) {
            int lt = mode == Mode.PLAINTEXT ? -1 : in.indexOf('<', at);
            if (mode == Mode.SCRIPT && escape != Escape.NONE) {
                int dashes = in.indexOf("-->", at);
                if (dashes >= 0 && (lt < 0 || dashes < lt)) { // the escape ends; the '>' starts the next chunk
                    piece.append(in, at, dashes + 2);
                    flushText(out);
                    escape = Escape.NONE;
                    at = dashes + 2;
                    continue;
                }
            }
            if (lt < 0) { // text to the end of the chunk (joining a piece begun before it)
                int keep = last ? 0 : escapeDashesAtEnd(in, at);
                piece.append(in, at, n - keep);
                if (keep > 0) { // maybe the start of "-->": read again with the next chunk
                    flushText(out);
                    pending = in.substring(n - keep);
                    return out.toString();
                }
                break;
            }
            piece.append(in, at, lt);
            flushText(out); // text breaks where markup might start
            int next = switch (mode) {
                case DATA -> markup(in, lt, last, out);
                case SCRIPT -> scriptMarkup(in, lt, last, out);
                default -> rawMarkup(in, lt, last, out);
            };
            if (next < 0) { // cut by the chunk end: wait for more
                pending = in.substring(lt);
                return out.toString();
            }
            at = next;
        }
        pending = "";
        flushText(out); // text goes out with the chunk it came in
        if (last) endText(out);
        return out.toString();
    }

    // In escaped script data, how many '-' end the input (at most two, from `from`).
    private int escapeDashesAtEnd(String in, int from) {
        if (mode != Mode.SCRIPT || escape == Escape.NONE) return 0;
        int k = 0;
        while (k < 2 && in.length() - k > from && in.charAt(in.length() - 1 - k) == '-') k++;
        return k;
    }

    /** {@code s} as a text chunk of its own (after any text before it). */
    private void text(TokenWriter out, String s) {
        flushText(out);
        piece.append(s);
        flushText(out);
    }

    private void flushText(TokenWriter out) {
        if (piece.length() == 0) return;
        String s = piece.toString();
        piece.setLength(0);
        if (!reportText) {
            out.raw(s);
            return;
        }
        inText = true;
        out.token("T").field(s);
    }

    private void endText(TokenWriter out) {
        flushText(out);
        if (!inText) return;
        inText = false;
        out.token("L");
    }

    // ---- data state: tags, comments, doctypes ----

    /** Parses the construct at {@code lt} (a '<') in the data state; returns where it ends, or -1 if cut. */
    private int markup(String s, int lt, boolean last, TokenWriter out) {
        int n = s.length();
        if (lt + 1 >= n) return cut(s, lt, last, out);
        char c = s.charAt(lt + 1);
        if (isAlpha(c)) return tag(s, lt, false, last, out);
        if (c == '/') {
            if (lt + 2 >= n) return cut(s, lt, last, out);
            char d = s.charAt(lt + 2);
            if (isAlpha(d)) return tag(s, lt, true, last, out);
            if (d == '>') { // "</>" is dropped by the parser: no token, but it ends the text
                endText(out);
                out.raw("</>");
                return lt + 3;
            }
            return bogusComment(s, lt, lt + 2, last, out);
        }
        if (c == '!') return bang(s, lt, last, out);
        if (c == '?') return bogusComment(s, lt, lt + 1, last, out);
        text(out, "<"); // not markup: the '<' is text, in a piece of its own as lol-html gives it
        return lt + 1;
    }

    // A construct cut by the chunk end: held back; at the very end of the input it is text.
    private int cut(String s, int lt, boolean last, TokenWriter out) {
        if (!last) return -1;
        text(out, s.substring(lt));
        return s.length();
    }

    private int bang(String s, int lt, boolean last, TokenWriter out) {
        int n = s.length();
        if (startsWith(s, lt + 2, "--", false, n) == 0) {
            // "<!--" then text up to "-->" (or "--!>"); "<!-->" and "<!--->" are empty comments.
            int from = lt + 4;
            for (String abrupt : new String[] {">", "->"}) {
                if (s.startsWith(abrupt, from)) return comment(out, s.substring(lt, from + abrupt.length()), "", from + abrupt.length());
            }
            int end = from;
            for (;;) {
                int dash = s.indexOf("--", end);
                if (dash < 0) break;
                if (s.startsWith("-->", dash)) return comment(out, s.substring(lt, dash + 3), s.substring(from, dash), dash + 3);
                if (s.startsWith("--!>", dash)) return comment(out, s.substring(lt, dash + 4), s.substring(from, dash), dash + 4);
                end = dash + 1;
            }
            if (!last) return -1;
            return comment(out, s.substring(lt), s.substring(from), n);
        }
        int m = startsWith(s, lt + 2, "doctype", true, n);
        if (m < 0 && !last) return -1;
        if (m == 0) return doctype(s, lt, last, out);
        if (foreign()) {
            m = startsWith(s, lt + 2, "[CDATA[", false, n);
            if (m < 0 && !last) return -1;
            if (m == 0) return cdata(s, lt, last, out);
        }
        return bogusComment(s, lt, lt + 2, last, out);
    }

    /** 0 if {@code s} has {@code word} at {@code at}, -1 if it might but is cut short, 1 if not. */
    private static int startsWith(String s, int at, String word, boolean ignoreCase, int n) {
        int avail = Math.min(word.length(), n - at);
        if (!s.regionMatches(ignoreCase, at, word, 0, avail)) return 1;
        return avail < word.length() ? -1 : 0;
    }

    private int comment(TokenWriter out, String raw, String text, int next) {
        endText(out);
        if (reportComments) out.token("C").field(raw).field(text);
        else out.raw(raw);
        return next;
    }

    // "<?x>", "<!x>", "</ x>": a comment whose text runs from `from` to the next '>'.
    private int bogusComment(String s, int lt, int from, boolean last, TokenWriter out) {
        int gt = s.indexOf('>', from);
        if (gt < 0) {
            if (!last) return -1;
            return comment(out, s.substring(lt), s.substring(from), s.length());
        }
        return comment(out, s.substring(lt, gt + 1), s.substring(from, gt), gt + 1);
    }

    private int cdata(String s, int lt, boolean last, TokenWriter out) {
        int from = lt + 9;
        int end = s.indexOf("]]>", from);
        if (end < 0 && !last) return -1;
        if (end < 0) end = s.length();
        // The markers pass through as they are; the inside is text, as lol-html reports it.
        out.raw("<![CDATA[");
        text(out, s.substring(from, end));
        if (end < s.length()) out.raw("]]>");
        return Math.min(end + 3, s.length());
    }

    private int doctype(String s, int lt, boolean last, TokenWriter out) {
        int gt = s.indexOf('>', lt);
        if (gt < 0 && !last) return -1;
        int end = gt < 0 ? s.length() : gt + 1;
        Doctype d = Doctype.parse(s.substring(lt + 9, gt < 0 ? s.length() : gt));
        endText(out);
        out.token("D").field(s.substring(lt, end)).field(d.name()).field(d.publicId()).field(d.systemId());
        return end;
    }

    // ---- tags ----

    /** Parses a start or end tag at {@code lt}; -1 if cut. */
    private int tag(String s, int lt, boolean end, boolean last, TokenWriter out) {
        Tag t = Tag.parse(s, lt + (end ? 2 : 1));
        if (t == null && !last) return -1;
        endText(out);
        if (t == null) { // a tag the input ends inside goes out as it was, but is no text (as in lol-html)
            out.raw(s.substring(lt));
            return s.length();
        }
        String raw = s.substring(lt, t.end());
        if (end) endTag(out, raw, t);
        else startTag(out, raw, t);
        return t.end();
    }

    private void startTag(TokenWriter out, String raw, Tag t) {
        String name = t.name().toLowerCase(Locale.ROOT);
        int pops = 0;
        if (foreign() && (BREAKOUT.contains(name) || name.equals("font") && t.hasAny("color", "face", "size"))) {
            while (foreign() && !htmlIntegrationPoint(top())) {
                open.remove(open.size() - 1);
                pops++;
            }
        }
        String ns = childNamespace(name);
        boolean canHaveContent = ns.equals(HTML) ? !VOID.contains(name) : !t.selfClosing();
        if (canHaveContent) open.add(new Open(name, ns));
        if (!reportTags) out.raw(raw);
        else out.token("S").field(raw).field(t.name()).field(name).field(pops).field(ns)
                .field(t.selfClosing() ? 1 : 0).field(canHaveContent ? 1 : 0).field(t.attributes().size());
        if (reportTags) for (Tag.Attribute a : t.attributes()) out.field(a.raw()).field(a.name()).field(a.value());
        if (ns.equals(HTML) && canHaveContent) {
            if (RCDATA.contains(name)) enterRaw(Mode.RCDATA, name);
            else if (RAWTEXT.contains(name)) enterRaw(Mode.RAWTEXT, name);
            else if (name.equals("script")) enterRaw(Mode.SCRIPT, name);
            else if (name.equals("plaintext")) mode = Mode.PLAINTEXT;
        }
    }

    private void enterRaw(Mode m, String name) {
        mode = m;
        rawEndTag = name;
        escape = Escape.NONE;
    }

    private void endTag(TokenWriter out, String raw, Tag t) {
        String name = t.name().toLowerCase(Locale.ROOT);
        int pops = 0;
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i).name().equals(name)) {
                pops = open.size() - i;
                open.subList(i, open.size()).clear();
                break;
            }
        }
        if (reportTags) out.token("E").field(raw).field(t.name()).field(name).field(pops);
        else out.raw(raw);
    }

    private boolean foreign() {
        return !open.isEmpty() && !top().ns().equals(HTML);
    }

    private Open top() {
        return open.get(open.size() - 1);
    }

    private static boolean htmlIntegrationPoint(Open e) {
        return e.ns().equals(SVG) ? SVG_HTML_POINTS.contains(e.name())
                : e.ns().equals(MATHML) && MATHML_TEXT_POINTS.contains(e.name());
    }

    private String childNamespace(String name) {
        if (name.equals("svg")) return SVG;
        if (name.equals("math")) return MATHML;
        if (open.isEmpty()) return HTML;
        Open parent = top();
        if (parent.ns().equals(HTML) || htmlIntegrationPoint(parent)) {
            boolean mathGlyph = parent.ns().equals(MATHML) && (name.equals("mglyph") || name.equals("malignmark"));
            return mathGlyph ? MATHML : HTML;
        }
        return parent.ns();
    }

    // ---- RCDATA, RAWTEXT and script data: only the element's own end tag is markup ----

    private int rawMarkup(String s, int lt, boolean last, TokenWriter out) {
        if (lt + 1 >= s.length()) return cut(s, lt, last, out);
        if (s.charAt(lt + 1) == '/') return rawEndTag(s, lt, last, out, true);
        text(out, "<");
        return lt + 1;
    }

    /**
     * At "&lt;/" in raw text: the element's end tag when {@code closes}, else "&lt;/name" as text (in a
     * piece of its own). Returns where to go on, or -1 if cut.
     */
    private int rawEndTag(String s, int lt, boolean last, TokenWriter out, boolean closes) {
        int n = s.length();
        int i = nameEnd(s, lt + 2);
        if (i >= n) return cut(s, lt, last, out);
        if (closes && isDelimiter(s.charAt(i)) && s.substring(lt + 2, i).equalsIgnoreCase(rawEndTag)) {
            Tag t = Tag.parse(s, lt + 2);
            if (t == null) return cut(s, lt, last, out);
            mode = Mode.DATA;
            endText(out);
            endTag(out, s.substring(lt, t.end()), t);
            return t.end();
        }
        text(out, s.substring(lt, i));
        return i;
    }

    private int scriptMarkup(String s, int lt, boolean last, TokenWriter out) {
        int n = s.length();
        if (lt + 1 >= n) return cut(s, lt, last, out);
        char c = s.charAt(lt + 1);
        if (c == '/') {
            if (escape != Escape.DOUBLE) return rawEndTag(s, lt, last, out, true);
            int i = nameEnd(s, lt + 2);
            if (i >= n) return cut(s, lt, last, out);
            if (isDelimiter(s.charAt(i)) && s.substring(lt + 2, i).equalsIgnoreCase("script")) {
                escape = Escape.ESCAPED;
                text(out, s.substring(lt, i + 1));
                return i + 1;
            }
            return rawEndTag(s, lt, last, out, false);
        }
        if (c == '!' && escape == Escape.NONE) {
            int m = startsWith(s, lt + 1, "!--", false, n);
            if (m < 0) return cut(s, lt, last, out);
            if (m == 0) {
                text(out, "<!--");
                escape = Escape.ESCAPED;
                return lt + 4;
            }
        }
        if (escape == Escape.ESCAPED && isAlpha(c)) {
            int i = nameEnd(s, lt + 1);
            if (i >= n) return cut(s, lt, last, out);
            if (isDelimiter(s.charAt(i)) && s.substring(lt + 1, i).equalsIgnoreCase("script")) {
                escape = Escape.DOUBLE;
                piece.append(s, lt, i); // joins the text after it
                return i;
            }
        }
        text(out, "<");
        return lt + 1;
    }

    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isAlpha(s.charAt(i))) i++;
        return i;
    }

    private static boolean isDelimiter(char c) {
        return c == '>' || c == '/' || isSpace(c);
    }

    static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
