package dev.workersim.bindings.analyticsengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingEntries;
import dev.workersim.core.spi.BindingProvider;
import dev.workersim.core.spi.HostLoop;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * {@code [[analytics_engine_datasets]]}: each entry {@code { binding, dataset }} gives
 * {@code env[binding]}, whose writeDataPoint() accepts anything and returns undefined, as wrangler
 * dev's local dataset does (it checks nothing: the limits Cloudflare applies are silent there too).
 * The points go to the simulator's {@link AnalyticsEngineLog}.
 */
public final class AnalyticsEngineProvider implements BindingProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String configKey() {
        return "analytics_engine_datasets";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        AnalyticsEngineLog log = AnalyticsEngineLog.of(context.workers());
        List<Binding> out = new ArrayList<>();
        for (BindingEntries.Entry entry : BindingEntries.of(section, configKey(), context)) {
            // Cloudflare creates the dataset on first write; without a name it is the binding's.
            String dataset = entry.text("dataset");
            out.add(new Dataset(entry.binding(), dataset == null || dataset.isEmpty() ? entry.binding() : dataset, log));
        }
        return out;
    }

    private record Dataset(String name, String dataset, AnalyticsEngineLog log) implements Binding {
        static final BindingKind KIND = new BindingKind("analytics_engine", "/dev/workersim/bindings/analyticsengine/analytics-engine.js");

        @Override
        public BindingKind kind() {
            return KIND;
        }

        @Override
        public Object opsFor(HostLoop loop) {
            return new Ops(dataset, log);
        }

        @Override
        public String configJson() {
            return JSON.createObjectNode().put("dataset", dataset).toString();
        }
    }

    /** The Java half of writeDataPoint: appends the point (already JSON) to the log. */
    public static final class Ops {
        private final String dataset;
        private final AnalyticsEngineLog log;

        Ops(String dataset, AnalyticsEngineLog log) {
            this.dataset = dataset;
            this.log = log;
        }

        @HostAccess.Export
        public void write(String pointJson) {
            log.add(dataset, pointJson);
        }
    }
}
