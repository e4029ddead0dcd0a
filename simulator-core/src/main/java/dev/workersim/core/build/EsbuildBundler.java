package dev.workersim.core.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.runtime.NodeBuiltins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Bundles a worker with esbuild's binary, with the options wrangler gives esbuild (its
 * deployment-bundle step, read from wrangler 4.168): ES2024, JSX in .js files, the
 * workerd/worker/browser conditions, {@code process.env.NODE_ENV} defined, names kept, a linked
 * source map. Wrangler's esbuild plugins have no CLI form; their effects are had another way:
 * `cloudflare:*` and `node:*` stay runtime modules (external), non-JS module rules (Text, Data,
 * CompiledWasm) are external files copied beside the bundle and served by the runtime's module
 * rules, and a `require()` of a Node builtin inside bundled CommonJS gets a module-scope
 * {@code require} that returns the runtime's module.
 */
public final class EsbuildBundler {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Non-JS rule types wrangler gives these extensions by default (see runtime/ModuleRules).
    private static final List<String> RULE_EXTERNALS = List.of("*.txt", "*.html", "*.sql", "*.bin", "*.wasm");

    private final Path esbuild;

    public EsbuildBundler(Path esbuild) {
        this.esbuild = esbuild;
    }

    public Path binary() {
        return esbuild;
    }

    /** Bundles {@code s.entry()} into {@code outDir} (made if needed); throws {@link BuildFailure}. */
    public Bundle bundle(BuildSettings s, boolean module, Path outDir) {
        Path projectDir = s.projectDir();
        Path entryDir = s.entry().getParent();
        Path bundleDir = outDir.resolve("bundle");
        if (entryDir.startsWith(projectDir)) bundleDir = bundleDir.resolve(projectDir.relativize(entryDir).toString());
        String name = stem(s.entry().getFileName().toString());
        Path meta = outDir.resolve("meta.json");
        List<String> args = arguments(s, module, bundleDir, name, meta);
        Output first = run(args, projectDir);
        JsonNode metafile = readMeta(meta);
        Set<String> requiredBuiltins = requiredBuiltins(metafile);
        if (!requiredBuiltins.isEmpty() && module) {
            // esbuild's __require calls a module-scope `require` when one exists: give it one over imports.
            args.add("--banner:js=" + requireShim(requiredBuiltins));
            first = run(args, projectDir);
            metafile = readMeta(meta);
        }
        Set<Path> inputs = new TreeSet<>();
        metafile.path("inputs").fieldNames().forEachRemaining(in -> {
            if (!in.contains(":")) inputs.add(projectDir.resolve(in).normalize());
        });
        copyExternalFiles(metafile, projectDir, bundleDir, outDir);
        Path file = bundleDir.resolve(name + ".js");
        return new Bundle(file, bundleDir.resolve(name + ".js.map"), outDir, module, inputs, first.warnings);
    }

    private static List<String> arguments(BuildSettings s, boolean module, Path bundleDir, String name, Path meta) {
        List<String> a = new ArrayList<>();
        a.add(s.entry().toString());
        a.add("--bundle");
        a.add("--format=" + (module ? "esm" : "iife"));
        a.add("--target=es2024");
        a.add("--supported:import-source=true");
        a.add("--supported:using=true");
        for (String ext : List.of(".js", ".mjs", ".cjs")) a.add("--loader:" + ext + "=jsx");
        a.add("--conditions=" + String.join(",", s.conditions()));
        if (s.platform() != null) a.add("--platform=" + s.platform());
        a.add("--outdir=" + bundleDir);
        a.add("--entry-names=" + name);
        a.add("--sourcemap");
        a.add("--metafile=" + meta);
        if (s.keepNames()) a.add("--keep-names");
        if (s.minify()) a.add("--minify");
        a.add("--log-level=warning");
        a.add("--color=false");
        String nodeEnv = quote(s.nodeEnv());
        for (String k : List.of("process.env.NODE_ENV", "global.process.env.NODE_ENV", "globalThis.process.env.NODE_ENV")) {
            a.add("--define:" + k + "=" + nodeEnv);
        }
        s.define().forEach((k, v) -> a.add("--define:" + k + "=" + v));
        s.alias().forEach((k, v) -> a.add("--alias:" + k + "=" + v));
        if (s.tsconfig() != null) a.add("--tsconfig=" + s.tsconfig());
        if (s.jsxFactory() != null) a.add("--jsx-factory=" + s.jsxFactory());
        if (s.jsxFragment() != null) a.add("--jsx-fragment=" + s.jsxFragment());
        a.add("--external:__STATIC_CONTENT_MANIFEST");
        a.add("--external:cloudflare:*");
        a.add("--external:workerd:*");
        a.add("--external:node:*");
        if (s.nodeCompat() == BuildSettings.NodeCompat.V2) {
            for (String builtin : NodeBuiltins.NAMES) a.add("--external:" + builtin);
        }
        Set<String> ruleExternals = new LinkedHashSet<>(RULE_EXTERNALS);
        for (String glob : s.ruleGlobs()) {
            int star = glob.lastIndexOf("*.");
            if (star >= 0 && glob.indexOf('/', star) < 0) ruleExternals.add(glob.substring(star));
        }
        for (String ext : ruleExternals) a.add("--external:" + ext);
        return a;
    }

