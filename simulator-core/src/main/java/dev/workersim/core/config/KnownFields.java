package dev.workersim.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields wrangler 4.168 knows in each table it checks for strays (its
 * validateAdditionalProperties lists), and the warning it gives for the others, with a hint at
 * the known field a stray one most likely meant. Tables wrangler does not check (services,
 * dispatch_namespaces, vars, define, ...) are not checked here either.
 */
final class KnownFields {
    /** Binding arrays: each entry is checked against the list. */
    private static final Map<String, Set<String>> ENTRIES = Map.ofEntries(
            Map.entry("kv_namespaces", Set.of("binding", "id", "preview_id", "remote")),
            Map.entry("r2_buckets", Set.of("binding", "bucket_name", "preview_bucket_name", "jurisdiction", "remote", "local_dev")),
            Map.entry("d1_databases", Set.of("binding", "database_id", "database_internal_env", "database_name", "jurisdiction",
                    "migrations_dir", "migrations_pattern", "migrations_table", "preview_database_id", "remote")),
            Map.entry("durable_objects.bindings", Set.of("class_name", "environment", "name", "script_name")),
            Map.entry("queues.producers", Set.of("binding", "queue", "delivery_delay", "remote")),
            Map.entry("queues.consumers", Set.of("queue", "type", "max_batch_size", "max_batch_timeout", "max_retries",
                    "dead_letter_queue", "max_concurrency", "visibility_timeout_ms", "retry_delay")),
            Map.entry("workflows", Set.of("binding", "name", "class_name", "script_name", "limits", "concurrency", "schedules",
                    "default_retention", "jurisdiction")),
            Map.entry("send_email", Set.of("allowed_sender_addresses", "allowed_destination_addresses", "destination_address",
                    "name", "binding", "remote")),
            Map.entry("analytics_engine_datasets", Set.of("binding", "dataset", "remote")),
            Map.entry("hyperdrive", Set.of("binding", "id", "localConnectionString", "remote")),
            Map.entry("vectorize", Set.of("binding", "index_name", "remote")),
            Map.entry("mtls_certificates", Set.of("binding", "certificate_id", "remote")),
            Map.entry("secrets_store_secrets", Set.of("binding", "store_id", "secret_name")),
            Map.entry("worker_loaders", Set.of("binding")),
            Map.entry("ratelimits", Set.of("name", "namespace_id", "simple")));
    /** Tables checked as a whole. */
    private static final Map<String, Set<String>> TABLES = Map.of(
            "assets", Set.of("directory", "binding", "html_handling", "not_found_handling", "base_path", "run_worker_first"),
            "triggers", Set.of("crons", "events"),
            "queues", Set.of("consumers", "producers"),
            "secrets", Set.of("required"),
            "observability", Set.of("enabled", "head_sampling_rate", "redact_query_string", "issues", "logs", "traces"));

    private KnownFields() {
    }

    /**
     * wrangler's warnings for {@code table} (the top level or the selected `env.NAME` block), each
     * stray field named with its path as wrangler prints it ("env.staging.r2_buckets[0]").
     *
     * @param where "top-level" or "env.NAME"
     * @param prefix "" or "env.NAME." for the nested paths
     */
    static List<String> warnings(JsonNode table, String where, String prefix, Set<String> topLevelKeys) {
        List<String> out = new ArrayList<>();
        TABLES.forEach((key, known) -> {
            JsonNode t = table.get(key);
            if (t != null && t.isObject()) warn(out, prefix + key, t, known);
        });
        ENTRIES.forEach((key, known) -> {
            JsonNode arr = ConfigValidator.at(table, key);
            if (arr == null || !arr.isArray()) return;
            for (int i = 0; i < arr.size(); i++) {
                if (arr.get(i).isObject()) warn(out, prefix + key + "[" + i + "]", arr.get(i), known);
            }
        });
        out.sort(null);
        warn(out, where, table, topLevelKeys);
        return out;
    }

    /** wrangler's "Unexpected fields found in kv_namespaces[0] field: "bindng"", then ours: "; did you mean "binding"?" */
    private static void warn(List<String> out, String fieldPath, JsonNode table, Set<String> known) {
        List<String> stray = new ArrayList<>();
        table.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) stray.add(k);
        });
        if (stray.isEmpty()) return;
        List<String> hints = new ArrayList<>();
        for (String k : stray) {
            String close = ClosestName.of(k, known);
            if (close != null) hints.add("\"" + close + "\"" + (stray.size() > 1 ? " for \"" + k + "\"" : ""));
        }
        out.add("Unexpected fields found in " + fieldPath + " field: "
                + String.join(",", stray.stream().map(k -> "\"" + k + "\"").toList())
                + (hints.isEmpty() ? "" : "; did you mean " + String.join(", ", hints) + "?"));
    }
}
