package dev.workersim.core.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code run_worker_first = ["/api/*", "!/api/docs/*"]}: the worker runs first for a path that some
 * positive pattern matches and no negative one does (order does not matter). {@code *} matches any
 * run of characters, slashes included; everything else is literal (so "/api/*" does not match "/api").
 */
public final class WorkerFirstRules {
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    private WorkerFirstRules(List<Pattern> include, List<Pattern> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    public static WorkerFirstRules of(List<String> globs) {
        List<Pattern> include = new ArrayList<>();
        List<Pattern> exclude = new ArrayList<>();
        for (String g : globs) {
            if (g.startsWith("!")) exclude.add(compile(g.substring(1)));
            else include.add(compile(g));
        }
        return new WorkerFirstRules(include, exclude);
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (re.length() > 0) re.append(".*");
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    /** True when the worker runs before the assets for this (decoded) pathname. */
    public boolean workerFirst(String pathname) {
        for (Pattern p : exclude) if (p.matcher(pathname).matches()) return false;
        for (Pattern p : include) if (p.matcher(pathname).matches()) return true;
        return false;
    }
}
