package dev.workersim.core.assets;

import java.util.Map;

/**
 * The Content-Type of an asset by its extension, as workerd's asset worker gives it (recorded in
 * conformance/assets): text types carry "; charset=utf-8", others none; an unknown extension gets
 * no Content-Type at all.
 */
final class ContentTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("shtml", "text/html"),
            Map.entry("css", "text/css"), Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"),
            Map.entry("cjs", "application/node"), Map.entry("txt", "text/plain"), Map.entry("text", "text/plain"),
            Map.entry("md", "text/markdown"), Map.entry("markdown", "text/markdown"), Map.entry("csv", "text/csv"),
            Map.entry("xml", "application/xml"), Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("jsonld", "application/ld+json"),
            Map.entry("yaml", "text/yaml"), Map.entry("yml", "text/yaml"), Map.entry("ics", "text/calendar"),
            Map.entry("rss", "application/rss+xml"), Map.entry("atom", "application/atom+xml"),
            Map.entry("xhtml", "application/xhtml+xml"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"), Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"), Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("wasm", "application/wasm"), Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("tar", "application/x-tar"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("ogv", "video/ogg"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"),
            Map.entry("m4a", "audio/mp4"), Map.entry("flac", "audio/flac"), Map.entry("bin", "application/octet-stream"));

    private ContentTypes() {
    }

    /** e.g. "text/css; charset=utf-8" for "a.css"; null when the extension is unknown or absent. */
    static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) return null;
        String type = BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
        if (type == null) return null;
        return type.startsWith("text/") ? type + "; charset=utf-8" : type;
    }
}
