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
 * uses are interpreted here; {@link ConfigValidator} checks the rest as wrangler would,
 * {@link Environments} selects `env.NAME`, and {@link DevVars} adds the local secrets.
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

    /**
     * How to read a config: which environment, and the process environment that the secret
     * switches ({@code CLOUDFLARE_ENV}, {@code CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV},
     * {@code CLOUDFLARE_INCLUDE_PROCESS_ENV}) and {@code secrets.required} read.
     *
     * @param environment the `env.NAME` block to use; null falls back to {@code CLOUDFLARE_ENV}, then to the top level
     * @param processEnv the OS environment as the simulator should see it
     */
    public record Options(String environment, Map<String, String> processEnv) {
        public Options {
            processEnv = Map.copyOf(processEnv);
        }

        /** This process's environment, and the environment named by {@code CLOUDFLARE_ENV} if set. */
        public static Options defaults() {
            return new Options(null, System.getenv());
        }

        String selectedEnvironment() {
            if (environment != null && !environment.isEmpty()) return environment;
            String fromOs = processEnv.get("CLOUDFLARE_ENV");
            return fromOs == null || fromOs.isEmpty() ? null : fromOs;
        }
    }

    public static WorkerConfig load(Path file) {
        return load(file, Options.defaults());
    }

    public static WorkerConfig load(Path file, Options options) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) throw new ConfigException(abs, "no such config file");
        String text = read(abs);
        boolean toml = abs.getFileName().toString().endsWith(".toml");
        JsonNode root = parse(abs, text, toml);
        if (!root.isObject()) throw new ConfigException(abs, "the top level must be a table/object");
        Path dir = abs.getParent();
        SourceLines lines = SourceLines.of(text, toml);
        String envName = options.selectedEnvironment();

        List<String> warnings = new ArrayList<>();
        // Every environment's crons are checked, selected or not, so a typo fails early.
        crons(abs, root);
        Environments.Resolved resolved = Environments.resolve((com.fasterxml.jackson.databind.node.ObjectNode) root, envName, abs);
        JsonNode tree = resolved.tree();
        boolean fromEnvBlock = envName != null && root.path("env").has(envName);
        java.util.function.UnaryOperator<String> located =
                path -> locate(lines, path, fromEnvBlock && root.path("env").path(envName).has(topKey(path)) ? "env." + envName + "." : "");
        ConfigValidator validator = new ConfigValidator(abs, located);
        validator.warnUnknownFields(root, envName);
        validator.validate(tree);
        warnings.addAll(validator.warnings());
        warnings.addAll(resolved.warnings());

        String name = optionalString(abs, tree, "name", dir.getFileName() == null ? "worker" : dir.getFileName().toString());
        if (envName != null && !tree.has("name")) name = name + "-" + envName;
        String mainText = optionalString(abs, tree, "main", null);
        // No `main` with an `assets` table: an assets-only worker (main stays null).
        Path main = mainText == null && tree.has("assets") ? null : dir.resolve(mainText).normalize();
        // With a custom build, `main` may be what the build makes: it is checked after the build runs.
        boolean customBuild = tree.path("build").hasNonNull("command");
        if (main != null && !customBuild && !Files.isRegularFile(main)) {
            throw new ConfigException(abs, "`main` = \"" + mainText + "\" does not exist (looked for " + main + ")");
        }
        String date = optionalString(abs, tree, "compatibility_date", null);
        if (date != null && !isDate(date)) {
            throw new ConfigException(abs, locate(lines, "compatibility_date", "") + " must look like YYYY-MM-DD, got \"" + date + "\"");
        }
        List<String> flags = new ArrayList<>();
        JsonNode f = tree.get("compatibility_flags");
        if (f != null) f.forEach(x -> flags.add(x.asText()));
        warnings.addAll(checkCompatibility(abs, date, flags, located));

        Map<String, Object> vars = vars(abs, tree);
        DevVars.Loaded secrets = DevVars.load(dir, envName, options.processEnv(), requiredSecrets(abs, tree), vars.keySet());
        warnings.addAll(secrets.warnings());
        vars.putAll(secrets.values()); // a secret overrides the var of the same name, as in wrangler
        return new WorkerConfig(abs, name, main, dir, date == null ? "2025-09-01" : date, flags, vars, tree,
                cronsAt(abs, tree, ""), envName, secrets.values().keySet(), secrets.files(), warnings);
    }

    /** Refuses what wrangler dev refuses (a future date, an unknown or contradictory flag); returns the warnings. */
    private static List<String> checkCompatibility(Path file, String date, List<String> flags, java.util.function.UnaryOperator<String> located) {
        CompatibilityCheck.Result r = CompatibilityCheck.check(date, flags);
        if (!r.errors().isEmpty()) {
            throw new ConfigException(file, String.join("\n", r.errors().stream().map(e -> located.apply(e.path()) + ": " + e.message()).toList()));
        }
        return r.warnings().stream().map(w -> file.getFileName() + ": " + located.apply(w.path()) + ": " + w.message()).toList();
    }

    /** `secrets.required`, or null when the config has no `secrets` table. */
    private static List<String> requiredSecrets(Path file, JsonNode tree) {
        JsonNode s = tree.get("secrets");
        if (s == null || s.isNull()) return null;
        JsonNode req = s.get("required");
        List<String> out = new ArrayList<>();
        if (req == null || req.isNull()) return out;
        if (!req.isArray()) throw new ConfigException(file, "`secrets.required` must be an array of strings");
        for (JsonNode n : req) {
            if (!n.isTextual()) throw new ConfigException(file, "`secrets.required` must be an array of strings, found " + n);
            out.add(n.asText());
        }
        return out;
    }

    // wrangler: "a valid ISO-8601 date (YYYY-MM-DD)"; 2025-13-01 is refused too.
    private static boolean isDate(String date) {
        if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) return false;
        try {
            java.time.LocalDate.parse(date);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static String topKey(String path) {
        int cut = path.length();
        for (char c : new char[] {'.', '['}) {
            int i = path.indexOf(c);
            if (i >= 0) cut = Math.min(cut, i);
        }
        return path.substring(0, cut);
    }

    // "line 7, `kv_namespaces[0].binding`:" or without the line when it cannot be found.
    private static String locate(SourceLines lines, String path, String prefix) {
        int line = lines.line(prefix + path);
        return (line > 0 ? "line " + line + ", " : "") + "`" + prefix + path + "`";
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Path file, String text, boolean toml) {
        try {
            return toml ? TOML.readTree(text) : JSONC.readTree(text);
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
