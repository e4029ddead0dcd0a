package dev.workersim.core.assets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code assets} table of a worker's config: where the files are, the optional binding's name,
 * and how requests map onto them.
 *
 * @param directory the assets folder, absolute
 * @param binding the env key of the ASSETS Fetcher, or null
 * @param notFound what a request that matches no file gets
 * @param html how paths map onto .html files (trailing slashes, redirects)
 * @param workerFirstAlways {@code run_worker_first = true}
 * @param workerFirstRules {@code run_worker_first = [globs]} (null when not an array)
 */
public record AssetsConfig(Path directory, String binding, NotFound notFound, HtmlHandling html,
        boolean workerFirstAlways, WorkerFirstRules workerFirstRules) {

    public enum NotFound { NONE, SINGLE_PAGE_APPLICATION, PAGE_404 }

    public enum HtmlHandling { AUTO_TRAILING_SLASH, FORCE_TRAILING_SLASH, DROP_TRAILING_SLASH, NONE }

    /** The config's assets, or null when it has no {@code assets} table. */
    public static AssetsConfig from(JsonNode config, Path projectDir, Path configFile) {
        JsonNode a = config == null ? null : config.get("assets");
        if (a == null || a.isNull()) return null;
        JsonNode dir = a.get("directory");
        if (dir == null || !dir.isTextual()) {
            throw new ConfigException(configFile, "`assets.directory` is required (the folder of static files to serve)");
        }
        Path directory = projectDir.resolve(dir.asText()).toAbsolutePath().normalize();
        String binding = a.hasNonNull("binding") ? a.get("binding").asText() : null;
        NotFound notFound = switch (text(a, "not_found_handling", "none", configFile)) {
            case "none" -> NotFound.NONE;
            case "single-page-application" -> NotFound.SINGLE_PAGE_APPLICATION;
            case "404-page" -> NotFound.PAGE_404;
            default -> throw invalid(configFile, "not_found_handling", "\"single-page-application\", \"404-page\" or \"none\"");
        };
        HtmlHandling html = switch (text(a, "html_handling", "auto-trailing-slash", configFile)) {
            case "auto-trailing-slash" -> HtmlHandling.AUTO_TRAILING_SLASH;
            case "force-trailing-slash" -> HtmlHandling.FORCE_TRAILING_SLASH;
            case "drop-trailing-slash" -> HtmlHandling.DROP_TRAILING_SLASH;
            case "none" -> HtmlHandling.NONE;
            default -> throw invalid(configFile, "html_handling",
                    "\"auto-trailing-slash\", \"force-trailing-slash\", \"drop-trailing-slash\" or \"none\"");
        };
        JsonNode rwf = a.get("run_worker_first");
        boolean always = false;
        WorkerFirstRules rules = null;
        if (rwf != null && !rwf.isNull()) {
            if (rwf.isBoolean()) {
                always = rwf.asBoolean();
            } else if (rwf.isArray()) {
                List<String> globs = new ArrayList<>();
                rwf.forEach(g -> globs.add(g.asText()));
                rules = WorkerFirstRules.of(globs);
            } else {
                throw invalid(configFile, "run_worker_first", "a boolean or an array of route patterns");
            }
        }
        return new AssetsConfig(directory, binding, notFound, html, always, rules);
    }

    private static String text(JsonNode a, String key, String dflt, Path file) {
        JsonNode v = a.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isTextual()) throw invalid(file, key, "a string");
        return v.asText();
    }

    private static ConfigException invalid(Path file, String key, String expected) {
        return new ConfigException(file, "`assets." + key + "` must be " + expected);
    }
}
