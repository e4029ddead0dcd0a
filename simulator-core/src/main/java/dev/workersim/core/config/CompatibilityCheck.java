package dev.workersim.core.config;

import dev.workersim.core.runtime.CompatibilityFlags;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses a compatibility date and flags the way `wrangler dev` does, before anything is served:
 * a date after today in UTC (miniflare's check), a flag workerd does not know, one named twice,
 * and an enable name together with its own disable name (workerd's checks, with its wording). A
 * flag the date already enables is only a warning, as in workerd. Experimental flags pass:
 * wrangler dev runs workerd with --experimental.
 */
public final class CompatibilityCheck {
    /** One finding: the key path it is about ("compatibility_flags[1]") and what is wrong. */
    public record Finding(String path, String message) {
    }

    /** Errors stop the load; warnings are printed. */
    public record Result(List<Finding> errors, List<Finding> warnings) {
    }

    private CompatibilityCheck() {
    }

    /** Checks against today's date in UTC, the date miniflare compares with. */
    public static Result check(String date, List<String> flags) {
        return check(date, flags, LocalDate.now(ZoneOffset.UTC));
    }

    static Result check(String date, List<String> flags, LocalDate todayUtc) {
        List<Finding> errors = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        if (date != null) checkDate(date, todayUtc, errors, warnings);
        CompatibilityFlags known = CompatibilityFlags.get();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < flags.size(); i++) {
            String name = flags.get(i);
            String path = "compatibility_flags[" + i + "]";
            if (!seen.add(name)) {
                errors.add(new Finding(path, "Compatibility flag specified multiple times: " + name));
                continue;
            }
            CompatibilityFlags.Flag flag = known.byName(name);
            if (flag == null) {
                errors.add(new Finding(path, unknown(name, known)));
            } else if (name.equals(flag.enable()) && flag.disable() != null && flags.contains(flag.disable())) {
                errors.add(new Finding(path, "Compatibility flags are mutually contradictory: " + flag.enable() + " vs " + flag.disable()));
            } else if (name.equals(flag.enable()) && date != null && (flag.always() || (flag.since() != null && date.compareTo(flag.since()) >= 0))) {
                warnings.add(new Finding(path, flag.always()
                        ? "The compatibility flag " + name + " is the default, so does not need to be specified anymore."
                        : "The compatibility flag " + name + " became the default as of " + flag.since()
                                + " so does not need to be specified anymore."));
            }
        }
        return new Result(errors, warnings);
    }

    private static void checkDate(String date, LocalDate todayUtc, List<Finding> errors, List<Finding> warnings) {
        String today = todayUtc.toString();
        if (date.compareTo(today) > 0) {
            errors.add(new Finding("compatibility_date", "Compatibility date \"" + date + "\" is in the future and unsupported"
                    + " (today's date in UTC is " + today + ")"));
            return;
        }
        // workerd refuses dates after the newest one it was built for; this simulator knows the flags of
        // its list and no later ones, so it says so rather than refusing a date that production accepts.
        String asOf = CompatibilityFlags.get().asOf();
        if (asOf != null && date.compareTo(asOf) > 0) {
            warnings.add(new Finding("compatibility_date", "compatibility date \"" + date + "\" is newer than this simulator's list of"
                    + " compatibility flags (workerd's of " + asOf + "): flags that became the default after " + asOf
                    + " are not simulated"));
        }
    }

    private static String unknown(String name, CompatibilityFlags known) {
        String close = ClosestName.of(name, known.names());
        if (close != null) return "No such compatibility flag: " + name + "; did you mean \"" + close + "\"?";
        // Not a typo of a known one: perhaps newer than the list (simulator-core/tools/compatibility_flags.py refreshes it).
        return "No such compatibility flag: " + name + " (this simulator knows workerd's flags as of " + known.asOf() + ")";
    }
}
