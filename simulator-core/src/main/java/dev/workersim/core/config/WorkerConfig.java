package dev.workersim.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the simulator needs to know about one worker, read from wrangler.toml / wrangler.json(c)
 * with its environment selected and its local secrets loaded.
 *
 * @param configFile the file it came from (null for a worker built in code)
 * @param name the worker's name ({@code <name>-<env>} under an environment without its own name)
 * @param main the entry module, absolute (null for an assets-only worker)
 * @param projectDir the folder imports are confined to (the config file's folder)
 * @param compatibilityDate YYYY-MM-DD
 * @param compatibilityFlags as written
 * @param vars the env values: the config's vars (strings, or any JSON value) and, over them, the
 *     local secrets (always strings)
 * @param raw the effective config (the environment laid over the top level, no `env` table), keys
 *     as wrangler.json spells them, for binding providers
 * @param crons the effective `triggers.crons`, as written (each valid: checked at load)
 * @param environment the selected environment, or null
 * @param secretNames which entries of {@code vars} came from the secret files or the process environment
 * @param secretFiles the files the secrets came from (relative to the config's folder), for the banner
 * @param warnings what wrangler would warn about (unknown keys, missing required secrets, ...)
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
        List<String> crons,
        String environment,
        Set<String> secretNames,
        List<String> secretFiles,
        List<String> warnings) {

    public WorkerConfig {
        compatibilityFlags = List.copyOf(compatibilityFlags);
        crons = List.copyOf(crons);
        // insertion order kept: the env object's keys appear in the order they were declared
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        secretNames = Set.copyOf(secretNames);
        secretFiles = List.copyOf(secretFiles);
        warnings = List.copyOf(warnings);
    }
}
