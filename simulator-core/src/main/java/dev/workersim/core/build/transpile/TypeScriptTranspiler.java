package dev.workersim.core.build.transpile;

import com.caoccao.javet.swc4j.enums.Swc4jImportsNotUsedAsValues;
import com.caoccao.javet.swc4j.enums.Swc4jMediaType;
import com.caoccao.javet.swc4j.enums.Swc4jModuleKind;
import com.caoccao.javet.swc4j.enums.Swc4jParseMode;
import com.caoccao.javet.swc4j.enums.Swc4jSourceMapOption;
import com.caoccao.javet.swc4j.exceptions.Swc4jCoreException;
import com.caoccao.javet.swc4j.options.Swc4jDecoratorsTranspileOption;
import com.caoccao.javet.swc4j.options.Swc4jJsxRuntimeOption;
import com.caoccao.javet.swc4j.options.Swc4jTranspileOptions;
import com.caoccao.javet.swc4j.outputs.Swc4jTranspileOutput;
import dev.workersim.core.build.SourceMap;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TypeScript and JSX to plain ES module JavaScript, one file at a time, with SWC (swc4j): what a
 * project without a bundler (no node_modules, so no esbuild) runs. Types are stripped as wrangler's
 * esbuild strips them, with no type checking: type-only syntax, {@code satisfies}, {@code enum},
 * parameter properties, {@code import type}, decorators (TypeScript's experimental ones when
 * tsconfig asks, else the standard ones, lowered), JSX by the nearest tsconfig.json. The result
 * keeps a source map so stack traces point at the original lines.
 *
 * <p>Results are cached per file by content and options, so a reload after an edit transpiles
 * only what changed; the cache is shared by every worker in the process.
 */
public final class TypeScriptTranspiler {
    /** Nearest tsconfig.json per file, no overrides: what a project without a config key gets. */
    public static final TypeScriptTranspiler DEFAULT = new TypeScriptTranspiler(null, null, null);

    private final Path tsconfig;       // wrangler's `tsconfig` key: this file for every module (null: nearest)
    private final String jsxFactory;   // wrangler's `jsx_factory` (null: tsconfig's, else React.createElement)
    private final String jsxFragment;  // wrangler's `jsx_fragment`

    /**
     * @param tsconfig    the one tsconfig.json to apply (wrangler's {@code tsconfig} key), or null for the nearest per file
     * @param jsxFactory  wrangler's {@code jsx_factory}, or null
     * @param jsxFragment wrangler's {@code jsx_fragment}, or null
     */
    public TypeScriptTranspiler(Path tsconfig, String jsxFactory, String jsxFragment) {
        this.tsconfig = tsconfig;
        this.jsxFactory = jsxFactory;
        this.jsxFragment = jsxFragment;
    }

    /** The transpiled module: ES module code and its source map (whose one source is the original file). */
    public record Result(String code, SourceMap map, String mapJson) {
    }

    private record Cached(String source, String optionsKey, Result result) {
    }

    private static final Map<Path, Cached> CACHE = new ConcurrentHashMap<>();

    /** True for the files this transpiles: .ts, .mts, .cts, .tsx, .jsx (not .d.ts, which holds types only). */
    public static boolean handles(Path file) {
        Path name = file.getFileName();
        return name != null && mediaType(name.toString()) != null;
    }

    /** Starts loading SWC's native library in the background (a TypeScript module is coming). */
    public static void preload() {
        SwcNative.preload();
    }

