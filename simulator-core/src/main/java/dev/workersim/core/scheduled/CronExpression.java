package dev.workersim.core.scheduled;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Cron Trigger schedule in Cloudflare's grammar, evaluated in UTC.
 *
 * <p>Five fields: minute, hour, day-of-month, month, day-of-week (1 = Sunday ... 7 = Saturday). When
 * both day fields are restricted (neither is a literal {@code *}) a day matches if either does, as
 * in Cloudflare's own parser (and Unix cron). {@link #source()} keeps the text exactly as
 * configured: it is what {@code controller.cron} shows.
 */
public final class CronExpression {
    /** Far enough for "29 Feb" across a skipped leap year (2096 to 2104). */
    private static final int MAX_DAYS_AHEAD = 366 * 9;

    private final String source;
    private final long minutes;
    private final long hours;
    private final DayRules.Rule dayOfMonth;
    private final long months;
    private final DayRules.Rule dayOfWeek;

    private CronExpression(String source, String[] f) {
        CronFields fields = new CronFields(source);
        this.source = source;
        this.minutes = fields.list(CronFields.MINUTE, f[0]);
        this.hours = fields.list(CronFields.HOUR, f[1]);
        this.dayOfMonth = DayRules.dayOfMonth(fields, f[2]);
        this.months = fields.list(CronFields.MONTH, f[3]);
        this.dayOfWeek = DayRules.dayOfWeek(fields, f[4]);
    }

    /** Parses {@code text}; throws {@link CronSyntaxException} naming the field that is wrong. */
    public static CronExpression parse(String text) {
        if (text == null) throw new CronSyntaxException("null", null, "no expression");
        String trimmed = text.strip();
        String[] f = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (f.length != 5) {
            throw new CronSyntaxException(text, null, "expected 5 fields (minute hour day-of-month month day-of-week), found "
                    + f.length);
        }
        return new CronExpression(text, f);
    }

    /** The expression as configured, character for character. */
    public String source() {
        return source;
    }

    /** Whether the schedule fires at the minute containing {@code t}. */
    public boolean matches(Instant t) {
        LocalDateTime dt = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        return matchesDay(dt.toLocalDate()) && has(hours, dt.getHour()) && has(minutes, dt.getMinute());
    }

    /** The first fire time strictly after {@code after} (whole minutes), or empty if it never fires. */
    public Optional<Instant> next(Instant after) {
        LocalDateTime start = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        int fromMinute = start.getHour() * 60 + start.getMinute();
        for (int i = 0; i < MAX_DAYS_AHEAD; i++, day = day.plusDays(1), fromMinute = 0) {
            if (!matchesDay(day)) continue;
            int m = firstMinuteOfDay(fromMinute);
            if (m >= 0) return Optional.of(day.atTime(m / 60, m % 60).toInstant(ZoneOffset.UTC));
        }
        return Optional.empty();
    }

    /** The next {@code n} fire times after {@code after}, fewer if the schedule runs out. */
    public List<Instant> nextTimes(Instant after, int n) {
        List<Instant> out = new ArrayList<>(n);
        Instant t = after;
        while (out.size() < n) {
            Optional<Instant> next = next(t);
            if (next.isEmpty()) break;
            out.add(next.get());
            t = next.get();
        }
        return out;
    }

    private boolean matchesDay(LocalDate day) {
        if (!has(months, day.getMonthValue())) return false;
        if (dayOfMonth.star()) return dayOfWeek.matches(day);
        if (dayOfWeek.star()) return dayOfMonth.matches(day);
        return dayOfMonth.matches(day) || dayOfWeek.matches(day);
    }

    /** The first matching minute of the day at or after {@code from} (minutes since midnight), or -1. */
    private int firstMinuteOfDay(int from) {
        for (int h = from / 60; h < 24; h++) {
            if (!has(hours, h)) continue;
            for (int m = h == from / 60 ? from % 60 : 0; m < 60; m++) {
                if (has(minutes, m)) return h * 60 + m;
            }
        }
        return -1;
    }

    private static boolean has(long mask, int v) {
        return (mask & (1L << v)) != 0;
    }

    @Override
    public String toString() {
        return source;
    }
}
