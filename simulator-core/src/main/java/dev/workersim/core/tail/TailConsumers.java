package dev.workersim.core.tail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.runtime.LogSink;
import dev.workersim.core.runtime.WorkerHost;
import dev.workersim.core.services.ServiceRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.HostAccess;

/**
 * A producer worker's {@code tail_consumers}: where the traces of its invocations go. The
 * producer's runtime (tail/tail.js) hands each finished trace here as JSON; it is passed on
 * to every consumer worker of this simulator, found by name when it is delivered (so start order
 * does not matter). A consumer that is not running is skipped, with one warning.
 */
public final class TailConsumers implements TailSink {
    private final List<String> services;
    private final ServiceRegistry registry;
    private final LogSink log;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    TailConsumers(List<String> services, ServiceRegistry registry, LogSink log) {
        this.services = List.copyOf(services);
        this.registry = registry;
        this.log = log;
    }

    /**
     * The consumers of a config's {@code tail_consumers} array, or null when it has none.
     *
     * @throws ConfigException when an entry has no {@code service}
     */
    public static TailConsumers fromConfig(JsonNode section, Path configFile, ServiceRegistry registry, LogSink log) {
        if (section == null || section.isNull() || registry == null) return null;
        if (!section.isArray()) throw new ConfigException(configFile, "`tail_consumers` must be an array of tables");
        List<String> services = new ArrayList<>();
        for (int i = 0; i < section.size(); i++) {
            JsonNode service = section.get(i).get("service");
            if (service == null || !service.isTextual() || service.asText().isEmpty()) {
                throw new ConfigException(configFile, "`tail_consumers[" + i + "]` has no `service` (the tail worker's name)");
            }
            services.add(service.asText());
        }
        return services.isEmpty() ? null : new TailConsumers(services, registry, log);
    }

    /** The consumer workers' names, in config order. */
    public List<String> services() {
        return services;
    }

    /** Called by the producer's runtime with the TraceItems of one invocation (a JSON array). */
    @HostAccess.Export
    @Override
    public void deliver(String itemsJson) {
        for (String service : services) {
            WorkerHost consumer = registry.find(service);
            if (consumer == null) {
                if (warned.add(service)) {
                    log.log(LogSink.Level.WARN, "Tail consumer \"" + service + "\" is not running in this session; its tail events are dropped.");
                }
                continue;
            }
            consumer.dispatchTail(itemsJson);
        }
    }
}
