package dev.workersim.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the simulator needs to know about one worker, read from wrangler.toml / wrangler.json(c).
 *
 * @param configFile the file it came from (null for a worker built in code)
 * @param name the worker's name
 * @param main the entry module, absolute
 * @param projectDir the folder imports are confined to (the config file's folder)
 * @param compatibilityDate YYYY-MM-DD
 * @param compatibilityFlags as written
 * @param vars plain env values: strings, or any JSON value
 * @param raw the whole parsed file (keys as wrangler.json spells them), for binding providers
 * @param crons the top-level `triggers.crons`, as written (each valid: checked at load)
 */
public record WorkerConfig(
        Path configFile,
        String name,
        Path main,
        Path projectDir,
        String compatibilityDate,
        List<String> compatibilityFlags,
        Map<String, Object> vars,
        com.fasterxml.jackson.databind.JsonNode raw,
        List<String> crons) {

    public WorkerConfig {
        compatibilityFlags = List.copyOf(compatibilityFlags);
        crons = List.copyOf(crons);
        vars = Map.copyOf(vars);
    }
}
