package dev.workersim.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.services.ServiceRegistry;
import java.nio.file.Path;

/** What a provider knows about the worker it makes bindings for. */
public interface BindingContext {
    /** The config file, for error messages (null for a worker built in code). */
    Path configFile();

    /** Where this simulator keeps state (e.g. .wrangler/state), or null to keep it in memory. */
    Path persistRoot();

    /** The simulator's clock: expirations and schedules follow it, and tests can move it. */
    SimClock clock();

    /** The worker's name as other workers address it (`name`, or `name-env` under an environment). */
    default String workerName() {
        return null;
    }

    /** The worker's whole config (after --env), for a binding that reads more than its own section. */
    default JsonNode config() {
        return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }

    /**
     * The workers of this simulator by name (the primary and its auxiliaries), and the objects they
     * share (a queue broker, the Durable Object instances of a script): see
     * {@link ServiceRegistry#shared}.
     */
    default ServiceRegistry workers() {
        return null;
    }
}
