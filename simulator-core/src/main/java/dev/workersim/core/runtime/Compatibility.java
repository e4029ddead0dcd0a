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

    // Every flag of the compatibility-flags page (seeds/pages/081), newest first; opt-in flags have no date.
    private static final List<Flag> FLAGS = List.of(
            new Flag("enable_ctx_exports", "disable_ctx_exports", "2025-11-17"),
            new Flag("web_socket_auto_reply_to_close", "web_socket_manual_reply_to_close", "2026-04-07"),
            new Flag("delete_all_deletes_alarm", "delete_all_preserves_alarm", "2026-02-24"),
            new Flag("rpc_params_dup_stubs", "rpc_params_transfer_stubs", "2026-01-20"),
            new Flag("containers_pid_namespace", "no_containers_pid_namespace", "2026-04-01"),
            new Flag("enable_nodejs_process_v2", "disable_nodejs_process_v2", "2025-09-15"),
            new Flag("enable_nodejs_http_server_modules", "disable_nodejs_http_server_modules", "2025-09-01"),
            new Flag("enable_nodejs_http_modules", "disable_nodejs_http_modules", "2025-08-15"),
            new Flag("expose_global_message_channel", "no_expose_global_message_channel", "2025-08-15"),
            new Flag("cache_no_cache_enabled", "cache_no_cache_disabled", "2025-08-07"),
            new Flag("set_event_target_this", "no_set_event_target_this", "2025-08-01"),
            new Flag("bind_asynclocalstorage_snapshot_to_request", "do_not_bind_asynclocalstorage_snapshot_to_request", "2025-06-16"),
            new Flag("throw_on_unrecognized_import_assertion", "ignore_unrecognized_import_assertion", "2025-06-16"),
            new Flag("allow_eval_during_startup", "disallow_eval_during_startup", "2025-06-01"),
            new Flag("enable_navigator_language", "disable_navigator_language", "2025-05-19"),
            new Flag("enable_weak_ref", "disable_weak_ref", "2025-05-05"),
            new Flag("assets_navigation_prefers_asset_serving", "assets_navigation_has_no_effect", "2025-04-01"),
            new Flag("nodejs_compat_populate_process_env", "nodejs_compat_do_not_populate_process_env", "2025-04-01"),
            new Flag("request_cf_overrides_cache_rules", "no_request_cf_overrides_cache_rules", "2025-04-02"),
            new Flag("disable_top_level_await_in_require", "enable_top_level_await_in_require", "2024-12-02"),
            new Flag("cache_option_enabled", "cache_option_disabled", "2024-11-11"),
            new Flag("upper_case_all_http_methods", "no_upper_case_all_http_methods", "2024-10-14"),
            new Flag("set_tostring_tag", "do_not_set_tostring_tag", "2024-09-26"),
            new Flag("nodejs_compat_v2", "no_nodejs_compat_v2", "2024-09-23"),
            new Flag("allow_custom_ports", "ignore_custom_ports", "2024-09-02"),
            new Flag("blob_standard_mime_type", "blob_legacy_mime_type", "2024-06-03"),
            new Flag("fetch_standard_url", "fetch_legacy_url", "2024-06-03"),
            new Flag("internal_stream_byob_return_view", "internal_stream_byob_return_undefined", "2024-05-13"),
            new Flag("brotli_content_encoding", "no_brotli_content_encoding", "2024-04-29"),
            new Flag("rpc", "no_rpc", "2024-04-03"),
            new Flag("unwrap_custom_thenables", "no_unwrap_custom_thenables", "2024-04-01"),
            new Flag("fetcher_no_get_put_delete", "fetcher_has_get_put_delete", "2024-03-26"),
            new Flag("queues_json_messages", "no_queues_json_messages", "2024-03-18"),
            new Flag("no_global_importscripts", "global_importscripts", "2024-03-04"),
            new Flag("crypto_preserve_public_exponent", "no_crypto_preserve_public_exponent", "2023-12-01"),
            new Flag("web_socket_compression", "no_web_socket_compression", "2023-08-15"),
            new Flag("strict_crypto_checks", "no_strict_crypto_checks", "2023-08-01"),
            new Flag("strict_compression_checks", "no_strict_compression_checks", "2023-08-01"),
            new Flag("no_cf_botmanagement_default", "cf_botmanagement_default", "2023-08-01"),
            new Flag("urlsearchparams_delete_has_value_arg", "no_urlsearchparams_delete_has_value_arg", "2023-07-01"),
            new Flag("response_redirect_url_standard", "response_redirect_url_original", "2023-03-14"),
            new Flag("dynamic_dispatch_tunnel_exceptions", "dynamic_dispatch_treat_exceptions_as_500", "2023-03-01"),
            new Flag("http_headers_getsetcookie", "no_http_headers_getsetcookie", "2023-03-01"),
            new Flag("streams_enable_constructors", "streams_disable_constructors", "2022-11-30"),
            new Flag("transformstream_enable_standard_constructor", "transformstream_disable_standard_constructor", "2022-11-30"),
            new Flag("export_commonjs_default", "export_commonjs_namespace", "2022-10-31"),
            new Flag("capture_async_api_throws", "do_not_capture_async_api_throws", "2022-10-31"),
            new Flag("url_standard", "url_original", "2022-10-31"),
            new Flag("r2_list_honor_include", null, "2022-08-04"),
            new Flag("dont_substitute_null_on_type_error", "substitute_null_on_type_error", "2022-06-01"),
            new Flag("minimal_subrequests", "no_minimal_subrequests", "2022-04-05"),
            new Flag("global_navigator", "no_global_navigator", "2022-03-21"),
            new Flag("no_cots_on_external_fetch", "cots_on_external_fetch", "2022-03-08"),
            new Flag("workers_api_getters_setters_on_prototype", "workers_api_getters_setters_on_instance", "2022-01-31"),
            new Flag("durable_object_fetch_requires_full_url", "durable_object_fetch_allows_relative_url", "2021-11-10"),
            new Flag("fetch_refuses_unknown_protocols", "fetch_treats_unknown_protocols_as_http", "2021-11-10"),
            new Flag("streams_byob_reader_detaches_buffer", "streams_byob_reader_does_not_detach_buffer", "2021-11-10"),
            new Flag("formdata_parser_supports_files", "formdata_parser_converts_files_to_strings", "2021-11-03"),
            new Flag("nodejs_compat", "no_nodejs_compat", null),
            new Flag("nodejs_als", "no_nodejs_als", null),
            new Flag("disallow_importable_env", "allow_importable_env", null),
            new Flag("enable_request_signal", "disable_request_signal", null),
            new Flag("request_signal_passthrough", "no_request_signal_passthrough", null),
            new Flag("global_fetch_strictly_public", "global_fetch_private_origin", null),
            new Flag("queue_consumer_no_wait_for_wait_until", null, null),
            new Flag("enable_workers_observability_tracing", null, null),
            new Flag("pedantic_wpt", "non_pedantic_wpt", null),
            new Flag("html_rewriter_treats_esi_include_as_void_tag", null, null));

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
