package dev.workersim.core.build;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.runtime.Compatibility;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a wrangler config says about building its worker: the keys wrangler's bundler reads
 * ({@code define}, {@code alias}, {@code tsconfig}, {@code jsx_factory}, {@code minify}, {@code
 * rules}, {@code find_additional_modules}, {@code base_dir}, {@code preserve_file_names}, ...), and
 * the environment variables it honours ({@code WRANGLER_BUILD_CONDITIONS}, {@code
 * WRANGLER_BUILD_PLATFORM}, {@code NODE_ENV}).
 */
public record BuildSettings(
        Path entry,
        Path projectDir,
        boolean noBundle,
        Map<String, String> define,
        Map<String, String> alias,
        Path tsconfig,
        String jsxFactory,
        String jsxFragment,
        boolean minify,
        boolean keepNames,
        List<String> conditions,
        String platform,
        NodeCompat nodeCompat,
        List<String> ruleGlobs,
        String nodeEnv,
        AdditionalModules.Rules rules,
        Boolean findAdditionalModules,
        Path baseDir,
        boolean preserveFileNames) {

    /** How Node.js imports are treated, as wrangler's compat modes. */
    public enum NodeCompat { NONE, ALS, V1, V2 }

    public static BuildSettings from(Path entry, Path projectDir, JsonNode raw, Compatibility compat,
            Map<String, String> env) {
        List<String> conditions = env.containsKey("WRANGLER_BUILD_CONDITIONS")
                ? List.of(env.get("WRANGLER_BUILD_CONDITIONS").split(","))
                : List.of("workerd", "worker", "browser");
        String platform = env.get("WRANGLER_BUILD_PLATFORM");
        if (platform != null && !List.of("browser", "node", "neutral").contains(platform)) {
            throw new BuildFailure("Invalid esbuild platform configuration defined in the WRANGLER_BUILD_PLATFORM environment variable.\n"
                    + "Valid platform values are: 'browser', 'node' and 'neutral'.", null, 0, 0, null);
        }
        String tsconfig = text(raw, "tsconfig");
        AdditionalModules.Rules rules = AdditionalModules.parse(raw.get("rules"));
        JsonNode find = raw.get("find_additional_modules");
        String baseDir = text(raw, "base_dir");
        String nodeEnv = env.getOrDefault("NODE_ENV", "");
        return new BuildSettings(entry, projectDir,
                raw.path("no_bundle").asBoolean(false),
                strings(raw.get("define")),
                strings(raw.get("alias")),
                tsconfig == null ? null : projectDir.resolve(tsconfig).normalize(),
                text(raw, "jsx_factory"),
                text(raw, "jsx_fragment"),
                raw.path("minify").asBoolean(false),
                raw.path("keep_names").asBoolean(true),
                conditions, platform, nodeCompat(compat), rules.nonJsGlobs(),
                nodeEnv.isEmpty() ? "development" : nodeEnv,
                rules,
                find == null || find.isNull() ? null : find.asBoolean(),
                baseDir == null ? null : projectDir.resolve(baseDir).toAbsolutePath().normalize(),
                raw.path("preserve_file_names").asBoolean(false));
    }

    /** Where additional modules are searched for and what their names are relative to: base_dir, else main's folder. */
    public Path moduleRoot() {
        return baseDir != null ? baseDir : entry.toAbsolutePath().normalize().getParent();
    }

    /** wrangler's getNodeCompat: v2 from nodejs_compat on or after 2024-09-23 (or nodejs_compat_v2). */
    static NodeCompat nodeCompat(Compatibility compat) {
        if (compat.enabled("nodejs_compat")) return compat.enabled("nodejs_compat_v2") ? NodeCompat.V2 : NodeCompat.V1;
        if (compat.enabled("nodejs_als")) return NodeCompat.ALS;
        return NodeCompat.NONE;
    }

    private static String text(JsonNode raw, String key) {
        JsonNode n = raw.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        if (obj != null && obj.isObject()) obj.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
