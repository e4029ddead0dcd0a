package dev.workersim.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Test bindings whose JS script does not keep its side of the contract: {@code [[test_misdeclared]]
 * binding = "X", script = "no-factory" | "bad-import"} picks the script
 * {@code test-misdeclared-<script>.js}, which exports no factory under the kind's type, or imports
 * a name the runtime file it imports does not export.
 */
public final class MisdeclaredBindingProvider implements BindingProvider {
    @Override
    public String configKey() {
        return "test_misdeclared";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        return BindingEntries.of(section, configKey(), context).stream()
                .<Binding>map(e -> new Misdeclared(e.binding(), new BindingKind("test-misdeclared",
                        "/dev/workersim/core/spi/test-misdeclared-" + e.text("script") + ".js")))
                .toList();
    }

    private record Misdeclared(String name, BindingKind kind) implements Binding {
        @Override
        public Object opsFor(HostLoop loop) {
            return null;
        }
    }
}