    private static Swc4jMediaType mediaType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".d.ts") || n.endsWith(".d.mts") || n.endsWith(".d.cts")) return null;
        if (n.endsWith(".ts")) return Swc4jMediaType.TypeScript;
        if (n.endsWith(".mts")) return Swc4jMediaType.Mts;
        if (n.endsWith(".cts")) return Swc4jMediaType.Cts;
        if (n.endsWith(".tsx")) return Swc4jMediaType.Tsx;
        if (n.endsWith(".jsx")) return Swc4jMediaType.Jsx;
        return null;
    }

    /**
     * {@code source} (the content of {@code file}) as JavaScript.
     *
     * @throws TranspileException on a syntax error (with its file, line and column), a broken
     *         tsconfig.json, or when SWC cannot run on this machine
     */
    public Result transpile(Path file, String source) {
        Path abs = file.toAbsolutePath().normalize();
        Swc4jMediaType media = mediaType(abs.getFileName().toString());
        if (media == null) throw new IllegalArgumentException("not a TypeScript or JSX file: " + file);
        TsConfig config = tsconfig != null ? TsConfig.read(tsconfig) : TsConfig.nearest(abs);
        String key = config.key() + "|" + jsxFactory + "|" + jsxFragment;
        Cached hit = CACHE.get(abs);
        // Content, not modification time, decides: an edit within the clock's granularity is still seen.
        if (hit != null && hit.optionsKey.equals(key) && hit.source.equals(source)) return hit.result;
        Result r = run(abs, media, source, config);
        CACHE.put(abs, new Cached(source, key, r));
        return r;
    }

    private Result run(Path file, Swc4jMediaType media, String source, TsConfig config) {
        Swc4jTranspileOptions o = new Swc4jTranspileOptions();
        o.setSpecifier(url(file))
                .setMediaType(media)
                .setParseMode(Swc4jParseMode.Module)
                .setModuleKind(Swc4jModuleKind.Esm)
                .setSourceMap(Swc4jSourceMapOption.Separate)
                .setInlineSources(false)
                .setKeepComments(false)
                .setVerbatimModuleSyntax(config.verbatimModuleSyntax())
                .setImportsNotUsedAsValues(config.preserveImports()
                        ? Swc4jImportsNotUsedAsValues.Preserve : Swc4jImportsNotUsedAsValues.Remove)
                .setDecorators(config.experimentalDecorators()
                        ? Swc4jDecoratorsTranspileOption.LegacyTypeScript(config.emitDecoratorMetadata())
                        : Swc4jDecoratorsTranspileOption.Ecma());
        if (media == Swc4jMediaType.Tsx || media == Swc4jMediaType.Jsx) o.setJsx(jsx(config));
        Swc4jTranspileOutput out;
        try {
            out = SwcNative.get().transpile(source, o);
        } catch (Swc4jCoreException e) {
            throw syntaxError(file, e.getMessage());
        }
        String mapJson = ownSource(out.getSourceMap(), file);
        try {
            return new Result(out.getCode(), SourceMap.parse(mapJson, file.getParent()), mapJson);
        } catch (IOException e) {
            throw new IllegalStateException("SWC wrote an unreadable source map for " + file, e);
        }
    }

    private Swc4jJsxRuntimeOption jsx(TsConfig config) {
        switch (config.jsx()) {
            case AUTOMATIC:
            case AUTOMATIC_DEV:
                return Swc4jJsxRuntimeOption.Automatic(config.jsx() == TsConfig.Jsx.AUTOMATIC_DEV,
                        config.jsxImportSource() != null ? config.jsxImportSource() : "react");
            case PRESERVE:
                // SWC has no mode that leaves JSX in place; esbuild would, and the Worker would then
                // fail to parse it. Say so instead of guessing another transform.
                throw new TranspileException("tsconfig says \"jsx\": \"preserve\", which leaves JSX that a Worker cannot run;"
                        + " use \"react-jsx\" (with \"jsxImportSource\") or \"react\" (with \"jsxFactory\")",
                        config.file(), 0, 0, null);
            default:
                String factory = jsxFactory != null ? jsxFactory : config.jsxFactory() != null ? config.jsxFactory() : "React.createElement";
                String fragment = jsxFragment != null ? jsxFragment
                        : config.jsxFragmentFactory() != null ? config.jsxFragmentFactory() : "React.Fragment";
                return Swc4jJsxRuntimeOption.Classic(factory, fragment);
        }
    }

    private static URL url(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(file.toString(), e);
        }
    }

    /**
     * The map with its one source named by the file's absolute path: SWC names it by URL
     * (percent-encoded), which would not match the path a stack frame shows. SWC writes the map in
     * one fixed shape, so the one field is replaced in the text (a JSON round trip costs more than
     * the transpile itself on a cold JVM).
     */
    private static String ownSource(String mapJson, Path file) {
        Matcher m = SOURCES.matcher(mapJson);
        if (!m.find()) throw new IllegalStateException("SWC wrote a source map without sources for " + file + ": " + mapJson);
        String quoted = new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(file.toString()));
        return mapJson.substring(0, m.start()) + "\"sources\":[\"" + quoted + "\"]" + mapJson.substring(m.end());
    }

    // "sources": [ one or more JSON strings ]
    private static final Pattern SOURCES = Pattern.compile("\"sources\"\\s*:\\s*\\[\\s*\"(?:[^\"\\\\]|\\\\.)*\"(?:\\s*,\\s*\"(?:[^\"\\\\]|\\\\.)*\")*\\s*\\]");

    // SWC's message: "<what> at file:///path:line:col" then a blank line and the source line marked.
    private static final Pattern AT = Pattern.compile(" at (file:[^\\s]+):(\\d+):(\\d+)\\s*$", Pattern.MULTILINE);

    private static TranspileException syntaxError(Path file, String message) {
        String msg = message == null ? "syntax error" : message.strip();
        Matcher m = AT.matcher(msg);
        if (m.find()) {
            String detail = msg.substring(0, m.start()).strip();
            String excerpt = msg.substring(m.end()).replaceAll("^\\s*\\n", "").stripTrailing();
            return new TranspileException(detail, file, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), excerpt);
        }
        return new TranspileException(msg, file, 0, 0, null);
    }
}
