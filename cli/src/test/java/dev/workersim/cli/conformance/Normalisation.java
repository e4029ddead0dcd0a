package dev.workersim.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * run_case.py's normalize_text: the server's own address becomes {@code 127.0.0.1:PORT}, then the
 * step's {@code normalize} rules ([regex, replacement] pairs, written for Python's re.sub) apply in order.
 */
final class Normalisation {
    private Normalisation() {
    }

    static String apply(String text, int port, JsonNode rules) {
        String s = text.replace("127.0.0.1:" + port, "127.0.0.1:PORT").replace("localhost:" + port, "127.0.0.1:PORT");
        if (rules == null) return s;
        for (JsonNode rule : rules) {
            s = substitute(rule.get(0).asText(), rule.get(1).asText(), s);
        }
        return s;
    }

    /** re.sub(pattern, replacement, s) with Python's syntax for both. */
    static String substitute(String pythonPattern, String pythonReplacement, String s) {
        // UNIX_LINES: in Python only \n ends a line for '.', '^' and '$' ('.' matches \r there).
        Matcher m = Pattern.compile(javaPattern(pythonPattern), Pattern.UNIX_LINES).matcher(s);
        return m.replaceAll(match -> Matcher.quoteReplacement(expand(pythonReplacement, match)));
    }

    private static String javaPattern(String p) {
        return p.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>").replace("\\Z", "\\z");
    }

    /** A Python replacement template: \1, \g<1>, \g<name>, \n-style escapes; other escapes stay as written. */
    private static String expand(String template, java.util.regex.MatchResult match) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char next = template.charAt(++i);
            if (Character.isDigit(next)) {
                int end = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
                out.append(group(match, template.substring(i, end)));
                i = end - 1;
            } else if (next == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                out.append(group(match, template.substring(i + 2, close)));
                i = close;
            } else {
                int known = "ntrfvab\\".indexOf(next);
                out.append(known >= 0 ? "\n\t\r\f\u000b\u0007\b\\".charAt(known) : "\\" + next);
            }
        }
        return out.toString();
    }

    private static String group(java.util.regex.MatchResult match, String ref) {
        String g;
        if (ref.chars().allMatch(Character::isDigit)) {
            g = match.group(Integer.parseInt(ref));
        } else {
            g = ((Matcher) match).group(ref);
        }
        return g == null ? "" : g;
    }
}
