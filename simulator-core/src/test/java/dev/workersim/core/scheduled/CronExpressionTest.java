package dev.workersim.core.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cloudflare's cron grammar against next-fire times worked out by hand from a calendar (UTC).
 * Calendar facts used: 2024-01-01 is a Monday; Feb 2024 has 29 days ending on a Thursday; Feb 2026
 * ends on a Saturday; 2024-03-31, 2024-06-15 (Sat) and 2024-09-01 are weekend days.
 */
class CronExpressionTest {

    private static List<String> next(String cron, String after, int n) {
        return CronExpression.parse(cron).nextTimes(Instant.parse(after), n).stream().map(Instant::toString).toList();
    }

    private static List<String> times(String... t) {
        return Arrays.asList(t);
    }

    @Test
    void everyMinuteAndSteps() {
        assertEquals(times("2024-01-01T00:01:00Z", "2024-01-01T00:02:00Z"), next("* * * * *", "2024-01-01T00:00:00Z", 2));
        // strictly after, whole minutes
        assertEquals(times("2024-01-01T00:30:00Z", "2024-01-01T01:00:00Z"), next("*/30 * * * *", "2024-01-01T00:10:30Z", 2));
        // a/n runs from a to the maximum
        assertEquals(times("2024-01-01T00:05:00Z", "2024-01-01T00:25:00Z", "2024-01-01T00:45:00Z", "2024-01-01T01:05:00Z"),
                next("5/20 * * * *", "2024-01-01T00:00:00Z", 4));
        assertEquals(times("2024-01-01T00:45:00Z", "2024-01-01T01:45:00Z"), next("45 * * * *", "2024-01-01T00:00:00Z", 2));
        assertEquals(times("2024-01-01T10:00:00Z", "2024-01-01T10:20:00Z", "2024-01-01T12:00:00Z"),
                next("0-20/20 10-12/2 * * *", "2024-01-01T00:00:00Z", 3));
    }

    @Test
    void rangesThatWrapAround() {
        assertEquals(times("2024-01-01T00:10:00Z", "2024-01-01T00:50:00Z", "2024-01-01T00:51:00Z"),
                next("50-10 * * * *", "2024-01-01T00:09:00Z", 3));
        assertEquals(times("2024-01-01T22:00:00Z", "2024-01-01T23:00:00Z", "2024-01-02T00:00:00Z"),
                next("0 22-2 * * *", "2024-01-01T03:00:00Z", 3));
        // FRI-MON from Tuesday 2 Jan 2024
        assertEquals(times("2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z", "2024-01-07T00:00:00Z", "2024-01-08T00:00:00Z"),
                next("0 0 * * FRI-MON", "2024-01-02T00:00:00Z", 4));
    }

    @Test
    void weekdayNumbersStartOnSunday() {
        assertEquals(next("0 17 * * sun", "2024-01-01T00:00:00Z", 2), next("0 17 * * 1", "2024-01-01T00:00:00Z", 2));
        assertEquals(times("2024-01-07T17:00:00Z", "2024-01-14T17:00:00Z"), next("0 17 * * 1", "2024-01-01T00:00:00Z", 2));
        assertEquals(times("2024-01-06T00:00:00Z"), next("0 0 * * 7", "2024-01-01T00:00:00Z", 1)); // 7 = Saturday
        // Friday 5 Jan 08:00 -> the next weekday mornings are Monday and Tuesday
        assertEquals(times("2024-01-08T07:10:00Z", "2024-01-09T07:10:00Z"), next("10 7 * * mon-fri", "2024-01-05T08:00:00Z", 2));
        assertEquals(next("10 7 * * mon-fri", "2024-01-05T08:00:00Z", 5), next("10 7 * * 2-6", "2024-01-05T08:00:00Z", 5));
        // 1/2 = Sun, Tue, Thu, Sat
        assertEquals(times("2024-01-02T00:00:00Z", "2024-01-04T00:00:00Z", "2024-01-06T00:00:00Z", "2024-01-07T00:00:00Z"),
                next("0 0 * * 1/2", "2024-01-01T00:00:00Z", 4));
        // a lone L in day-of-week is its last day, Saturday
        assertEquals(times("2024-01-06T00:00:00Z"), next("0 0 * * L", "2024-01-01T00:00:00Z", 1));
    }

    @Test
    void namesAreCaseInsensitive() {
        assertEquals(times("2024-07-01T00:00:00Z", "2025-01-01T00:00:00Z"), next("0 0 1 JAN,jul *", "2024-01-31T12:00:00Z", 2));
        assertEquals(next("0 0 * * MON", "2024-01-01T00:00:00Z", 3), next("0 0 * * mOn", "2024-01-01T00:00:00Z", 3));
    }

    @Test
    void lastDayAndLastWeekdayOfTheMonth() {
        assertEquals(times("2024-02-29T00:00:00Z", "2024-03-31T00:00:00Z"), next("0 0 L * *", "2024-02-01T00:00:00Z", 2));
        assertEquals(times("2024-02-27T00:00:00Z", "2024-03-29T00:00:00Z"), next("0 0 L-2 * *", "2024-02-01T00:00:00Z", 2));
        // LW: Thu 29 Feb 2024 (leap year); Sun 31 Mar -> Fri 29; Tue 30 Apr
        assertEquals(times("2024-02-29T23:59:00Z", "2024-03-29T23:59:00Z", "2024-04-30T23:59:00Z"),
                next("59 23 LW * *", "2024-02-01T00:00:00Z", 3));
    }

