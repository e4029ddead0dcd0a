package dev.workersim.core.scheduled;

/** A cron expression that Cloudflare would refuse; the message names the field at fault. */
public final class CronSyntaxException extends IllegalArgumentException {
    private final String field;

    CronSyntaxException(String expression, String field, String detail) {
        super("invalid cron \"" + expression + "\": " + (field == null ? "" : field + ": ") + detail);
        this.field = field;
    }

    /** "minute", "hour", "day-of-month", "month", "day-of-week", or null when the shape is wrong. */
    public String field() {
        return field;
    }
}
