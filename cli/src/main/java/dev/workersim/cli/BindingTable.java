package dev.workersim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.WorkerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start-up table of what the worker can reach, as wrangler dev prints it: each binding's env
 * name (with its resource id), its kind, and whether it is simulated locally or remote.
 */
final class BindingTable {
    /** One row; {@code remoteAsked} is true when the config says remote = true. */
    record Row(String binding, String resource, String mode, boolean remoteAsked) {
    }

    // config key -> (kind shown, the fields naming the resource, first present wins)
    private record Kind(String key, String label, String... idFields) {
    }

    private static final List<Kind> ARRAYS = List.of(
            new Kind("kv_namespaces", "KV Namespace", "id", "preview_id"),
            new Kind("r2_buckets", "R2 Bucket", "bucket_name", "preview_bucket_name"),
            new Kind("d1_databases", "D1 Database", "database_name", "database_id"),
            new Kind("durable_objects.bindings", "Durable Object", "class_name"),
            new Kind("queues.producers", "Queue", "queue"),
            new Kind("services", "Worker", "service"),
            new Kind("dispatch_namespaces", "Dispatch Namespace", "namespace"),
            new Kind("analytics_engine_datasets", "Analytics Engine Dataset", "dataset"),
            new Kind("hyperdrive", "Hyperdrive Config", "id"),
            new Kind("workflows", "Workflow", "class_name", "name"),
            new Kind("vectorize", "Vectorize Index", "index_name"),
            new Kind("mtls_certificates", "mTLS Certificate", "certificate_id"),
            new Kind("secrets_store_secrets", "Secrets Store Secret", "secret_name"),
            new Kind("ratelimits", "Rate Limiter", "namespace_id"),
            new Kind("send_email", "Send Email", "destination_address"));
    private static final List<Kind> OBJECTS = List.of(
            new Kind("ai", "AI"), new Kind("browser", "Browser"), new Kind("images", "Images"),
            new Kind("version_metadata", "Worker Version Metadata"), new Kind("assets", "Assets", "directory"));

    private BindingTable() {
    }

    static List<Row> rows(WorkerConfig config, Map<String, Object> cliVars, boolean forceLocal) {
        List<Row> out = new ArrayList<>();
        JsonNode raw = config.raw();
        for (Kind k : ARRAYS) {
            JsonNode arr = at(raw, k.key());
            if (arr == null || !arr.isArray()) continue;
            for (JsonNode e : arr) out.add(row(e, k, forceLocal));
        }
        for (Kind k : OBJECTS) {
            JsonNode o = raw.get(k.key());
            if (o != null && o.isObject() && o.hasNonNull("binding")) out.add(row(o, k, forceLocal));
        }
        config.vars().forEach((name, value) -> {
            if (cliVars.containsKey(name)) return;
            String shown = config.secretNames().contains(name) ? "\"(hidden)\"" : preview(value);
            out.add(new Row("env." + name + " (" + shown + ")", "Environment Variable", "local", false));
        });
        cliVars.forEach((name, value) -> out.add(new Row("env." + name + " (" + preview(value) + ")", "Environment Variable", "local", false)));
        return out;
    }

    private static Row row(JsonNode e, Kind k, boolean forceLocal) {
        String name = e.hasNonNull("binding") ? e.get("binding").asText() : e.path("name").asText("?");
        String id = null;
        for (String f : k.idFields()) {
            if (e.hasNonNull(f)) {
                id = e.get(f).asText();
                break;
            }
        }
        boolean remote = e.path("remote").asBoolean(false) && !forceLocal;
        // No Cloudflare account behind this simulator: a remote binding is simulated locally (warned about at start).
        return new Row("env." + name + (id == null ? "" : " (" + id + ")"), k.label(), "local", remote);
    }

    private static String preview(Object value) {
        String s = value instanceof String str ? "\"" + str + "\"" : dev.workersim.core.config.ConfigLoader.varsJson(Map.of("v", value))
                .replaceFirst("^\\{\"v\":", "").replaceFirst("}$", "");
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static JsonNode at(JsonNode tree, String dotted) {
        JsonNode n = tree;
        for (String p : dotted.split("\\.")) {
            if (n == null) return null;
            n = n.get(p);
        }
        return n;
    }

    /** The table as text: a heading and aligned columns, or a one-line note when there is nothing bound. */
    static String render(List<Row> rows) {
        if (rows.isEmpty()) return "No bindings found.";
        int w1 = "Binding".length();
        int w2 = "Resource".length();
        for (Row r : rows) {
            w1 = Math.max(w1, r.binding().length());
            w2 = Math.max(w2, r.resource().length());
        }
        StringBuilder b = new StringBuilder("Your Worker has access to the following bindings:\n");
        String fmt = "%-" + (w1 + 4) + "s%-" + (w2 + 4) + "s%s%n";
        b.append(String.format(fmt, "Binding", "Resource", "Mode"));
        for (Row r : rows) b.append(String.format(fmt, r.binding(), r.resource(), r.mode()));
        return b.toString().stripTrailing();
    }
}
