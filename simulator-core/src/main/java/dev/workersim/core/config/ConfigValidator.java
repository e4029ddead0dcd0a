package dev.workersim.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Checks a config before anything is served, the way wrangler's config validation does: each
 * error names the file, the line (when it can be found) and the key's path, and stops the load;
 * unknown top-level keys are warnings. It checks the effective tree (after {@link Environments}),
 * so an environment's own bindings are what is judged.
 */
final class ConfigValidator {
    private static final Set<String> STRINGS = Set.of("$schema", "account_id", "base_dir", "compatibility_date",
            "compliance_region", "jsx_factory", "jsx_fragment", "main", "name", "pages_build_output_dir", "tsconfig",
            "usage_model", "dispatch_namespace");
    private static final Set<String> BOOLEANS = Set.of("find_additional_modules", "first_party_worker", "keep_names",
            "keep_vars", "logpush", "minify", "no_bundle", "preserve_file_names", "preview_urls", "send_metrics",
            "upload_source_maps", "workers_dev", "legacy_env");
    private static final Set<String> OBJECTS = Set.of("access", "ai", "alias", "analytics", "assets", "browser", "build",
            "cache", "cloudchamber", "data_blobs", "define", "dependencies_instrumentation", "dev", "durable_objects", "env",
            "exports", "images", "limits", "logfwdr", "media", "observability", "placement", "previews", "python_modules",
            "queues", "secrets", "site", "stream", "text_blobs", "triggers", "unsafe", "vars", "version_metadata", "wasm_modules");
    private static final Set<String> ARRAYS = Set.of("addresses", "agent_memory", "ai_search", "ai_search_namespaces",
            "analytics_engine_datasets", "artifacts", "compatibility_flags", "connect", "containers", "d1_databases",
            "dispatch_namespaces", "flagship", "hyperdrive", "k2", "kv_namespaces", "migrations", "mtls_certificates",
            "pipelines", "r2_buckets", "ratelimits", "routes", "rules", "secrets_store_secrets", "send_email", "services",
            "streaming_tail_consumers", "tail_consumers", "unsafe_hello_world", "vectorize", "vpc_networks", "vpc_services",
            "worker_loaders", "workflows");
    private static final Set<String> OTHER_KNOWN = Set.of("route");

    /** Binding arrays and the field holding each entry's env name. */
    private static final Map<String, String> NAMED_ARRAYS = Map.ofEntries(
            Map.entry("kv_namespaces", "binding"), Map.entry("r2_buckets", "binding"), Map.entry("d1_databases", "binding"),
            Map.entry("services", "binding"), Map.entry("analytics_engine_datasets", "binding"),
            Map.entry("dispatch_namespaces", "binding"), Map.entry("hyperdrive", "binding"), Map.entry("workflows", "binding"),
            Map.entry("vectorize", "binding"), Map.entry("mtls_certificates", "binding"),
            Map.entry("secrets_store_secrets", "binding"), Map.entry("pipelines", "binding"),
            Map.entry("worker_loaders", "binding"), Map.entry("vpc_services", "binding"),
            Map.entry("ratelimits", "name"), Map.entry("send_email", "name"),
            Map.entry("durable_objects.bindings", "name"), Map.entry("queues.producers", "binding"));
    /** Single-binding tables (`[ai] binding = "AI"`). */
    private static final List<String> NAMED_OBJECTS = List.of("ai", "browser", "images", "media", "version_metadata", "assets");
    /** Binding kinds that Cloudflare cannot proxy to a remote resource (spec/config.md §2.3). */
    private static final Set<String> NEVER_REMOTE = Set.of("durable_objects.bindings", "workflows", "version_metadata",
            "analytics_engine_datasets", "hyperdrive", "ratelimits", "assets");

    private final Path file;
    private final UnaryOperator<String> located; // "kv_namespaces[0]" -> "line 7, `kv_namespaces[0]`"
    private final List<String> warnings = new ArrayList<>();

