package dev.workersim.core.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which compatibility flags are on for a worker: a flag is on when its enable name is listed, off
 * when its disable name is, and otherwise on from its default date (spec/config.md section 5).
 * The runtime's JS reads the result as {@code $.compat.<enableName>}.
 */
public record Compatibility(String date, Set<String> flags) {

    /** enable name, disable name (null if none), default-on date (null: opt-in only). */
    private record Flag(String enable, String disable, String since) {
    }

    private static final List<Flag> FLAGS = List.of(
            new Flag("nodejs_compat", "no_nodejs_compat", null),
            new Flag("nodejs_compat_v2", "no_nodejs_compat_v2", "2024-09-23"),
            new Flag("nodejs_compat_populate_process_env", "nodejs_compat_do_not_populate_process_env", "2025-04-01"),
            new Flag("nodejs_als", "no_nodejs_als", null),
            new Flag("disallow_importable_env", null, null),
            new Flag("rpc", "no_rpc", "2024-04-03"),
            new Flag("enable_ctx_exports", "disable_ctx_exports", "2025-11-17"),
            new Flag("global_navigator", "no_global_navigator", "2022-03-21"),
            new Flag("url_standard", "url_original", "2022-10-31"),
            new Flag("cache_option_enabled", "cache_option_disabled", "2024-11-11"),
            new Flag("allow_custom_ports", "ignore_custom_ports", "2024-09-02"),
            new Flag("brotli_content_encoding", "no_brotli_content_encoding", "2024-04-29"),
            new Flag("web_socket_auto_reply_to_close", "web_socket_manual_reply_to_close", "2026-04-07"),
            new Flag("queues_json_messages", "no_queues_json_messages", "2024-03-18"),
            new Flag("durable_object_fetch_requires_full_url", "durable_object_fetch_allows_relative_url", "2021-11-10"),
            new Flag("fetcher_no_get_put_delete", "fetcher_has_get_put_delete", "2024-03-26"),
            new Flag("streams_enable_constructors", "streams_disable_constructors", "2022-11-30"),
            new Flag("formdata_parser_supports_files", "formdata_parser_converts_files_to_strings", "2021-11-03"));

    /** A worker with no compatibility_date and no flags (inline scripts in tests): today's defaults. */
    public static final Compatibility DEFAULT = new Compatibility("2025-09-01", Set.of());

    public Compatibility {
        flags = Set.copyOf(flags);
    }

    public static Compatibility of(String date, List<String> flags) {
        return new Compatibility(date == null ? DEFAULT.date : date, Set.copyOf(flags));
    }

    public boolean enabled(String enableName) {
        for (Flag f : FLAGS) {
            if (!f.enable.equals(enableName)) continue;
            if (f.disable != null && flags.contains(f.disable)) return false;
            if (flags.contains(f.enable)) return true;
            return f.since != null && date.compareTo(f.since) >= 0;
        }
        return flags.contains(enableName);
    }

    /** Every known flag's state, as JSON for the runtime's JS. */
    public String toJson() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (Flag f : FLAGS) states.put(f.enable, enabled(f.enable));
        for (String f : flags) {
            if (f.matches("[A-Za-z0-9_]+")) states.putIfAbsent(f, true); // unknown names: on, as written
        }
        StringBuilder sb = new StringBuilder("{");
        states.forEach((k, v) -> {
            if (sb.length() > 1) sb.append(',');
            sb.append('"').append(k).append("\":").append(v);
        });
        return sb.append('}').toString();
    }
}
