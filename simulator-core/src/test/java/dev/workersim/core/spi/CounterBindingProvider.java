package dev.workersim.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.HostAccess;

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
            return Binding.json(java.util.Map.of("persisted", context.persistRoot() != null));
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
            public Pending increment(double by) {
                return loop.complete(pool, () -> {
                    if (by < 0) throw new IllegalArgumentException("counters only go up");
                    return (double) count.addAndGet((long) by);
                });
            }

            /** Answers the same values through each way of {@link HostLoop#complete}: see BindingSpiTest. */
            @HostAccess.Export
            public Pending probe(String kind) {
                java.util.concurrent.Callable<HostLoop.Results> work = () -> HostLoop.Results.of((double) count.get(), kind);
                return switch (kind) {
                    case "on-loop" -> loop.complete(HostLoop.ON_LOOP, work);
                    case "pool" -> loop.complete(pool, work);
                    case "future" -> loop.complete(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return work.call();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                    case "failed-future" -> loop.complete(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        throw new IllegalStateException("the store is closed");
                    }, pool));
                    case "refused" -> Pending.rejected("no probe " + kind);
                    default -> loop.complete(HostLoop.ON_LOOP, () -> {
                        throw new IllegalArgumentException("no probe " + kind);
                    });
                };
            }

            @HostAccess.Export
            public double now() {
                return context.clock().millis();
            }
        }
    }
}