    ConfigValidator(Path file, UnaryOperator<String> located) {
        this.file = file;
        this.located = located;
    }

    List<String> warnings() {
        return warnings;
    }

    /**
     * Unknown keys, checked on the file as written, where wrangler looks: the top level, the
     * selected environment's block, and the binding tables of each (see {@link KnownFields}).
     */
    void warnUnknownFields(JsonNode root, String envName) {
        Set<String> known = knownTopLevel();
        warnings.addAll(KnownFields.warnings(root, "top-level", "", known));
        JsonNode env = envName == null ? null : root.path("env").get(envName);
        if (env != null && env.isObject()) {
            Set<String> inEnv = new TreeSet<>(known);
            inEnv.remove("env");
            warnings.addAll(KnownFields.warnings(env, "env." + envName, "env." + envName + ".", inEnv));
        }
    }

    /** Throws a {@link ConfigException} at the first problem of the effective tree. */
    void validate(JsonNode tree) {
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            checkType(e.getKey(), e.getValue());
        }
        JsonNode flags = tree.get("compatibility_flags");
        if (flags != null) {
            for (int i = 0; i < flags.size(); i++) {
                if (!flags.get(i).isTextual()) fail("compatibility_flags[" + i + "]", "must be a string, found " + kind(flags.get(i)));
            }
        }
        JsonNode main = tree.get("main");
        if ((main == null || main.isNull()) && !tree.has("assets")) { // assets alone make an assets-only worker
            fail("main", "is missing: say which file is the worker, e.g. main = \"src/index.js\"");
        }
        checkBindings(tree);
    }

    private void checkType(String key, JsonNode v) {
        if (v.isNull()) return;
        String expected = STRINGS.contains(key) ? (v.isTextual() ? null : "a string")
                : BOOLEANS.contains(key) ? (v.isBoolean() ? null : "a boolean")
                : OBJECTS.contains(key) ? (v.isObject() ? null : "a table/object")
                : ARRAYS.contains(key) ? (v.isArray() ? null : "an array")
                : key.equals("route") ? (v.isTextual() || v.isObject() ? null : "a string or a table/object")
                : null;
        if (expected != null) fail(key, "must be " + expected + ", found " + kind(v));
    }

    private void checkBindings(JsonNode tree) {
        Map<String, String> names = new HashMap<>(); // env name -> where it was first bound
        JsonNode vars = tree.get("vars");
        if (vars != null && vars.isObject()) vars.fieldNames().forEachRemaining(n -> names.put(n, "vars." + n));
        // As wrangler: a declared secret is a binding too, so it may not share a var's name.
        JsonNode required = tree.path("secrets").path("required");
        for (int i = 0; i < required.size(); i++) {
            String before = names.putIfAbsent(required.get(i).asText(), "secrets.required[" + i + "]");
            if (before != null) {
                fail("secrets.required[" + i + "]", "\"" + required.get(i).asText() + "\" is already bound by " + before
                        + "; bindings must have unique names, so that they can all be referenced in the worker");
            }
        }
        for (Map.Entry<String, String> section : new java.util.TreeMap<>(NAMED_ARRAYS).entrySet()) {
            JsonNode arr = at(tree, section.getKey());
            if (arr == null || arr.isNull()) continue;
            if (!arr.isArray()) fail(section.getKey(), "must be an array, found " + kind(arr));
            for (int i = 0; i < arr.size(); i++) {
                String where = section.getKey() + "[" + i + "]";
                JsonNode entry = arr.get(i);
                if (!entry.isObject()) fail(where, "must be a table/object, found " + kind(entry));
                checkEntry(section.getKey(), where, entry, section.getValue(), names, true);
            }
        }
        for (String key : NAMED_OBJECTS) {
            JsonNode o = tree.get(key);
            if (o == null || !o.isObject()) continue;
            // [assets] may omit its binding; the others are nothing without one.
            checkEntry(key, key, o, "binding", names, !key.equals("assets"));
        }
    }

    /** Fields that are strings wherever a binding entry has them (ids, names, resource names). */
    private static final List<String> STRING_FIELDS = List.of("id", "preview_id", "bucket_name", "preview_bucket_name",
            "jurisdiction", "database_name", "database_id", "preview_database_id", "migrations_dir", "migrations_table",
            "service", "environment", "entrypoint", "namespace", "dataset", "class_name", "script_name", "queue",
            "index_name", "certificate_id", "store_id", "secret_name", "directory");

    /** Kinds Cloudflare does not simulate locally (spec/config.md §2.3): wrangler warns unless they are remote. */
    private static final Set<String> REMOTE_ONLY = Set.of("browser", "images", "vectorize", "mtls_certificates");

    private void checkRemoteOnly(String kindKey, String where, JsonNode entry) {
        JsonNode remote = entry.get("remote");
        if (kindKey.equals("ai")) {
            if (remote != null && remote.isBoolean() && !remote.asBoolean()) {
                fail(where + ".remote", "AI has no local simulation: `remote = false` is not allowed (remove it, or set it to true)");
            }
            if (remote == null) warnings.add("`" + where + "` has no `remote` key: AI always runs remotely, so it is treated as remote = true");
        } else if (REMOTE_ONLY.contains(kindKey) && (remote == null || !remote.asBoolean(false))) {
            warnings.add("`" + where + "`: " + kindKey + " has no full local simulation; set remote = true to use the real resource");
        }
    }

    private void checkEntry(String kindKey, String where, JsonNode entry, String nameField, Map<String, String> names, boolean nameRequired) {
        checkRemoteOnly(kindKey, where, entry);
        JsonNode n = entry.get(nameField);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) {
            if (nameRequired) fail(where, "has no \"" + nameField + "\": every binding needs the name the worker sees in env");
        } else if (!n.isTextual()) {
            fail(where + "." + nameField, "must be a string, found " + kind(n));
        } else {
            String before = names.putIfAbsent(n.asText(), where);
            if (before != null) {
                fail(where + "." + nameField, "\"" + n.asText() + "\" is already bound by " + before
                        + "; bindings must have unique names, so that they can all be referenced in the worker");
            }
        }
        for (String field : STRING_FIELDS) {
            JsonNode v = entry.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) fail(where + "." + field, "must be a string, found " + kind(v));
        }
        JsonNode remote = entry.get("remote");
        if (remote != null && !remote.isNull()) {
            if (!remote.isBoolean()) fail(where + ".remote", "must be a boolean, found " + kind(remote));
            if (remote.asBoolean() && NEVER_REMOTE.contains(kindKey)) {
                fail(where + ".remote", "`" + kindKey + "` bindings cannot be remote (Cloudflare has no remote connection for them); remove `remote = true`");
            }
        }
    }

    /** The value at a dotted path ("durable_objects.bindings"), or null where the path stops. */
    static JsonNode at(JsonNode tree, String dotted) {
        JsonNode n = tree;
        for (String part : dotted.split("\\.")) {
            if (n == null || !n.isObject()) return null;
            n = n.get(part);
        }
        return n;
    }

    private void fail(String path, String problem) {
        throw new ConfigException(file, located.apply(path) + " " + problem);
    }

    static String kind(JsonNode v) {
        if (v.isTextual()) return "a string (\"" + v.asText() + "\")";
        if (v.isBoolean()) return "a boolean (" + v.asText() + ")";
        if (v.isNumber()) return "a number (" + v.asText() + ")";
        if (v.isArray()) return "an array";
        if (v.isObject()) return "a table/object";
        return v.getNodeType().name().toLowerCase();
    }

    static Set<String> knownTopLevel() {
        Set<String> all = new TreeSet<>(STRINGS);
        all.addAll(BOOLEANS);
        all.addAll(OBJECTS);
        all.addAll(ARRAYS);
        all.addAll(OTHER_KNOWN);
        return all;
    }
}
