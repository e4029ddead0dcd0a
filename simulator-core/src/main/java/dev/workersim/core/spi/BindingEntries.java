package dev.workersim.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a binding array such as {@code [[kv_namespaces]]}, checked the same way for every
 * binding type: the section is an array, each entry has a {@code binding} name, and the id that
 * names its local store is safe as a file name. Errors name the file and the entry
 * ({@code kv_namespaces[1]}).
 */
public final class BindingEntries {
    private BindingEntries() {
    }

    /** One entry: its JSON, where it is ("d1_databases[0]"), and its env name. */
    public record Entry(JsonNode node, String where, String binding, BindingContext context) {
        /** A string field, or null when absent. */
        public String text(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        /**
         * The id of the local store: the first non-empty of {@code fields}, else the binding name
         * (as wrangler dev does locally). It becomes a file name, so only [A-Za-z0-9._-] is allowed.
         */
        public String storeId(String... fields) {
            String id = null;
            for (String f : fields) {
                id = text(f);
                if (id != null && !id.isEmpty()) break;
            }
            if (id == null || id.isEmpty()) id = binding;
            if (!id.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException(context.configFile(), where + ": \"" + fields[0]
                        + "\" may only hold letters, digits, '.', '_' and '-' (got \"" + id + "\")");
            }
            return id;
        }
    }

    public static List<Entry> of(JsonNode section, String configKey, BindingContext context) {
        if (!section.isArray()) {
            throw new ConfigException(context.configFile(), "`" + configKey + "` must be an array of tables");
        }
        List<Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode node : section) {
            String where = configKey + "[" + i++ + "]";
            JsonNode b = node.get("binding");
            if (b == null || b.isNull() || b.asText().isEmpty()) {
                throw new ConfigException(context.configFile(), where + ": missing \"binding\" (the name the worker sees in env)");
            }
            if (!b.isTextual()) throw new ConfigException(context.configFile(), where + ": \"binding\" must be a string");
            out.add(new Entry(node, where, b.asText(), context));
        }
        return out;
    }
}
