package dev.workersim.core.web.html;

import java.util.Locale;

/** The parts of a doctype the HTML Standard's doctype states read; null where absent. */
record Doctype(String name, String publicId, String systemId) {
    /** Reads what follows "&lt;!doctype" up to (not including) the closing '>'. */
    static Doctype parse(String s) {
        Cursor c = new Cursor(s);
        c.skipSpace();
        String name = c.word();
        if (name.isEmpty()) return new Doctype(null, null, null);
        name = name.toLowerCase(Locale.ROOT).replace('\0', '\ufffd');
        c.skipSpace();
        String keyword = c.keyword();
        String publicId = null;
        String systemId = null;
        if (keyword.equals("public")) {
            c.skipSpace();
            publicId = c.quoted();
            if (publicId != null) {
                c.skipSpace();
                systemId = c.quoted();
            }
        } else if (keyword.equals("system")) {
            c.skipSpace();
            systemId = c.quoted();
        }
        return new Doctype(name, publicId, systemId);
    }

    private static final class Cursor {
        private final String s;
        private int at;

        Cursor(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (at < s.length() && HtmlTokenizer.isSpace(s.charAt(at))) at++;
        }

        String word() {
            int from = at;
            while (at < s.length() && !HtmlTokenizer.isSpace(s.charAt(at))) at++;
            return s.substring(from, at);
        }

        String keyword() {
            int from = at;
            while (at < s.length() && HtmlTokenizer.isAlpha(s.charAt(at)) && at - from < 6) at++;
            return s.substring(from, at).toLowerCase(Locale.ROOT);
        }

        String quoted() {
            if (at >= s.length()) return null;
            char q = s.charAt(at);
            if (q != '"' && q != '\'') return null;
            int close = s.indexOf(q, at + 1);
            int end = close < 0 ? s.length() : close;
            String v = s.substring(at + 1, end);
            at = Math.min(end + 1, s.length());
            return v;
        }
    }
}
