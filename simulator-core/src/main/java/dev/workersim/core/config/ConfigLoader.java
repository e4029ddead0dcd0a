package dev.workersim.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads wrangler.toml (Jackson's TOML 1.0 parser) and wrangler.json / wrangler.jsonc (Jackson with
 * comments and trailing commas), the way wrangler finds and reads them. Only the keys the runtime
 * uses so far are interpreted here; the configuration issue completes the schema.
 */
public final class ConfigLoader {
    public static final List<String> FILE_NAMES = List.of("wrangler.json", "wrangler.jsonc", "wrangler.toml");

    private static final TomlMapper TOML = new TomlMapper();
    private static final ObjectMapper JSONC = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private ConfigLoader() {
    }

    /** Finds the config file in {@code dir} or its parents, as wrangler does; null when there is none. */
    public static Path find(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            for (String n : FILE_NAMES) {
                Path p = d.resolve(n);
                if (Files.isRegularFile(p)) return p;
            }
        }
        return null;
    }

    public static WorkerConfig load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) throw new ConfigException(abs, "no such config file");
        JsonNode root = parse(abs);
        if (!root.isObject()) throw new ConfigException(abs, "the top level must be a table/object");
        Path dir = abs.getParent();

        String name = optionalString(abs, root, "name", dir.getFileName() == null ? "worker" : dir.getFileName().toString());
        String mainText = optionalString(abs, root, "main", null);
        if (mainText == null) {
            throw new ConfigException(abs, "no `main` entry: say which file is the worker, e.g. main = \"src/index.js\"");
        }
        Path main = dir.resolve(mainText).normalize();
        if (!Files.isRegularFile(main)) {
            throw new ConfigException(abs, "`main` = \"" + mainText + "\" does not exist (looked for " + main + ")");
        }
        String date = optionalString(abs, root, "compatibility_date", null);
        if (date != null && !date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new ConfigException(abs, "`compatibility_date` must look like YYYY-MM-DD, got \"" + date + "\"");
        }
        List<String> flags = new ArrayList<>();
        JsonNode f = root.get("compatibility_flags");
        if (f != null) {
            if (!f.isArray()) throw new ConfigException(abs, "`compatibility_flags` must be an array of strings");
            for (JsonNode x : f) {
                if (!x.isTextual()) throw new ConfigException(abs, "`compatibility_flags` must be an array of strings, found " + x);
                flags.add(x.asText());
            }
        }
        Map<String, Object> vars = vars(abs, root);
        return new WorkerConfig(abs, name, main, dir, date == null ? "2025-09-01" : date, flags, vars, root, crons(abs, root));
    }

    /**
     * The top-level `triggers.crons` (empty if absent). Each environment's crons are checked too, so
     * an invalid expression anywhere fails the load with its key and the field at fault.
     */
    public static List<String> crons(Path file, JsonNode root) {
        JsonNode envs = root.get("env");
        if (envs != null && envs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = envs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject()) cronsAt(file, e.getValue(), "env." + e.getKey() + ".");
            }
        }
        return cronsAt(file, root, "");
    }

    private static List<String> cronsAt(Path file, JsonNode table, String prefix) {
        List<String> out = new ArrayList<>();
        JsonNode triggers = table.get("triggers");
        if (triggers == null || triggers.isNull()) return out;
        if (!triggers.isObject()) throw new ConfigException(file, "`" + prefix + "triggers` must be a table/object");
        JsonNode crons = triggers.get("crons");
        if (crons == null || crons.isNull()) return out;
        if (!crons.isArray()) throw new ConfigException(file, "`" + prefix + "triggers.crons` must be an array of strings");
        for (int i = 0; i < crons.size(); i++) {
            JsonNode c = crons.get(i);
            String key = "`" + prefix + "triggers.crons[" + i + "]`";
            if (!c.isTextual()) throw new ConfigException(file, key + " must be a string, found " + c);
            try {
                dev.workersim.core.scheduled.CronExpression.parse(c.asText());
            } catch (dev.workersim.core.scheduled.CronSyntaxException e) {
                throw new ConfigException(file, key + ": " + e.getMessage(), e);
            }
            out.add(c.asText());
        }
        return out;
    }

    /** Parses wrangler.toml text given inline (for workers built in code); errors name {@code origin}. */
    public static JsonNode parseToml(String text, Path origin) {
        try {
            JsonNode n = TOML.readTree(text);
            if (!n.isObject()) throw new ConfigException(origin, "the top level must be a table");
            return n;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new ConfigException(origin, where + e.getOriginalMessage(), e);
        }
    }

    /** The vars of a parsed config (string values stay strings, others become Java JSON values). */
    public static Map<String, Object> vars(Path file, JsonNode root) {
        Map<String, Object> vars = new LinkedHashMap<>();
        JsonNode v = root.get("vars");
        if (v != null) {
            if (!v.isObject()) throw new ConfigException(file, "`vars` must be a table/object");
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                vars.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : PLAIN.convertValue(e.getValue(), Object.class));
            }
        }
        return vars;
    }

    private static JsonNode parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e.getMessage(), e);
        }
        try {
            return file.getFileName().toString().endsWith(".toml") ? TOML.readTree(text) : JSONC.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new ConfigException(file, where + e.getOriginalMessage(), e);
        }
    }

    private static String optionalString(Path file, JsonNode root, String key, String fallback) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return fallback;
        if (!n.isTextual()) throw new ConfigException(file, "`" + key + "` must be a string, found " + n.getNodeType().name().toLowerCase());
        return n.asText();
    }

    /** The vars as the JSON object the runtime's env is built from. */
    public static String varsJson(Map<String, Object> vars) {
        try {
            return PLAIN.writeValueAsString(vars);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
