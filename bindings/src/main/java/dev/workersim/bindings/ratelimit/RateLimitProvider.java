package dev.workersim.bindings.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [[ratelimits]]}: each entry {@code { name, namespace_id, simple = { limit, period } }}
 * gives {@code env[name]}, a Ratelimit counting against its namespace's counters.
 */
public final class RateLimitProvider implements BindingProvider {
    @Override
    public String configKey() {
        return "ratelimits";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        if (!section.isArray()) throw error(context, "`ratelimits` must be an array of tables");
        RateLimitCounters counters = RateLimitCounters.of(context.workers());
        List<Binding> out = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : section) {
            String where = "ratelimits[" + i++ + "]";
            String name = text(entry, "name");
            if (name == null || name.isEmpty()) throw error(context, where + ": missing \"name\" (the name the worker sees in env)");
            String namespace = text(entry, "namespace_id");
            // Cloudflare names a rate limit namespace by a positive integer (given as a string).
            if (namespace == null || !namespace.matches("[1-9][0-9]*")) {
                throw error(context, where + ": \"namespace_id\" must be a positive integer, as a string (got "
                        + (namespace == null ? "nothing" : "\"" + namespace + "\"") + ")");
            }
            JsonNode simple = entry.get("simple");
            if (simple == null || !simple.isObject()) {
                throw error(context, where + ": missing \"simple\" = { limit, period } (the only kind of rate limit)");
            }
            JsonNode limit = simple.get("limit");
            if (limit == null || !limit.canConvertToInt() || !limit.isIntegralNumber() || limit.asInt() <= 0) {
                throw error(context, where + ": \"simple.limit\" must be a positive whole number (got " + limit + ")");
            }
            JsonNode period = simple.get("period");
            if (period == null || !period.isIntegralNumber() || (period.asInt() != 10 && period.asInt() != 60)) {
                throw error(context, where + ": \"simple.period\" must be 10 or 60 (seconds) (got " + period + ")");
            }
            out.add(new RateLimitBinding(name, namespace, limit.asInt(), period.asInt(), counters, context.clock()));
        }
        return out;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static ConfigException error(BindingContext context, String detail) {
        return new ConfigException(context.configFile(), detail);
    }
}
