package dev.workersim.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Makes the bindings of one kind from a worker's config, e.g. every entry of
 * {@code kv_namespaces}. Found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.workersim.core.spi.BindingProvider}.
 */
public interface BindingProvider {
    /**
     * The top-level config key this provider reads, e.g. "kv_namespaces"; null for a provider that
     * is always on (a runtime global such as the Cache API).
     */
    String configKey();

    /**
     * @param section the value under {@link #configKey()} (as wrangler.json would spell it), or a
     *     JSON null for an always-on provider
     * @throws dev.workersim.core.config.ConfigException naming the file and key when an entry is wrong
     */
    List<Binding> create(JsonNode section, BindingContext context);
}
