package dev.workersim.bindings.secretsstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingEntries;
import dev.workersim.core.spi.BindingProvider;
import dev.workersim.core.spi.HostLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [[secrets_store_secrets]]}: each entry {@code { binding, store_id, secret_name }} gives
 * {@code env[binding]}, whose {@code get()} answers the secret's value from the local store file
 * {@code <persist root>/secrets-store/<store_id>.json} (see {@link SecretsStoreFile}).
 */
public final class SecretsStoreProvider implements BindingProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String configKey() {
        return "secrets_store_secrets";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        List<Binding> out = new ArrayList<>();
        for (BindingEntries.Entry entry : BindingEntries.of(section, configKey(), context)) {
            for (String field : List.of("store_id", "secret_name")) {
                String v = entry.text(field);
                if (v == null || v.isEmpty()) throw new ConfigException(context.configFile(), entry.where() + ": missing \"" + field + "\"");
            }
            String storeId = entry.storeId("store_id");
            Path root = context.persistRoot();
            SecretsStoreFile file = root == null ? new SecretsStoreFile(null) : SecretsStoreFile.of(root, storeId);
            out.add(new Secret(entry.binding(), entry.text("secret_name"), file));
        }
        return out;
    }

    private record Secret(String name, String secretName, SecretsStoreFile file) implements Binding {
        static final BindingKind KIND = new BindingKind("secrets_store_secret", "/dev/workersim/bindings/secretsstore/secrets-store.js");

        @Override
        public BindingKind kind() {
            return KIND;
        }

        @Override
        public Object opsFor(HostLoop loop) {
            return new SecretsStoreOps(file, secretName, loop);
        }

        @Override
        public String configJson() {
            return JSON.createObjectNode().put("secretName", secretName).toString();
        }
    }
}
