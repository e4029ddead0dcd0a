package dev.workersim.core.spi;

import dev.workersim.core.runtime.SimClock;
import java.nio.file.Path;

/** What a provider knows about the worker it makes bindings for. */
public interface BindingContext {
    /** The config file, for error messages (null for a worker built in code). */
    Path configFile();

    /** Where this simulator keeps state (e.g. .wrangler/state), or null to keep it in memory. */
    Path persistRoot();

    /** The simulator's clock: expirations and schedules follow it, and tests can move it. */
    SimClock clock();
}