    @Test
    void lastWeekdayOfFebruaryInLeapAndCommonYears() {
        assertEquals(times("2024-02-29T23:59:00Z"), next("59 23 LW 2 *", "2023-03-01T00:00:00Z", 1)); // leap: Thu 29th
        assertEquals(times("2025-02-28T23:59:00Z"), next("59 23 LW 2 *", "2024-03-01T00:00:00Z", 1)); // Fri 28th
        assertEquals(times("2026-02-27T23:59:00Z"), next("59 23 LW 2 *", "2025-03-01T00:00:00Z", 1)); // Sat 28th -> Fri 27th
        assertEquals(times("2028-02-29T00:00:00Z"), next("0 0 29 2 *", "2024-03-01T00:00:00Z", 1));
    }

    @Test
    void nearestWeekday() {
        assertEquals(times("2024-06-14T00:00:00Z"), next("0 0 15W * *", "2024-06-01T00:00:00Z", 1)); // Sat 15 -> Fri 14
        assertEquals(times("2024-06-03T00:00:00Z"), next("0 0 1W * *", "2024-06-01T00:00:00Z", 1)); // Sat 1 -> Mon 3
        assertEquals(times("2024-09-02T00:00:00Z"), next("0 0 1W * *", "2024-09-01T00:00:00Z", 1)); // Sun 1 -> Mon 2
        // Sun 31 Mar -> Fri 29 (never into April); April has no 31st; Fri 31 May
        assertEquals(times("2024-03-29T00:00:00Z", "2024-05-31T00:00:00Z"), next("0 0 31W * *", "2024-03-01T00:00:00Z", 2));
        // L-1W: Feb 2026 has 28 days, 27th is a Friday; Mar 2026 ends Tue 31 -> 30th is Monday
        assertEquals(times("2026-02-27T00:00:00Z", "2026-03-30T00:00:00Z"), next("0 0 L-1W * *", "2026-02-01T00:00:00Z", 2));
    }

    @Test
    void lastAndNthWeekdayOfTheMonth() {
        // 6L = last Friday (6 = Friday when 1 = Sunday)
        List<String> lastFridays = times("2024-01-26T18:00:00Z", "2024-02-23T18:00:00Z", "2024-03-29T18:00:00Z");
        assertEquals(lastFridays, next("0 18 * * 6L", "2024-01-01T00:00:00Z", 3));
        assertEquals(lastFridays, next("0 18 * * friL", "2024-01-01T00:00:00Z", 3));
        assertEquals(times("2024-01-12T18:00:00Z", "2024-02-09T18:00:00Z", "2024-03-08T18:00:00Z"),
                next("0 18 * * FRI#2", "2024-01-01T00:00:00Z", 3));
        assertEquals(times("2024-01-01T00:00:00Z", "2024-02-05T00:00:00Z"), next("0 0 * * 2#1", "2023-12-31T00:00:00Z", 2));
        assertEquals(times("2024-03-31T00:00:00Z"), next("0 0 * * SUN#5", "2024-01-01T00:00:00Z", 1)); // Jan, Feb have 4
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        // the 13th (a Saturday in Jan 2024) or any Friday
        assertEquals(times("2024-01-05T00:00:00Z", "2024-01-12T00:00:00Z", "2024-01-13T00:00:00Z", "2024-01-19T00:00:00Z"),
                next("0 0 13 * FRI", "2024-01-01T00:00:00Z", 4));
    }

    @Test
    void aScheduleThatNeverFires() {
        assertTrue(CronExpression.parse("0 0 31 2 *").next(Instant.parse("2024-01-01T00:00:00Z")).isEmpty());
    }

    @Test
    void sourceIsKeptCharacterForCharacter() {
        assertEquals("0  12 * * MON", CronExpression.parse("0  12 * * MON").source());
        assertEquals(next("0 12 * * MON", "2024-01-01T00:00:00Z", 2), next("0  12 * * MON", "2024-01-01T00:00:00Z", 2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "60 * * * *      | minute",
            "*/0 * * * *     | minute",
            "*/60 * * * *    | minute",
            "1-x * * * *     | minute",
            "* 24 * * *      | hour",
            "* * 0 * *       | day-of-month",
            "* * 32 * *      | day-of-month",
            "* * ? * *       | day-of-month",
            "* * 1,L * *     | day-of-month",
            "* * L-31 * *    | day-of-month",
            "* * * 13 *      | month",
            "* * * FOO *     | month",
            "* * * * 0       | day-of-week",
            "* * * * 8       | day-of-week",
            "* * * * MON#6   | day-of-week",
            "* * * * 1,6L    | day-of-week",
            "* * * * MONDAY  | day-of-week",
    })
    void invalidExpressionsNameTheField(String cron, String field) {
        CronSyntaxException e = assertThrows(CronSyntaxException.class, () -> CronExpression.parse(cron));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(field + ":"), e.getMessage());
    }

    @Test
    void wrongNumberOfFields() {
        CronSyntaxException e = assertThrows(CronSyntaxException.class, () -> CronExpression.parse("* * * *"));
        assertTrue(e.getMessage().contains("expected 5 fields"), e.getMessage());
        assertThrows(CronSyntaxException.class, () -> CronExpression.parse("0 * * * * *"));
        assertThrows(CronSyntaxException.class, () -> CronExpression.parse(""));
    }

    @Test
    void dayOfWeekZeroExplainsTheNumbering() {
        CronSyntaxException e = assertThrows(CronSyntaxException.class, () -> CronExpression.parse("0 0 * * 0"));
        assertTrue(e.getMessage().contains("1 = Sunday"), e.getMessage());
    }
}
