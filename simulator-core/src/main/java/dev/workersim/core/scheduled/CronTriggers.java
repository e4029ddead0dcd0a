package dev.workersim.core.scheduled;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A worker's configured Cron Triggers (`triggers.crons`), in config order. */
public final class CronTriggers {
    /** One planned run: which cron (as configured) and when. */
    public record Fire(String cron, Instant time) {
    }

    private final List<CronExpression> crons;

    public CronTriggers(List<CronExpression> crons) {
        this.crons = List.copyOf(crons);
    }

    /** Parses each expression; the first invalid one throws {@link CronSyntaxException}. */
    public static CronTriggers parse(List<String> expressions) {
        List<CronExpression> out = new ArrayList<>();
        for (String e : expressions) out.add(CronExpression.parse(e));
        return new CronTriggers(out);
    }

    public List<CronExpression> crons() {
        return crons;
    }

    public boolean isEmpty() {
        return crons.isEmpty();
    }

    /**
     * The next {@code n} runs of all crons after {@code after}, in time order (config order within
     * one minute). A cron listed twice fires twice, as two triggers would.
     */
    public List<Fire> next(Instant after, int n) {
        List<Fire> all = new ArrayList<>();
        for (CronExpression c : crons) {
            for (Instant t : c.nextTimes(after, n)) all.add(new Fire(c.source(), t));
        }
        all.sort(Comparator.comparing(Fire::time)); // stable: config order within a minute
        return all.size() > n ? List.copyOf(all.subList(0, n)) : List.copyOf(all);
    }

    /** Every run in (from, to], in time order, at most {@code limit} per cron (the rest are dropped). */
    List<Fire> between(Instant from, Instant to, int limit) {
        List<Fire> due = new ArrayList<>();
        for (CronExpression c : crons) {
            Instant t = from;
            for (int i = 0; i < limit; i++) {
                Optional<Instant> next = c.next(t);
                if (next.isEmpty() || next.get().isAfter(to)) break;
                due.add(new Fire(c.source(), next.get()));
                t = next.get();
            }
        }
        due.sort(Comparator.comparing(Fire::time));
        return due;
    }

    /** The earliest run after {@code after}, if any cron ever fires. */
    Optional<Instant> earliest(Instant after) {
        return crons.stream().map(c -> c.next(after)).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }
}
