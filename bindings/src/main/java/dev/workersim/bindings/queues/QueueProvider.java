package dev.workersim.bindings.queues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.services.ServiceRegistry;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingEntries;
import dev.workersim.core.spi.BindingProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [queues]}: each {@code [[queues.producers]]} entry gives {@code env[binding]}, a WorkerQueue
 * sending to its queue; each {@code [[queues.consumers]]} entry makes this worker the consumer of a
 * queue. Both talk to the one {@link QueueBroker} of the simulator, so a producer and its consumer
 * may be different workers ({@code sim dev -c producer.toml -c consumer.toml}).
 */
public final class QueueProvider implements BindingProvider {
    @Override
    public String configKey() {
        return "queues";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        if (!section.isObject()) throw new ConfigException(context.configFile(), "`queues` must be a table");
        ServiceRegistry workers = context.workers() != null ? context.workers() : new ServiceRegistry();
        QueueBroker broker = QueueBroker.of(workers, context.persistRoot(), context.clock());
        List<QueueConsumer> consumers = consumers(section.get("consumers"), context);
        try {
            broker.setConsumers(context.workerName(), consumers);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(context.configFile(), "queues.consumers: " + e.getMessage());
        }
        List<Binding> out = new ArrayList<>();
        JsonNode producers = section.get("producers");
        if (producers == null) return out;
        for (BindingEntries.Entry e : BindingEntries.of(producers, "queues.producers", context)) {
            String queue = e.text("queue");
            if (queue == null || queue.isEmpty()) {
                throw new ConfigException(context.configFile(), e.where() + ": missing \"queue\" (the queue's name)");
            }
            Integer delay = seconds(e.node(), "delivery_delay", e.where(), context);
            out.add(new QueueProducer(e.binding(), queue, delay, broker));
        }
        return out;
    }

    private static List<QueueConsumer> consumers(JsonNode section, BindingContext context) {
        List<QueueConsumer> out = new ArrayList<>();
        if (section == null) return out;
        if (!section.isArray()) throw new ConfigException(context.configFile(), "`queues.consumers` must be an array of tables");
        int i = 0;
        for (JsonNode node : section) {
            String where = "queues.consumers[" + i++ + "]";
            JsonNode q = node.get("queue");
            if (q == null || !q.isTextual() || q.asText().isEmpty()) {
                throw new ConfigException(context.configFile(), where + ": missing \"queue\" (the queue to consume)");
            }
            if ("http_pull".equals(text(node, "type"))) continue; // pulled over HTTP: no local push consumer
            int size = (int) number(node, "max_batch_size", QueueConsumer.DEFAULT_BATCH_SIZE, 0, 100, where, context);
            double timeout = number(node, "max_batch_timeout", QueueConsumer.DEFAULT_BATCH_TIMEOUT, 0, 60, where, context);
            int retries = (int) number(node, "max_retries", QueueConsumer.DEFAULT_RETRIES, 0, 100, where, context);
            Integer retryDelay = seconds(node, "retry_delay", where, context);
            int concurrency = (int) number(node, "max_concurrency", Integer.MAX_VALUE, 1, Integer.MAX_VALUE, where, context);
            out.add(new QueueConsumer(q.asText(), context.workerName(), Math.max(1, size), Math.round(timeout * 1000),
                    retries, text(node, "dead_letter_queue"), retryDelay == null ? 0 : retryDelay, concurrency));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static double number(JsonNode node, String field, double fallback, double min, double max, String where,
            BindingContext context) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw new ConfigException(context.configFile(), where + ": \"" + field + "\" must be a number from "
                    + fmt(min) + " to " + fmt(max) + " (got " + v + ")");
        }
        return v.asDouble();
    }

    /** A delay in whole seconds, 0 to 24 hours, or null when absent. */
    private static Integer seconds(JsonNode node, String field, String where, BindingContext context) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > QueueBroker.MAX_DELAY_SECONDS) {
            throw new ConfigException(context.configFile(), where + ": \"" + field + "\" must be a whole number of seconds from 0 to "
                    + QueueBroker.MAX_DELAY_SECONDS + " (got " + v + ")");
        }
        return v.asInt();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && d < Integer.MAX_VALUE ? Long.toString((long) d) : d >= Integer.MAX_VALUE ? "any" : Double.toString(d);
    }
}
