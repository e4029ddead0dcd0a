package dev.workersim.core.web.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A start or end tag read by the HTML Standard's tag states (tag name, attribute name and value,
 * self-closing start tag), keeping each attribute's exact source text.
 *
 * @param name the tag name as written (NUL read as U+FFFD)
 * @param attributes in source order; names lower-cased, values as written (entities not decoded)
 * @param end the index just after the closing '>'
 */
record Tag(String name, List<Attribute> attributes, boolean selfClosing, int end) {
    /** @param raw the attribute's source text, from its name to the end of its value */
    record Attribute(String raw, String name, String value) {
    }

    boolean hasAny(String... names) {
        for (Attribute a : attributes) {
            for (String n : names) if (a.name().equals(n)) return true;
        }
        return false;
    }

    /** The tag whose name starts at {@code at}, or null when {@code s} ends before its '>'. */
    static Tag parse(String s, int at) {
        int n = s.length();
        int i = at;
        while (i < n && !isNameEnd(s.charAt(i))) i++;
        if (i >= n) return null;
        String name = s.substring(at, i).replace('\0', '\ufffd');
        List<Attribute> attrs = new ArrayList<>();
        for (;;) {
            while (i < n && HtmlTokenizer.isSpace(s.charAt(i))) i++;
            if (i >= n) return null;
            char c = s.charAt(i);
            if (c == '>') return new Tag(name, attrs, false, i + 1);
            if (c == '/') { // self-closing only when '>' follows; otherwise the '/' is skipped
                if (i + 1 >= n) return null;
                if (s.charAt(i + 1) == '>') return new Tag(name, attrs, true, i + 2);
                i++;
                continue;
            }
            int start = i;
            i++; // the first character belongs to the name, even '='
            while (i < n && !isNameEnd(s.charAt(i)) && s.charAt(i) != '=') i++;
            int nameEnd = i;
            while (i < n && HtmlTokenizer.isSpace(s.charAt(i))) i++;
            if (i >= n) return null;
            String attrName = s.substring(start, nameEnd).toLowerCase(Locale.ROOT).replace('\0', '\ufffd');
            if (s.charAt(i) != '=') {
                attrs.add(new Attribute(s.substring(start, nameEnd), attrName, ""));
                continue;
            }
            i++;
            while (i < n && HtmlTokenizer.isSpace(s.charAt(i))) i++;
            if (i >= n) return null;
            char q = s.charAt(i);
            String value;
            if (q == '"' || q == '\'') {
                int close = s.indexOf(q, i + 1);
                if (close < 0) return null;
                value = s.substring(i + 1, close);
                i = close + 1;
            } else {
                int v = i;
                while (i < n && !HtmlTokenizer.isSpace(s.charAt(i)) && s.charAt(i) != '>') i++;
                if (i >= n) return null;
                value = s.substring(v, i);
            }
            attrs.add(new Attribute(s.substring(start, i), attrName, value));
        }
    }

    private static boolean isNameEnd(char c) {
        return c == '/' || c == '>' || HtmlTokenizer.isSpace(c);
    }
}
