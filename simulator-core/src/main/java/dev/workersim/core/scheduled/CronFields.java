package dev.workersim.core.scheduled;

import java.util.List;

/**
 * Parses the value lists every cron field shares: {@code *}, {@code a}, {@code a-b}, {@code a/n},
 * {@code a-b/n}, {@code *}{@code /n}, joined by commas, into a bit mask (bit v = value v).
 *
 * <p>A range whose start is past its end wraps around ({@code 50-10} minutes, {@code FRI-MON}), and
 * {@code a/n} runs from a to the field's maximum, as Cloudflare's parser has them.
 */
final class CronFields {
    /** One field's name for messages, its bounds, and the three-letter names of its values if any. */
    record Spec(String name, int min, int max, List<String> names) {
        long all() {
            long mask = 0;
            for (int v = min; v <= max; v++) mask |= 1L << v;
            return mask;
        }
    }

    static final Spec MINUTE = new Spec("minute", 0, 59, null);
    static final Spec HOUR = new Spec("hour", 0, 23, null);
    static final Spec DAY_OF_MONTH = new Spec("day-of-month", 1, 31, null);
    static final Spec MONTH = new Spec("month", 1, 12,
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"));
    /** 1 = Sunday ... 7 = Saturday: Cloudflare's numbering, not Unix cron's 0-6. */
    static final Spec DAY_OF_WEEK = new Spec("day-of-week", 1, 7,
            List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    private final String expression;

    CronFields(String expression) {
        this.expression = expression;
    }

    CronSyntaxException error(Spec spec, String detail) {
        return new CronSyntaxException(expression, spec.name(), detail);
    }

    /** The mask of a whole field: a comma-separated list. */
    long list(Spec spec, String text) {
        if (text.equals("*")) return spec.all();
        long mask = 0;
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) throw error(spec, "empty item in \"" + text + "\"");
            mask |= item(spec, item);
        }
        return mask;
    }

    private long item(Spec spec, String item) {
        String range = item;
        int step = 1;
        boolean stepped = false;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = step(spec, item.substring(slash + 1));
            stepped = true;
        }
        int lo;
        int hi;
        int dash = range.indexOf('-', 1);
        if (range.equals("*")) {
            lo = spec.min();
            hi = spec.max();
        } else if (dash > 0) {
            lo = value(spec, range.substring(0, dash));
            hi = value(spec, range.substring(dash + 1));
        } else {
            lo = value(spec, range);
            hi = stepped ? spec.max() : lo;
        }
        return walk(spec, lo, hi, step);
    }

    /** Every step-th value from lo to hi, wrapping past the maximum when lo > hi. */
    private static long walk(Spec spec, int lo, int hi, int step) {
        int span = spec.max() - spec.min() + 1;
        int count = lo <= hi ? hi - lo + 1 : (spec.max() - lo + 1) + (hi - spec.min() + 1);
        long mask = 0;
        for (int i = 0; i < count; i += step) {
            int v = spec.min() + Math.floorMod(lo - spec.min() + i, span);
            mask |= 1L << v;
        }
        return mask;
    }

    private int step(Spec spec, String text) {
        int maxStep = spec.max() - spec.min();
        int n = number(spec, text, "step");
        if (n < 1 || n > maxStep) throw error(spec, "step " + text + " must be 1-" + maxStep);
        return n;
    }

    /** A number in range, or (month, day-of-week) a three-letter name, case-insensitive. */
    int value(Spec spec, String text) {
        if (spec.names() != null && text.length() == 3 && Character.isLetter(text.charAt(0))) {
            int i = spec.names().indexOf(text.toUpperCase(java.util.Locale.ROOT));
            if (i < 0) throw error(spec, "unknown name \"" + text + "\" (use " + String.join(", ", spec.names()) + ")");
            return spec.min() + i;
        }
        int n = number(spec, text, "value");
        if (n < spec.min() || n > spec.max()) {
            String hint = spec == DAY_OF_WEEK ? " (1 = Sunday ... 7 = Saturday)" : "";
            throw error(spec, text + " is out of range " + spec.min() + "-" + spec.max() + hint);
        }
        return n;
    }

    private int number(Spec spec, String text, String what) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw error(spec, "\"" + text + "\" is not a valid " + what
                    + (spec.names() != null && what.equals("value") ? " (a number or a three-letter name)" : ""));
        }
        return Integer.parseInt(text);
    }
}
