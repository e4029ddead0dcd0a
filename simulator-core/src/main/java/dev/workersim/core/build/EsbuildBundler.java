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
 * {@code require} that returns the runtime's module. With {@code find_additional_modules} the
 * modules found by the rules stay out of the bundle and are laid out beside it by name
 * ({@link AdditionalModules}).
 *
 * <p>esbuild runs as a long-lived service ({@link EsbuildService}), as under wrangler dev: each
 * distinct set of arguments (a pass of {@link #bundle}) has a build context, and the next build
 * with the same arguments is that context's incremental rebuild. Arguments that changed (an edit
 * of the config) get a new context, and the contexts the last build did not use are disposed. The
 * CLI (one process per pass) is the fallback when the service fails, and the only path with
 * {@code WORKERSIM_ESBUILD_SERVICE=0}.
 */
public final class EsbuildBundler implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Non-JS rule types wrangler gives these extensions by default (see runtime/ModuleRules).
    private static final List<String> RULE_EXTERNALS = List.of("*.txt", "*.html", "*.sql", "*.bin", "*.wasm");

    // After this many service failures in a row the bundler keeps to the CLI: a service that
    // cannot start would otherwise cost a failed start on every build.
    private static final int MAX_SERVICE_FAILURES = 3;

    private final Path esbuild;
    private final EsbuildService service;
    private final Map<ContextKey, EsbuildService.Context> contexts = new java.util.HashMap<>();
    private final Set<ContextKey> used = new java.util.HashSet<>();
    private int serviceFailures;

    private record ContextKey(List<String> args, Path cwd) {
    }

    /** A bundler that runs esbuild as a service (see the class comment). */
    public EsbuildBundler(Path esbuild) {
        this(esbuild, true);
    }

    /** {@code useService} false: one CLI process per pass, as before the service (for comparison). */
    public EsbuildBundler(Path esbuild, boolean useService) {
        this.esbuild = esbuild;
        this.service = useService ? new EsbuildService(esbuild) : null;
    }

    /** The service's current process id, or -1 (for tests). */
    long serviceProcessId() {
        return service == null ? -1 : service.pid();
    }

    /** The service's count of esbuild processes started (0 without the service). */
    int serviceProcessesStarted() {
        return service == null ? 0 : service.processesStarted();
    }

    public Path binary() {
        return esbuild;
    }

    /** Bundles {@code s.entry()} into {@code outDir} (made if needed); throws {@link BuildFailure}. */
    public synchronized Bundle bundle(BuildSettings s, boolean module, Path outDir) {
        used.clear();
        Bundle b = bundlePasses(s, module, outDir);
        // Only now: a failed build keeps every context warm for the fix that follows.
        disposeUnused();
        return b;
    }

    private Bundle bundlePasses(BuildSettings s, boolean module, Path outDir) {
        Path projectDir = s.projectDir();
        Path entryDir = s.entry().getParent();
        Path bundleDir = outDir.resolve("bundle");
        List<String> notes = new ArrayList<>(s.rules().warnings());
        // find_additional_modules: the bundle at the top of the module root's name space, the modules
        // found under it beside it by name, left out of the bundle (see AdditionalModules).
        boolean find = Boolean.TRUE.equals(s.findAdditionalModules());
        List<AdditionalModules.Module> found = List.of();
        if (find) {
            found = AdditionalModules.find(s.moduleRoot(), s.entry(), projectDir, s.rules(), notes);
            AdditionalModules.clean(bundleDir);
        } else if (entryDir.startsWith(projectDir)) {
            bundleDir = bundleDir.resolve(projectDir.relativize(entryDir).toString());
        }
        Path root = find ? bundleDir : outDir;
        String name = stem(s.entry().getFileName().toString());
        Path meta = outDir.resolve("meta.json");
        Map<String, String> alias = resolveAliases(s.alias(), projectDir);
        List<String> args = arguments(s, alias, module, bundleDir, name, meta);
        args.addAll(AdditionalModules.externals(found));
        Output first = run(args, projectDir);
        JsonNode metafile = readMeta(meta);
        List<String> exports = entryExports(metafile);
        if (module && exports != null && exports.isEmpty()) {
            // wrangler's guessWorkerFormat: an entry that exports nothing is a service worker, even
            // when it imports (`import { Router } from "itty-router"; addEventListener("fetch", ...)`).
            module = false;
            if (!find) {
                args = arguments(s, alias, false, bundleDir, name, meta);
                first = run(args, projectDir);
                metafile = readMeta(meta);
            }
        }
        if (find && !module) {
            throw new BuildFailure("`find_additional_modules` can only be used with an ES module entrypoint.\n"
                    + "Remove `find_additional_modules = true` from your configuration, or migrate to the ES module Worker format: "
                    + "https://developers.cloudflare.com/workers/learning/migrate-to-module-workers/", null, 0, 0, null);
        }
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
        Set<Path> foundFiles = new java.util.HashSet<>();
        for (AdditionalModules.Module m : found) foundFiles.add(m.file().toAbsolutePath().normalize());
        AdditionalModules.write(found, bundleDir);
        inputs.addAll(foundFiles);
        copyExternalFiles(metafile, projectDir, bundleDir, root, foundFiles);
        Path file = bundleDir.resolve(name + ".js");
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(first.warnings);
        warnings.addAll(nodeImportWarnings(metafile, s.nodeCompat()));
        return new Bundle(file, bundleDir.resolve(name + ".js.map"), root, module, inputs, warnings);
    }

    /**
     * wrangler's nodejs_compat-imports plugin: without nodejs_compat (or with nodejs_als) a
     * `node:*` import stays external, with a warning per module that workerd will refuse it at
     * run time (as it does: `No such module "node:buffer"`). nodejs_als serves node:async_hooks.
     */
    private static List<String> nodeImportWarnings(JsonNode metafile, BuildSettings.NodeCompat mode) {
        if (mode != BuildSettings.NodeCompat.NONE && mode != BuildSettings.NodeCompat.ALS) return List.of();
        Map<String, Set<String>> importers = new java.util.TreeMap<>();
        metafile.path("inputs").fields().forEachRemaining(e -> e.getValue().path("imports").forEach(imp -> {
            String path = imp.path("path").asText();
            if (!imp.path("external").asBoolean(false) || !path.startsWith("node:")) return;
            if (mode == BuildSettings.NodeCompat.ALS && path.equals("node:async_hooks")) return;
            importers.computeIfAbsent(path, k -> new TreeSet<>()).add(e.getKey());
        }));
        List<String> out = new ArrayList<>();
        importers.forEach((path, from) -> {
            StringBuilder w = new StringBuilder("▲ [WARNING] The package \"").append(path)
                    .append("\" wasn't found on the file system but is built into node.\n\n")
                    .append("  Your Worker may throw errors at runtime unless you enable the \"nodejs_compat\" compatibility flag. ")
                    .append("Refer to https://developers.cloudflare.com/workers/runtime-apis/nodejs/ for more details. Imported from:");
            for (String f : from) w.append("\n   - ").append(f);
            out.add(w.toString());
        });
        return out;
    }

    private static List<String> arguments(BuildSettings s, Map<String, String> alias, boolean module, Path bundleDir, String name, Path meta) {
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
        alias.forEach((k, v) -> a.add("--alias:" + k + "=" + v));
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

    /**
     * wrangler's alias plugin resolves each target as Node does, {@code require.resolve(target,
     * { paths: [projectRoot] })}: the "require" and "node" conditions and the "main" field, not
     * the worker's conditions ({@code "react" = "preact/compat"} gets preact's CommonJS build).
     * esbuild's own --alias would resolve the target like the import, so each target is resolved
     * first by esbuild as a require() from the project folder (Node 22's conditions: node,
     * require, module-sync, default) and the alias then names the file. A target that does not
     * resolve so (an ESM-only package) stays as written: the bundle's error names the import.
     */
    private Map<String, String> resolveAliases(Map<String, String> alias, Path projectDir) {
        if (alias.isEmpty()) return alias;
        Map<String, String> out = new java.util.LinkedHashMap<>();
        alias.forEach((key, target) -> out.put(key, requireResolve(target, projectDir)));
        return out;
    }

    private String requireResolve(String target, Path projectDir) {
        Path meta = null;
        try {
            meta = Files.createTempFile("sim-alias", ".json");
            Process p = new ProcessBuilder(esbuild.toString(), "--bundle", "--platform=node", "--main-fields=main",
                    "--conditions=module-sync", "--metafile=" + meta, "--outfile=" + (isWindows() ? "NUL" : "/dev/null"),
                    "--log-level=silent").directory(projectDir.toFile()).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(("require(" + quote(target) + ");\n").getBytes(StandardCharsets.UTF_8));
            }
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return target;
            }
            if (p.exitValue() != 0) return target;
            for (JsonNode imp : JSON.readTree(meta.toFile()).path("inputs").path("<stdin>").path("imports")) {
                if (imp.path("external").asBoolean(false)) return target;
                return projectDir.resolve(imp.path("path").asText()).normalize().toString();
            }
            return target;
        } catch (IOException e) {
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return target;
        } finally {
            if (meta != null) meta.toFile().delete();
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }

    /** One pass of esbuild over {@code args}: the service's context for them when it can, else the CLI. */
    private Output run(List<String> args, Path cwd) {
        if (service != null && serviceFailures < MAX_SERVICE_FAILURES) {
            try {
                Output out = runService(args, cwd);
                serviceFailures = 0;
                return out;
            } catch (EsbuildService.Unavailable e) {
                // An interrupt (the build is superseded or the simulator closes) is no failure of the
                // service: the build ends as the CLI's does when interrupted.
                if (Thread.currentThread().isInterrupted()) throw new BuildFailure("esbuild was interrupted", null, 0, 0, null);
                // The process died or did not answer: this pass goes through the CLI, the next build
                // starts a new process (the dead one's contexts are no longer usable).
                serviceFailures++;
            }
        }
        return runCli(args, cwd);
    }

    private Output runService(List<String> args, Path cwd) throws EsbuildService.Unavailable {
        ContextKey key = new ContextKey(List.copyOf(args), cwd);
        used.add(key);
        EsbuildService.Context ctx = contexts.get(key);
        if (ctx == null || !ctx.usable()) {
            ctx = service.context(args, cwd);
            contexts.put(key, ctx);
        }
        EsbuildService.Result r = ctx.rebuild();
        List<EsbuildMessages.Message> messages = new ArrayList<>();
        messages.addAll(messages(r.errors(), true));
        messages.addAll(messages(r.warnings(), false));
        EsbuildMessages m = EsbuildMessages.of(messages);
        if (!r.errors().isEmpty()) throw m.failure(cwd);
        return new Output(m.warnings());
    }

    // The service's messages as the CLI's parse gives them: the place (column from 1), and the
    // block the CLI would print, from esbuild's own formatter.
    private List<EsbuildMessages.Message> messages(List<EsbuildService.Message> in, boolean error) throws EsbuildService.Unavailable {
        List<String> blocks = service.format(in, !error);
        List<EsbuildMessages.Message> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            EsbuildService.Message m = in.get(i);
            EsbuildService.Location at = m.location();
            String block = i < blocks.size() ? blocks.get(i).stripTrailing() : (error ? "✘ [ERROR] " : "▲ [WARNING] ") + m.text();
            out.add(new EsbuildMessages.Message(error, m.text(), at == null || at.file().isEmpty() ? null : at.file(),
                    at == null ? 0 : at.line(), at == null ? 0 : at.column() + 1, block));
        }
        return out;
    }

    private void disposeUnused() {
        var it = contexts.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (used.contains(e.getKey())) continue;
            e.getValue().dispose();
            it.remove();
        }
    }

    /** Ends the esbuild service (its process and contexts). */
    @Override
    public synchronized void close() {
        contexts.clear();
        if (service != null) service.close();
    }

    private Output runCli(List<String> args, Path cwd) {
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

    /** The names the entry point's output exports, or null when the metafile does not say. */
    private static List<String> entryExports(JsonNode metafile) {
        for (JsonNode out : metafile.path("outputs")) {
            if (!out.hasNonNull("entryPoint")) continue;
            List<String> names = new ArrayList<>();
            out.path("exports").forEach(n -> names.add(n.asText()));
            return names;
        }
        return null;
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
    private static void copyExternalFiles(JsonNode metafile, Path projectDir, Path bundleDir, Path root, Set<Path> found) {
        // Only what the bundle still imports: esbuild also lists a TypeScript type-only import
        // (`import { type T } from "./types"`, dropped from the output) as an external input import.
        Set<String> kept = new TreeSet<>();
        metafile.path("outputs").forEach(o -> o.path("imports").forEach(imp -> {
            if (imp.path("external").asBoolean(false)) kept.add(imp.path("path").asText());
        }));
        metafile.path("inputs").fields().forEachRemaining(e -> {
            Path importer = projectDir.resolve(e.getKey()).normalize();
            for (JsonNode imp : e.getValue().path("imports")) {
                String spec = imp.path("path").asText();
                if (!imp.path("external").asBoolean(false) || !(spec.startsWith("./") || spec.startsWith("../"))) continue;
                if (!kept.contains(spec)) continue;
                Path source = importer.getParent().resolve(spec).normalize();
                if (found.contains(source)) continue; // an additional module: already beside the bundle by name
                Path target = bundleDir.resolve(spec).normalize();
                if (!target.startsWith(root)) {
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
}
