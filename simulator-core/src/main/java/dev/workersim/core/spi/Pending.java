package dev.workersim.core.spi;

import java.util.concurrent.CompletionException;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * An op's answer as its binding's JS class receives it: {@code ops.get(key).then(resolve, reject)}
 * inside the {@code new Promise} the class gives user code (a Pending never reaches user code
 * itself). Made by {@link HostLoop#complete}; it settles once, on the loop, with
 * {@code resolve(result)} (a {@link HostLoop.Results} as several arguments) or
 * {@code reject(message)}, whether the answer or {@link #then} comes first. Loop thread only.
 */
public final class Pending {
    private boolean settled;
    private Object result;
    private String failure;
    private Value resolve;
    private Value reject;

    /** Unsettled: a {@link HostLoop} implementation settles it. */
    public Pending() {
    }

    /** An answer known at once (an argument the op refuses, nothing to do). */
    public static Pending resolved(Object result) {
        Pending p = new Pending();
        p.settle(result, null);
        return p;
    }

    /** A refusal known at once: {@code reject(message)}. */
    public static Pending rejected(String message) {
        Pending p = new Pending();
        p.settled = true;
        p.failure = message;
        return p;
    }

    /** JS hands its promise's functions; called at once if the answer is already there. */
    @HostAccess.Export
    public void then(Value resolve, Value reject) {
        this.resolve = resolve;
        this.reject = reject;
        if (settled) deliver();
    }

    /** The answer (on the loop): {@code failure} non-null rejects with its message. */
    public void settle(Object result, Throwable failure) {
        if (settled) return;
        settled = true;
        this.result = result;
        this.failure = failure == null ? null : message(failure);
        if (resolve != null) deliver();
    }

    private void deliver() {
        Value res = resolve;
        Value rej = reject;
        resolve = null; // once
        reject = null;
        if (failure != null) rej.execute(failure);
        else if (result instanceof HostLoop.Results r) res.execute(r.values());
        else res.execute(result);
    }

    /** What reject hears: the cause's message (a CompletionException only wraps it). */
    private static String message(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
