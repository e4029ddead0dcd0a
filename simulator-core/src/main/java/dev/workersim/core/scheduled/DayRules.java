package dev.workersim.core.scheduled;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The two day fields. Besides value lists they take Quartz-style forms: day-of-month {@code L},
 * {@code L-n}, {@code LW}, {@code L-nW}, {@code nW}; day-of-week {@code dL} (last d of the month) and
 * {@code d#n} (n-th d). These forms stand alone in their field, as in Cloudflare's parser.
 */
final class DayRules {
    private DayRules() {
    }

    /** A rule over the days of a month; {@code star} is a literal {@code *} (it matters for OR-ing). */
    interface Rule {
        boolean matches(LocalDate day);

        default boolean star() {
            return false;
        }
    }

    static final Rule STAR = new Rule() {
        @Override
        public boolean matches(LocalDate day) {
            return true;
        }

        @Override
        public boolean star() {
            return true;
        }
    };

    static Rule dayOfMonth(CronFields fields, String text) {
        CronFields.Spec spec = CronFields.DAY_OF_MONTH;
        if (text.equals("*")) return STAR;
        if (text.startsWith("L")) {
            boolean weekday = text.endsWith("W") && text.length() > 1;
            String rest = text.substring(1, text.length() - (weekday ? 1 : 0));
            int offset = 0;
            if (!rest.isEmpty()) {
                if (!rest.startsWith("-") || rest.length() == 1 || !rest.substring(1).chars().allMatch(Character::isDigit)
                        || rest.length() > 3) {
                    throw fields.error(spec, "\"" + text + "\" is not L, LW, L-n or L-nW");
                }
                offset = Integer.parseInt(rest.substring(1));
                if (offset < 1 || offset > 30) throw fields.error(spec, "the offset in \"" + text + "\" must be 1-30");
            }
            int off = offset;
            return weekday
                    ? day -> day.getDayOfMonth() == nearestWeekday(day, day.lengthOfMonth() - off)
                    : day -> day.getDayOfMonth() == day.lengthOfMonth() - off;
        }
        if (text.endsWith("W")) {
            int target = fields.value(spec, text.substring(0, text.length() - 1));
            return day -> target <= day.lengthOfMonth() && day.getDayOfMonth() == nearestWeekday(day, target);
        }
        if (text.contains("L") || text.contains("W")) {
            throw fields.error(spec, "L and W cannot be combined with other values (\"" + text + "\")");
        }
        long mask = fields.list(spec, text);
        return day -> (mask & (1L << day.getDayOfMonth())) != 0;
    }

    static Rule dayOfWeek(CronFields fields, String text) {
        CronFields.Spec spec = CronFields.DAY_OF_WEEK;
        if (text.equals("*")) return STAR;
        if (text.equals("L")) return weekdays(1L << 7); // a lone L is the last day of the week: Saturday
        if (text.length() > 1 && text.endsWith("L")) {
            int d = fields.value(spec, text.substring(0, text.length() - 1));
            return day -> cloudflareNumber(day) == d && day.getDayOfMonth() + 7 > day.lengthOfMonth();
        }
        int hash = text.indexOf('#');
        if (hash >= 0) {
            int d = fields.value(spec, text.substring(0, hash));
            String n = text.substring(hash + 1);
            if (!n.matches("[1-5]")) throw fields.error(spec, "the week number in \"" + text + "\" must be 1-5");
            int nth = Integer.parseInt(n);
            return day -> cloudflareNumber(day) == d && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
        if (text.contains("L")) {
            throw fields.error(spec, "L cannot be combined with other values (\"" + text + "\")");
        }
        return weekdays(fields.list(spec, text));
    }

    private static Rule weekdays(long mask) {
        return day -> (mask & (1L << cloudflareNumber(day))) != 0;
    }

    /** 1 = Sunday ... 7 = Saturday. */
    static int cloudflareNumber(LocalDate day) {
        return day.getDayOfWeek().getValue() % 7 + 1;
    }

    /**
     * The weekday (Mon-Fri) nearest to day {@code target} of {@code day}'s month, never leaving the
     * month: a Saturday moves to Friday (or to Monday the 3rd when it is the 1st), a Sunday to Monday
     * (or to Friday when it is the last day).
     */
    static int nearestWeekday(LocalDate day, int target) {
        if (target < 1) return -1;
        DayOfWeek dow = day.withDayOfMonth(target).getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY) return target == 1 ? 3 : target - 1;
        if (dow == DayOfWeek.SUNDAY) return target == day.lengthOfMonth() ? target - 2 : target + 1;
        return target;
    }
}
