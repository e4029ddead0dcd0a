package dev.workersim.bindings.durableobjects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.spi.BindingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's {@code [[migrations]]} applied in order: the classes it hosts (true when SQLite-backed),
 * the renames and the deletions. Locally the storage layout is the same for both backends; the flag
 * only decides what the class may use.
 */
record Migrations(Map<String, Boolean> classes, Map<String, String> renamed, List<String> deleted) {

    static Migrations of(JsonNode section, BindingContext context) {
        Map<String, Boolean> classes = new LinkedHashMap<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        List<String> deleted = new ArrayList<>();
        if (section == null || section.isNull()) return new Migrations(classes, renamed, deleted);
        if (!section.isArray()) throw new ConfigException(context.configFile(), "`migrations` must be an array of tables");
        java.util.Set<String> tags = new java.util.HashSet<>();
        int i = 0;
        for (JsonNode m : section) {
            String where = "migrations[" + i++ + "]";
            String tag = m.path("tag").asText("");
            if (tag.isEmpty()) throw new ConfigException(context.configFile(), where + ": missing \"tag\"");
            if (!tags.add(tag)) throw new ConfigException(context.configFile(), where + ": the tag \"" + tag + "\" is used twice");
            for (JsonNode c : m.path("new_classes")) classes.put(c.asText(), false);
            for (JsonNode c : m.path("new_sqlite_classes")) classes.put(c.asText(), true);
            for (JsonNode r : m.path("renamed_classes")) {
                String from = r.path("from").asText();
                String to = r.path("to").asText();
                Boolean sqlite = classes.remove(from);
                classes.put(to, sqlite != null && sqlite);
                renamed.put(from, to);
            }
            for (JsonNode c : m.path("deleted_classes")) {
                classes.remove(c.asText());
                deleted.add(c.asText());
            }
            for (JsonNode t : m.path("transferred_classes")) classes.put(t.path("to").asText(), false);
        }
        return new Migrations(classes, renamed, deleted);
    }
}
