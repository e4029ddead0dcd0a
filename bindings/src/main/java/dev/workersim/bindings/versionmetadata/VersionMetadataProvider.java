package dev.workersim.bindings.versionmetadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingProvider;
import dev.workersim.core.spi.HostLoop;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * {@code [version_metadata] binding = "CF_VERSION_METADATA"}: a plain object
 * {@code { id, tag, timestamp }}. Locally there is no deployed version, so (as wrangler dev does) the
 * id is a random UUID, the tag is empty and the timestamp is when the worker was loaded (ISO 8601,
 * milliseconds, UTC).
 */
public final class VersionMetadataProvider implements BindingProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Always three digits of milliseconds, as JavaScript's Date#toISOString writes it.
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String configKey() {
        return "version_metadata";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        JsonNode binding = section.get("binding");
        if (!section.isObject() || binding == null || !binding.isTextual() || binding.asText().isEmpty()) {
            throw new ConfigException(context.configFile(), "version_metadata: missing \"binding\" (the name the worker sees in env)");
        }
        ObjectNode value = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("tag", "")
                .put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(context.clock().millis())));
        return List.of(new VersionMetadata(binding.asText(), value.toString()));
    }

    /** The binding: no ops, only the values handed to the JS factory. */
    private record VersionMetadata(String name, String configJson) implements Binding {
        static final BindingKind KIND = new BindingKind("version_metadata", "/dev/workersim/bindings/versionmetadata/version-metadata.js");

        @Override
        public BindingKind kind() {
            return KIND;
        }

        @Override
        public Object opsFor(HostLoop loop) {
            return null;
        }
    }
}
