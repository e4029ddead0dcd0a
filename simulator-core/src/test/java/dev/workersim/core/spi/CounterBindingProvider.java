package dev.workersim.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** A test binding: `[[test_counters]] binding = "C"` gives env.C with an async increment(). */
public final class CounterBindingProvider implements BindingProvider {
    @Override
    public String configKey() {
        return "test_counters";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        List<Binding> out = new ArrayList<>();
        for (JsonNode entry : section) {
            String name = entry.get("binding").asText();
            out.add(new CounterBinding(name, context));
        }
        return out;
    }

    static final class CounterBinding implements Binding {
        static final BindingKind KIND = new BindingKind("test-counter", "/dev/workersim/core/spi/test-counter.js");

        private final String name;
        private final BindingContext context;
        private final AtomicLong count = new AtomicLong(); // the "store": survives reloads
        private final ExecutorService pool = Executors.newSingleThreadExecutor();

        CounterBinding(String name, BindingContext context) {
            this.name = name;
            this.context = context;
        }

        public String name() {
            return name;
        }

        @Override
        public BindingKind kind() {
            return KIND;
        }

        public Object opsFor(HostLoop loop) {
            return new Ops(loop);
        }

        public String configJson() {
            return "{\"persisted\":" + (context.persistRoot() != null) + "}";
        }

        @Override
        public void close() {
            pool.shutdown();
        }

        public final class Ops {
            private final HostLoop loop;

            Ops(HostLoop loop) {
                this.loop = loop;
            }

            @HostAccess.Export
            public void increment(double by, Value resolve, Value reject) {
                loop.complete(pool, () -> {
                    if (by < 0) throw new IllegalArgumentException("counters only go up");
                    return (double) count.addAndGet((long) by);
                }, resolve, reject);
            }

            @HostAccess.Export
            public double now() {
                return context.clock().millis();
            }
        }
    }
}
