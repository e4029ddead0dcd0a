package dev.workersim.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Selects an environment ({@code --env NAME}, {@code CLOUDFLARE_ENV}) the way wrangler does:
 * the block {@code env.NAME} is laid over the top level. Bindings, vars, secrets and `define` are
 * not inherited (the environment must declare its own; a top-level one it lacks is a warning);
 * every other key (main, compatibility_*, triggers, routes, ...) is inherited unless the
 * environment sets it, and then replaced, not merged. The worker is named {@code <name>-<env>}
 * unless the environment gives a name.
 */
public final class Environments {
    /** wrangler's non-inheritable keys (its normalizeAndValidateEnvironment). */
    static final Set<String> NOT_INHERITED = Set.of(
            "vars", "secrets", "define", "durable_objects", "workflows", "kv_namespaces", "cloudchamber", "containers",
            "send_email", "queues", "r2_buckets", "d1_databases", "vectorize", "hyperdrive", "services",
            "analytics_engine_datasets", "dispatch_namespaces", "mtls_certificates", "logfwdr", "tail_consumers",
            "streaming_tail_consumers", "unsafe", "browser", "ai", "images", "media", "version_metadata", "ratelimits",
            "secrets_store_secrets", "pipelines", "worker_loaders", "vpc_services", "vpc_networks", "unsafe_hello_world",
            "ai_search", "ai_search_namespaces", "agent_memory", "analytics", "artifacts", "connect", "flagship", "stream");

    /** The effective tree and what was said about it. */
    public record Resolved(ObjectNode tree, List<String> warnings) {
    }

    private Environments() {
    }

    /** The effective config for {@code envName} (null: the top level, minus the `env` table). */
    public static Resolved resolve(ObjectNode root, String envName, Path file) {
        List<String> warnings = new ArrayList<>();
        ObjectNode top = root.deepCopy();
        top.remove("env");
        if (envName == null || envName.isEmpty()) return new Resolved(top, warnings);
        if (!envName.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException(file, "environment name \"" + envName + "\" may only hold letters, digits, '_' and '-'");
        }
        JsonNode envs = root.get("env");
        if (envs != null && !envs.isObject()) throw new ConfigException(file, "`env` (at $.env) must be a table/object of environments");
        JsonNode block = envs == null ? null : envs.get(envName);
        String topName = top.path("name").isTextual() ? top.get("name").asText() : null;
        if (block == null) {
            // As wrangler: with other environments declared, an unknown one is an error; with none, the top level serves.
            String msg = "No environment found in configuration with name \"" + envName + "\".\n"
                    + "Before using `--env=" + envName + "` there should be an equivalent environment section in the configuration.";
            if (envs != null && envs.size() > 0) {
                List<String> names = new ArrayList<>();
                envs.fieldNames().forEachRemaining(names::add);
                throw new ConfigException(file, msg + "\nThe available configured environment names are: " + names);
            }
            warnings.add(msg + "\nConsider adding an environment configuration section:\n[env." + envName + "]");
            if (topName != null) top.put("name", topName + "-" + envName);
            return new Resolved(top, warnings);
        }
        if (!block.isObject()) throw new ConfigException(file, "`env." + envName + "` (at $.env." + envName + ") must be a table/object");

        ObjectNode out = top.deepCopy();
        for (String key : NOT_INHERITED) {
            if (!out.has(key)) continue;
            out.remove(key);
            if (!block.has(key)) {
                warnings.add("\"" + key + "\" exists at the top level, but not on \"env." + envName + "\".\n"
                        + "This is not what you probably want, since \"" + key + "\" is not inherited by environments.\n"
                        + "Please add \"" + key + "\" to \"env." + envName + "\".");
            } else {
                warnMissingNames(top.get(key), block.get(key), key, envName, warnings);
            }
        }
        for (Iterator<String> it = block.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            out.set(key, block.get(key).deepCopy());
        }
        if (!block.has("name") && topName != null) out.put("name", topName + "-" + envName);
        return new Resolved(out, warnings);
    }

    /** The environment declares `vars` or a binding list, but leaves out some names the top level has. */
    private static void warnMissingNames(JsonNode topValue, JsonNode envValue, String key, String envName, List<String> warnings) {
        if (key.equals("vars") && topValue.isObject() && envValue.isObject()) {
            List<String> missing = new ArrayList<>();
            topValue.fieldNames().forEachRemaining(n -> {
                if (!envValue.has(n)) missing.add("- " + n);
            });
            if (!missing.isEmpty()) {
                warnings.add("The following vars exist at the top level, but not on \"env." + envName + ".vars\".\n"
                        + "This is probably not what you want, since \"vars\" configuration is not inherited by environments.\n"
                        + "Please add these vars to \"env." + envName + ".vars\":\n" + String.join("\n", missing));
            }
        } else if (topValue.isArray() && envValue.isArray()) {
            Set<String> declared = new java.util.HashSet<>();
            envValue.forEach(e -> declared.add(e.path("binding").asText(e.path("name").asText())));
            for (JsonNode e : topValue) {
                String name = e.path("binding").asText(e.path("name").asText(""));
                if (!name.isEmpty() && !declared.contains(name)) {
                    warnings.add("There is a " + key + " binding with name \"" + name + "\" at the top level, but not on \"env."
                            + envName + "\".\nThis is not what you probably want, since \"" + key
                            + "\" configuration is not inherited by environments.\nPlease add a binding for \"" + name
                            + "\" to \"env." + envName + "." + key + "\".");
                }
            }
        }
    }
}
