package dev.workersim.bindings.queues;

import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.HostLoop;

/** One {@code [[queues.producers]]} entry: {@code env[binding]} sends to {@code queue} through the broker. */
final class QueueProducer implements Binding {
    static final BindingKind KIND = new BindingKind("queue", "/dev/workersim/bindings/queues/queue.js");

    private final String name;
    private final String queue;
    private final Integer deliveryDelay; // seconds, or null
    private final QueueBroker broker;

    QueueProducer(String name, String queue, Integer deliveryDelay, QueueBroker broker) {
        this.name = name;
        this.queue = queue;
        this.deliveryDelay = deliveryDelay;
        this.broker = broker;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BindingKind kind() {
        return KIND;
    }

    @Override
    public Object opsFor(HostLoop loop) {
        return new QueueOps(queue, deliveryDelay, broker, loop);
    }

    @Override
    public String configJson() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("queue", queue).toString();
    }
}
