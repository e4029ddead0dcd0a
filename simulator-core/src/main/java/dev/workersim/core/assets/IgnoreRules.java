package dev.workersim.core.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code .assetsignore} file at the root of the assets folder, in .gitignore syntax: blank
 * lines and {@code #} comments skipped, {@code !} re-includes, a trailing {@code /} matches folders
 * only, a pattern with an inner {@code /} is anchored at the root (else it matches at any depth),
 * {@code *} and {@code ?} stay inside one path segment, {@code **} crosses segments. The last rule
 * that matches decides. The file itself and the root's _redirects and _headers (configuration files
 * to wrangler) are never served, as in wrangler.
 */
final class IgnoreRules {
    static final String FILE = ".assetsignore";

    private record Rule(Pattern pattern, boolean negated, boolean folderOnly) {
    }

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = rules;
    }

    static IgnoreRules read(Path root) {
        Path file = root.resolve(FILE);
        List<Rule> rules = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    Rule r = parse(line);
                    if (r != null) rules.add(r);
                }
            } catch (IOException e) {
                // unreadable: nothing ignored but the file itself
            }
        }
        return new IgnoreRules(rules);
    }

    private static Rule parse(String line) {
        String p = line.strip();
        if (p.isEmpty() || p.startsWith("#")) return null;
        boolean negated = p.startsWith("!");
        if (negated) p = p.substring(1);
        if (p.startsWith("\\")) p = p.substring(1); // "\#x" / "\!x": a literal first character
        boolean folderOnly = p.endsWith("/");
        if (folderOnly) p = p.substring(0, p.length() - 1);
        boolean anchored = p.contains("/");
        if (p.startsWith("/")) p = p.substring(1);
        if (p.isEmpty()) return null;
        String re = (anchored ? "" : "(?:.*/)?") + globToRegex(p);
        return new Rule(Pattern.compile(re), negated, folderOnly);
    }

    private static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    re.append("\\[");
                } else {
                    String set = glob.substring(i + 1, end).replace("\\", "\\\\");
                    if (set.startsWith("!")) set = "^" + set.substring(1);
                    re.append('[').append(set).append(']');
                    i = end;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /** True when the file at {@code relative} ("a/b.txt", '/'-separated) is not an asset. */
    boolean ignored(String relative) {
        if (relative.equals(FILE) || relative.equals("_redirects") || relative.equals("_headers")) return true;
        // A folder that is ignored hides everything below it: test each parent, then the file.
        String[] parts = relative.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) prefix.append('/');
            prefix.append(parts[i]);
            boolean folder = i < parts.length - 1;
            if (decide(prefix.toString(), folder)) return true;
        }
        return false;
    }

    private boolean decide(String path, boolean folder) {
        boolean ignored = false;
        for (Rule r : rules) {
            if (r.folderOnly() && !folder) continue;
            if (r.pattern().matcher(path).matches()) ignored = !r.negated();
        }
        return ignored;
    }
}
