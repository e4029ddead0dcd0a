package dev.workersim.core.build.transpile;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiler options of a tsconfig.json that change what a module transpiles to, as esbuild
 * reads them: the JSX transform, decorators, and which imports are kept. Everything else in
 * tsconfig (type checking, paths, target) does not change a single file's output here.
 *
 * <p>Like esbuild, the file that applies to a module is the nearest {@code tsconfig.json} (or
 * {@code jsconfig.json}) in its folder or a parent. TypeScript's own JSON dialect is accepted:
 * comments and trailing commas; {@code extends} (a path, or an array of them, TS 5.0) is followed,
 * relative to the file or from node_modules.
 */
public record TsConfig(
        Path file,
        Jsx jsx,
        String jsxFactory,
        String jsxFragmentFactory,
        String jsxImportSource,
        boolean experimentalDecorators,
        boolean emitDecoratorMetadata,
        boolean verbatimModuleSyntax,
        boolean preserveImports) {

    /** tsconfig's {@code jsx}, in esbuild's terms. */
    public enum Jsx {
        /** "react" or unset: calls to the factory (React.createElement unless jsxFactory says otherwise). */
        CLASSIC,
        /** "react-jsx": imports from {@code <jsxImportSource>/jsx-runtime}. */
        AUTOMATIC,
        /** "react-jsxdev": as AUTOMATIC, from {@code jsx-dev-runtime} with source positions. */
        AUTOMATIC_DEV,
        /** "preserve" or "react-native": JSX is left in the output, which a Worker then cannot parse (as with esbuild). */
        PRESERVE
    }

    /**
     * What makes two configs transpile alike, as text (a cache key; written out rather than the
     * record's own toString, whose first call costs tens of ms of bootstrap on a cold JVM).
     */
    String key() {
        return file + "|" + jsx.name() + "|" + jsxFactory + "|" + jsxFragmentFactory + "|" + jsxImportSource + "|"
                + experimentalDecorators + emitDecoratorMetadata + verbatimModuleSyntax + preserveImports;
    }

    /** No tsconfig.json: esbuild's defaults. */
    public static final TsConfig NONE = new TsConfig(null, Jsx.CLASSIC, null, null, null, false, false, false, false);

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    // Parsed files by path, each with the modification times of every file it was read from (itself
    // and what it extends), so an edit anywhere in the chain is seen at the next reload.
    private record Parsed(TsConfig config, Map<Path, Long> stamps) {
    }

    private static final Map<Path, Parsed> CACHE = new ConcurrentHashMap<>();

    /** The tsconfig that applies to {@code sourceFile}: the nearest one walking up, or {@link #NONE}. */
    public static TsConfig nearest(Path sourceFile) {
        for (Path dir = sourceFile.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            for (String name : new String[] {"tsconfig.json", "jsconfig.json"}) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) return read(candidate);
            }
        }
        return NONE;
    }

    /** The options of one tsconfig file (wrangler's {@code tsconfig} key names one explicitly). */
    public static TsConfig read(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Parsed cached = CACHE.get(abs);
        if (cached != null && fresh(cached.stamps)) return cached.config;
        Map<Path, Long> stamps = new java.util.HashMap<>();
        ObjectNode options = compilerOptions(abs, stamps, new LinkedHashSet<>());
        TsConfig config = fromOptions(abs, options);
        CACHE.put(abs, new Parsed(config, stamps));
        return config;
    }

    private static boolean fresh(Map<Path, Long> stamps) {
        for (Map.Entry<Path, Long> e : stamps.entrySet()) {
            if (modified(e.getKey()) != e.getValue()) return false;
        }
        return true;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() ^ (Files.size(p) << 40);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The merged compilerOptions of {@code file} and its bases (a base first, then what overrides it). */
    private static ObjectNode compilerOptions(Path file, Map<Path, Long> stamps, Set<Path> chain) {
        if (!chain.add(file)) {
            throw new TranspileException("tsconfig \"extends\" loops back to this file", file, 0, 0, null);
        }
        stamps.put(file, modified(file));
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new TranspileException("cannot parse tsconfig: " + e.getOriginalMessage(), file,
                    loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), null);
        } catch (IOException e) {
            throw new TranspileException("cannot read tsconfig: " + e.getMessage(), file, 0, 0, null);
        }
        ObjectNode merged = JSON.createObjectNode();
        if (root != null && root.isObject()) {
            JsonNode ext = root.get("extends");
            List<String> bases = new ArrayList<>();
            if (ext != null && ext.isTextual()) bases.add(ext.asText());
            if (ext != null && ext.isArray()) ext.forEach(e -> bases.add(e.asText()));
            for (String base : bases) {
                Path basePath = resolveExtends(file, base);
                if (basePath == null) {
                    // As esbuild: a base that cannot be found is reported, not ignored.
                    throw new TranspileException("cannot find the tsconfig \"" + base + "\" that this file extends", file, 0, 0, null);
                }
                merged.setAll(compilerOptions(basePath, stamps, new LinkedHashSet<>(chain)));
            }
            JsonNode own = root.get("compilerOptions");
            if (own != null && own.isObject()) merged.setAll((ObjectNode) own);
        }
        return merged;
    }

    /** An {@code extends} value: a relative or absolute path (".json" optional), or a package in node_modules. */
    private static Path resolveExtends(Path from, String spec) {
        Path dir = from.getParent();
        if (spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("/") || Path.of(spec).isAbsolute()) {
            return existing(dir.resolve(spec).normalize());
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            Path nm = d.resolve("node_modules");
            if (!Files.isDirectory(nm)) continue;
            Path found = existing(nm.resolve(spec).normalize());
            if (found == null) found = existing(nm.resolve(spec).resolve("tsconfig.json"));
            if (found != null) return found;
        }
        return null;
    }

    private static Path existing(Path p) {
        if (Files.isRegularFile(p)) return p;
        Path json = p.resolveSibling(p.getFileName() + ".json");
        return Files.isRegularFile(json) ? json : null;
    }

    private static TsConfig fromOptions(Path file, ObjectNode o) {
        Jsx jsx = switch (text(o, "jsx", "react").toLowerCase(java.util.Locale.ROOT)) {
            case "react-jsx" -> Jsx.AUTOMATIC;
            case "react-jsxdev" -> Jsx.AUTOMATIC_DEV;
            case "preserve", "react-native" -> Jsx.PRESERVE;
            default -> Jsx.CLASSIC;
        };
        String notUsed = text(o, "importsNotUsedAsValues", "remove").toLowerCase(java.util.Locale.ROOT);
        return new TsConfig(file, jsx,
                text(o, "jsxFactory", null),
                text(o, "jsxFragmentFactory", null),
                text(o, "jsxImportSource", null),
                o.path("experimentalDecorators").asBoolean(false),
                o.path("emitDecoratorMetadata").asBoolean(false),
                o.path("verbatimModuleSyntax").asBoolean(false),
                // TypeScript's older ways of keeping imports whose bindings look unused
                o.path("preserveValueImports").asBoolean(false) || notUsed.equals("preserve") || notUsed.equals("error"));
    }

    private static String text(ObjectNode o, String key, String fallback) {
        JsonNode v = o.get(key);
        return v != null && v.isTextual() ? v.asText() : fallback;
    }
}