    private record Output(List<String> warnings) {
    }

    private Output run(List<String> args, Path cwd) {
        List<String> cmd = new ArrayList<>();
        cmd.add(esbuild.toString());
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BuildFailure("cannot run esbuild (" + esbuild + "): " + e.getMessage(), null, 0, 0, null);
        }
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BuildFailure("esbuild did not finish within 120 s", null, 0, 0, null);
            }
        } catch (IOException | InterruptedException e) {
            p.destroyForcibly();
            throw new BuildFailure("esbuild was interrupted: " + e.getMessage(), null, 0, 0, null);
        }
        EsbuildMessages messages = EsbuildMessages.parse(out);
        if (p.exitValue() != 0) throw messages.failure(cwd);
        return new Output(messages.warnings());
    }

    private static JsonNode readMeta(Path meta) {
        try {
            return JSON.readTree(meta.toFile());
        } catch (IOException e) {
            throw new BuildFailure("esbuild wrote no readable metafile: " + e.getMessage(), null, 0, 0, null);
        }
    }

    /** Node builtins that bundled code loads with require() (left external by esbuild). */
    private static Set<String> requiredBuiltins(JsonNode metafile) {
        Set<String> out = new TreeSet<>();
        metafile.path("inputs").forEach(in -> in.path("imports").forEach(imp -> {
            if (!imp.path("external").asBoolean(false) || !"require-call".equals(imp.path("kind").asText())) return;
            String path = imp.path("path").asText();
            String bare = path.startsWith("node:") ? path.substring(5) : path;
            if (NodeBuiltins.NAMES.contains(bare)) out.add(path);
        }));
        return out;
    }

    // One line, so that the source map's lines stay right (esbuild shifts them for a banner anyway).
    private static String requireShim(Set<String> specifiers) {
        StringBuilder imports = new StringBuilder();
        StringBuilder table = new StringBuilder();
        int i = 0;
        for (String spec : specifiers) {
            String id = "__sim_node_" + i++;
            imports.append("import * as ").append(id).append(" from ").append(quote(spec)).append(";");
            table.append(quote(spec)).append(":").append(id).append(",");
        }
        return imports + "const __sim_node_modules={" + table + "};"
                + "const require=(n)=>{const m=__sim_node_modules[n]??__sim_node_modules[\"node:\"+n]??__sim_node_modules[n.replace(/^node:/,\"\")];"
                + "if(m===undefined)throw new Error(`Dynamic require of \"${n}\" is not supported`);return m.default??m;};";
    }

    /**
     * Non-JS modules the bundle imports by relative path are copied to where the bundle will ask
     * for them, inside {@code outDir}: the worker can then read nothing but its own modules.
     */
    private static void copyExternalFiles(JsonNode metafile, Path projectDir, Path bundleDir, Path outDir) {
        metafile.path("inputs").fields().forEachRemaining(e -> {
            Path importer = projectDir.resolve(e.getKey()).normalize();
            for (JsonNode imp : e.getValue().path("imports")) {
                String spec = imp.path("path").asText();
                if (!imp.path("external").asBoolean(false) || !(spec.startsWith("./") || spec.startsWith("../"))) continue;
                Path source = importer.getParent().resolve(spec).normalize();
                Path target = bundleDir.resolve(spec).normalize();
                if (!target.startsWith(outDir)) {
                    throw new BuildFailure("the module \"" + spec + "\" imported by " + SourceMaps.display(importer.toString())
                            + " lies outside the folders the worker is built from", SourceMaps.display(importer.toString()), 1, 1, null);
                }
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ex) {
                    throw new BuildFailure("Could not read \"" + spec + "\" (imported by " + SourceMaps.display(importer.toString())
                            + "): " + ex.getMessage(), SourceMaps.display(importer.toString()), 1, 1, null);
                }
            }
        });
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** esbuild's version, for the banner line. */
    public String version() {
        try {
            Process p = new ProcessBuilder(esbuild.toString(), "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return v;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    static Map<String, String> environment() {
        return System.getenv();
    }
}
