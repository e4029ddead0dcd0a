package dev.workersim.core.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which compatibility flags are on for a worker, as workerd decides it (compileCompatibilityFlags):
 * a flag is on when its enable name is listed, or when the date has reached its default date (or
 * a flag that implies it is on, from the implication's date) and its disable name is not listed.
 * The flags are workerd's own list ({@link CompatibilityFlags}); whether the names are valid is
 * checked when the config is read (config/CompatibilityCheck). The runtime's JS reads the result
 * as {@code $.compat.<enableName>}.
 */
public record Compatibility(String date, Set<String> flags) {

    /** A worker with no compatibility_date and no flags (inline scripts in tests): today's defaults. */
    public static final Compatibility DEFAULT = new Compatibility("2025-09-01", Set.of());

    public Compatibility {
        flags = Set.copyOf(flags);
    }

    public static Compatibility of(String date, List<String> flags) {
        return new Compatibility(date == null ? DEFAULT.date : date, Set.copyOf(flags));
    }

    public boolean enabled(String enableName) {
        Boolean state = states().get(enableName);
        return state != null ? state : flags.contains(enableName);
    }

    /** Every flag's state by its enable name, in workerd's order: by flag and date, then implications. */
    private Map<String, Boolean> states() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (CompatibilityFlags.Flag f : CompatibilityFlags.get().all()) {
            boolean byDate = f.always() || (f.since() != null && date.compareTo(f.since()) >= 0);
            boolean on = listed(f.enable()) || (byDate && !listed(f.disable()));
            states.put(f.key(), on);
        }
        // An implication reads the states above, in list order, as workerd's second pass does.
        for (CompatibilityFlags.Flag f : CompatibilityFlags.get().all()) {
            if (f.impliedAfter() == null || listed(f.disable()) || date.compareTo(f.impliedAfter()) < 0) continue;
            for (String by : f.impliedBy()) {
                if (Boolean.TRUE.equals(states.get(by))) states.put(f.key(), true);
            }
        }
        return states;
    }

    private boolean listed(String name) {
        return name != null && flags.contains(name);
    }

    /** Every known flag's state, and the unknown names listed (on, as written): {@code $.compat} of the runtime's JS. */
    public Map<String, Boolean> flagStates() {
        Map<String, Boolean> states = states();
        for (String f : flags) {
            if (f.matches("[A-Za-z0-9_]+")) states.putIfAbsent(f, true);
        }
        return states;
    }
}
