package dev.workersim.core.assets;

import dev.workersim.core.assets.AssetsConfig.HtmlHandling;
import dev.workersim.core.assets.AssetsConfig.NotFound;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Workers static assets as workerd's asset worker serves them (recorded in conformance/assets):
 * which requests the assets answer before the worker runs ({@link #beforeWorker}), and what the
 * ASSETS binding answers ({@link #fetch}). Only the pathname matters; the host is ignored.
 */
public final class AssetRouter {
    static final String CACHE_CONTROL = "public, max-age=0, must-revalidate";

    private final AssetsConfig config;
    private final AssetStore store;
    private final boolean navigationPrefersAssets;

    /**
     * @param navigationPrefersAssets the compat flag assets_navigation_prefers_asset_serving: a
     *     request with {@code Sec-Fetch-Mode: navigate} gets the not_found_handling fallback
     *     instead of the worker
     */
    public AssetRouter(AssetsConfig config, boolean navigationPrefersAssets) {
        this.config = config;
        this.store = new AssetStore(config.directory());
        this.navigationPrefersAssets = navigationPrefersAssets;
    }

    public AssetsConfig config() {
        return config;
    }

    /** What the assets answer instead of the worker, or null: the worker runs. */
    public AssetResponse beforeWorker(String method, String url, List<String[]> headers, boolean hasWorker) {
        if (!hasWorker) return fetch(method, url, headers);
        if (config.workerFirstAlways()) return null;
        String raw = AssetPaths.rawPathname(url);
        String pathname = AssetPaths.decode(raw);
        Intent intent;
        if (config.workerFirstRules() != null) {
            // With route rules, a path they do not send to the worker is the assets' in full, fallback included.
            if (config.workerFirstRules().workerFirst(pathname)) return null;
            intent = resolve(pathname, config.notFound());
        } else {
            boolean navigation = navigationPrefersAssets && "navigate".equalsIgnoreCase(header(headers, "sec-fetch-mode"));
            intent = resolve(pathname, navigation ? config.notFound() : NotFound.NONE);
        }
        return intent == null ? null : respond(method, raw, AssetPaths.search(url), headers, intent);
    }

    /** {@code env.ASSETS.fetch(...)}: html_handling and not_found_handling applied; 404 when nothing matches. */
    public AssetResponse fetch(String method, String url, List<String[]> headers) {
        String raw = AssetPaths.rawPathname(url);
        Intent intent = resolve(AssetPaths.decode(raw), config.notFound());
        if (intent == null) return AssetResponse.empty(404); // whatever the method (recorded)
        return respond(method, raw, AssetPaths.search(url), headers, intent);
    }

    /**
     * Where a decoded pathname leads: a file to serve with 200 (or 404 for a 404 page), or a
     * redirect to the file's canonical pathname. {@code canonical} is null for a fallback, which is
     * served at whatever path asked for it.
     */
    record Intent(Path file, int status, String canonical) {
    }

    private Intent resolve(String pathname, NotFound notFound) {
        Intent direct = config.html() == HtmlHandling.NONE ? exact(pathname) : html(pathname);
        if (direct != null) return direct;
        switch (notFound) {
            case SINGLE_PAGE_APPLICATION -> {
                Path index = store.find("/index.html");
                return index == null ? null : new Intent(index, 200, null);
            }
            case PAGE_404 -> {
                // the nearest 404.html: this folder's, then each parent's up to the root
                String dir = pathname.substring(0, pathname.lastIndexOf('/'));
                while (true) {
                    Path page = store.find(dir + "/404.html");
                    if (page != null) return new Intent(page, 404, null);
                    if (dir.isEmpty()) return null;
                    dir = dir.substring(0, dir.lastIndexOf('/'));
                }
            }
            default -> {
                return null;
            }
        }
    }

    private Intent exact(String pathname) {
        Path f = store.find(pathname);
        return f == null ? null : new Intent(f, 200, pathname);
    }

    /** The .html a pathname may stand for (/about: about.html or about/index.html), with its canonical URL. */
    private Intent html(String pathname) {
        if (!pathname.endsWith("/") && !pathname.endsWith(".html")) {
            Intent file = exact(pathname);
            if (file != null) return file;
        }
        for (String candidate : htmlCandidates(pathname)) {
            Path f = store.find(candidate);
            if (f != null) return new Intent(f, 200, canonical(candidate));
        }
        return null;
    }

    private static List<String> htmlCandidates(String p) {
        List<String> out = new ArrayList<>();
        if (p.endsWith("/")) {
            out.add(p + "index.html");
            if (p.length() > 1) out.add(p.substring(0, p.length() - 1) + ".html");
        } else if (p.endsWith("/index.html")) {
            out.add(p);
            if (p.length() > "/index.html".length()) out.add(p.substring(0, p.length() - "/index.html".length()) + ".html");
        } else if (p.endsWith("/index")) {
            out.add(p + ".html");
            if (p.length() > "/index".length()) out.add(p.substring(0, p.length() - "/index".length()) + ".html");
        } else if (p.endsWith(".html")) {
            out.add(p);
            out.add(p.substring(0, p.length() - ".html".length()) + "/index.html");
        } else {
            out.add(p + ".html");
            out.add(p + "/index.html");
        }
        return out;
    }

    /** The pathname an .html file is served at under this html_handling. */
    private String canonical(String file) {
        if (file.endsWith("/index.html")) {
            String folder = file.substring(0, file.length() - "index.html".length()); // keeps its "/"
            return config.html() == HtmlHandling.DROP_TRAILING_SLASH && folder.length() > 1
                    ? folder.substring(0, folder.length() - 1) : folder;
        }
        String stem = file.substring(0, file.length() - ".html".length());
        return config.html() == HtmlHandling.FORCE_TRAILING_SLASH ? stem + "/" : stem;
    }

    private AssetResponse respond(String method, String rawPathname, String search, List<String[]> headers, Intent intent) {
        if (!isRead(method)) return AssetResponse.empty(405);
        if (intent.canonical() != null) {
            String location = AssetPaths.encode(intent.canonical());
            if (!location.equals(rawPathname)) return AssetResponse.redirect(location + search);
        }
        try {
            String etag = store.etag(intent.file());
            List<String[]> out = new ArrayList<>();
            String type = ContentTypes.of(intent.file().getFileName().toString());
            if (type != null) out.add(new String[] {"content-type", type});
            out.add(new String[] {"etag", etag});
            out.add(new String[] {"cache-control", CACHE_CONTROL});
            out.add(new String[] {"cf-cache-status", "HIT"});
            if (intent.status() == 200 && matches(header(headers, "if-none-match"), etag)) {
                return new AssetResponse(304, out, null, false);
            }
            boolean head = method.equalsIgnoreCase("HEAD");
            // workerd streams HTML (no Content-Length) and gives other files their length.
            boolean streamed = head || (type != null && type.startsWith("text/html"));
            return new AssetResponse(intent.status(), out, head ? null : intent.file(), streamed);
        } catch (IOException e) {
            return AssetResponse.empty(404); // removed between the lookup and the read
        }
    }

    private static boolean isRead(String method) {
        return method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
    }

    /**
     * If-None-Match: a list of entity tags, weak or strong (a weak comparison, as for GET). `*` is
     * not a match: wrangler dev answers it with the file (recorded, conformance/projects).
     */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.equals(etag)) return true;
        }
        return false;
    }

    private static String header(List<String[]> headers, String name) {
        for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) return h[1];
        return null;
    }
}
