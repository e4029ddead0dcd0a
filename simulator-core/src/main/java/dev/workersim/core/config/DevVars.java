package dev.workersim.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Local secrets for `sim dev`, found next to the config file exactly as wrangler dev finds them:
 * <ol>
 *   <li>{@code .dev.vars.<env>} (with an environment) or else {@code .dev.vars}: one file, never merged;</li>
 *   <li>only when there is no such file, and unless {@code CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV=false}:
 *       {@code .env}, {@code .env.local}, {@code .env.<env>}, {@code .env.<env>.local}, merged in that
 *       order (a later file wins a key), with {@code $NAME} expansion; the process environment joins
 *       (and wins) when {@code CLOUDFLARE_INCLUDE_PROCESS_ENV=true} or the config has {@code secrets};</li>
 *   <li>with {@code secrets.required}, only the listed names (and names that are also vars) are kept,
 *       and a missing listed name is a warning, not an error.</li>
 * </ol>
 */
public final class DevVars {
    /**
     * @param values the secrets, by name (strings, as the worker sees them)
     * @param files the files they came from, relative to the config's folder ("process.env" for the OS environment)
     * @param warnings what wrangler would warn about
     */
    public record Loaded(Map<String, String> values, List<String> files, List<String> warnings) {
    }

    private DevVars() {
    }

    /**
     * @param required the names under {@code secrets.required}, or null when the config has no {@code secrets}
     * @param varNames the names of the config's vars (kept even when not listed as required)
     */
    public static Loaded load(Path configDir, String env, Map<String, String> processEnv, List<String> required, Set<String> varNames) {
        List<String> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> loaded = devVarsFile(configDir, env, files);
        if (loaded == null && !"false".equalsIgnoreCase(processEnv.getOrDefault("CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV", "true"))) {
            boolean withProcessEnv = required != null
                    || "true".equalsIgnoreCase(processEnv.getOrDefault("CLOUDFLARE_INCLUDE_PROCESS_ENV", "false"));
            loaded = dotEnvFiles(configDir, env, withProcessEnv ? processEnv : Map.of(), files);
            if (withProcessEnv) files.add("process.env");
        }
        Map<String, String> all = loaded == null ? Map.of() : loaded;
        if (required == null) return new Loaded(all, files, warnings);

        Map<String, String> kept = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (varNames.contains(k) || required.contains(k)) kept.put(k, v);
        });
        List<String> missing = required.stream().filter(k -> !all.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            warnings.add("Missing required secrets: " + String.join(", ", missing)
                    + ". Add them to .dev.vars, .env, or set as environment variables.");
        }
        return new Loaded(kept, files, warnings);
    }

    /** The one .dev.vars file that applies, parsed; null when there is none. */
    private static Map<String, String> devVarsFile(Path dir, String env, List<String> files) {
        List<String> candidates = env == null ? List.of(".dev.vars") : List.of(".dev.vars." + env, ".dev.vars");
        for (String name : candidates) {
            String text = read(dir.resolve(name));
            if (text != null) {
                files.add(name);
                return DotEnv.parse(text);
            }
        }
        return null;
    }

    private static Map<String, String> dotEnvFiles(Path dir, String env, Map<String, String> processEnv, List<String> files) {
        List<String> names = new ArrayList<>(List.of(".env", ".env.local"));
        if (env != null) {
            names.add(".env." + env);
            names.add(".env." + env + ".local");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String name : names) {
            String text = read(dir.resolve(name));
            if (text == null) continue;
            files.add(name);
            parsed.putAll(DotEnv.parse(text));
        }
        Map<String, String> out = new LinkedHashMap<>(processEnv);
        out.putAll(DotEnv.expand(parsed, processEnv));
        return out;
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) return null;
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read local variables file: " + e.getMessage(), e);
        }
    }
}
