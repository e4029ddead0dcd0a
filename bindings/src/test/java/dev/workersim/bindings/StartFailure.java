package dev.workersim.bindings;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workersim.core.Simulator;

/** For config tests: the messages of the whole cause chain when a simulator refuses to start. */
public final class StartFailure {
    private StartFailure() {
    }

    public static String of(Simulator.Builder builder) {
        Throwable t = assertThrows(RuntimeException.class, () -> builder.build().start().close());
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) all.append(c.getMessage()).append('\n');
        return all.toString();
    }
}
