package dev.workersim.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dotenv file format as wrangler reads `.dev.vars` and `.env` files (the `dotenv` package):
 * {@code KEY=value}, an optional {@code export } prefix, {@code KEY: value}, single, double or
 * back quotes (a quoted value may span lines; only double quotes turn {@code \n} and {@code \r}
 * into line breaks), and {@code #} comments after unquoted values. A later line wins.
 */
final class DotEnv {
    // One assignment: key, then a quoted value (which may span lines) or the rest of the line up to a comment.
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(?:export\\s+)?([\\w.-]+)(?:\\s*=\\s*?|:\\s+?)"
                    + "(\\s*'(?:\\\\'|[^'])*'|\\s*\"(?:\\\\\"|[^\"])*\"|\\s*`(?:\\\\`|[^`])*`|[^#\\n]+)?"
                    + "\\s*(?:#.*)?$",
            Pattern.MULTILINE);
    private static final Pattern QUOTED = Pattern.compile("^(['\"`])([\\s\\S]*)\\1$");
    // ${NAME}, ${NAME:-default} and friends, or $NAME; a backslash before the $ keeps it literal.
    private static final Pattern REFERENCE = Pattern.compile("(?<!\\\\)\\$\\{([^{}]+)}|(?<!\\\\)\\$([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern OPERATOR = Pattern.compile(":\\+|\\+|:-|-");

    private DotEnv() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = LINE.matcher(text.replace("\r\n", "\n").replace('\r', '\n'));
        while (m.find()) {
            String value = m.group(2) == null ? "" : m.group(2).trim();
            boolean doubleQuoted = value.startsWith("\"");
            Matcher q = QUOTED.matcher(value);
            if (q.matches()) value = q.group(2);
            if (doubleQuoted) value = value.replace("\\n", "\n").replace("\\r", "\r");
            out.put(m.group(1), value);
        }
        return out;
    }

    /**
     * Expands {@code $NAME} references in .env values as dotenv-expand does for wrangler: a name
     * set in {@code processEnv} (non-empty) replaces the file's value outright; otherwise references
     * resolve against the process environment and the values expanded before it.
     */
    static Map<String, String> expand(Map<String, String> parsed, Map<String, String> processEnv) {
        Map<String, String> done = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : parsed.entrySet()) {
            String fromProcess = processEnv.get(e.getKey());
            String value = fromProcess != null && !fromProcess.isEmpty() && !fromProcess.equals(e.getValue())
                    ? fromProcess : expandValue(e.getValue(), processEnv, done);
            done.put(e.getKey(), value.replace("\\$", "$"));
        }
        return done;
    }

    private static String expandValue(String value, Map<String, String> processEnv, Map<String, String> earlier) {
        Map<String, String> scope = new LinkedHashMap<>(earlier);
        scope.putAll(processEnv);
        String result = value;
        // Bounded so that a value referring to itself cannot loop.
        for (int round = 0; round < 100; round++) {
            Matcher m = REFERENCE.matcher(result);
            if (!m.find()) break;
            String expr = m.group(1) != null ? m.group(1) : m.group(2);
            String replacement = resolve(expr, scope);
            result = result.substring(0, m.start()) + replacement + result.substring(m.end());
        }
        return result;
    }

    private static String resolve(String expr, Map<String, String> scope) {
        Matcher op = OPERATOR.matcher(expr);
        if (!op.find()) {
            String v = scope.get(expr);
            return v == null ? "" : v;
        }
        String key = expr.substring(0, op.start());
        String rest = expr.substring(op.end());
        String v = scope.get(key);
        boolean set = v != null && !v.isEmpty();
        if (op.group().endsWith("+")) return set ? rest : ""; // ${A:+x}: x when A is set
        return set ? v : rest;                                  // ${A:-x}: A, or x when unset
    }
}
