package dev.workersim.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
        List<Binding> out = new ArrayList<>();
        for (JsonNode entry : section) {
            BindingKind kind = new BindingKind("test-misdeclared",
                    "/dev/workersim/core/spi/test-misdeclared-" + entry.get("script").asText() + ".js");
            out.add(new Misdeclared(entry.get("binding").asText(), kind));
        }
        return out;
    }

    private record Misdeclared(String name, BindingKind kind) implements Binding {
        @Override
        public Object opsFor(HostLoop loop) {
            return null;
        }
    }
}
