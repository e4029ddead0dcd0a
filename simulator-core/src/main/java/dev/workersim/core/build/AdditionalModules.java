package dev.workersim.core.build;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * wrangler's module rules and {@code find_additional_modules} (read from wrangler 4.168's
 * deployment-bundle/rules.ts, find-additional-modules.ts and module-collection.ts).
 *
 * <p>Rules: the config's {@code rules}, then the defaults (Text: *.txt, *.html, *.sql; Data: *.bin;
 * CompiledWasm: *.wasm); a later rule of a type already seen is dropped unless the earlier one says
 * {@code fallthrough = true} (with wrangler's warning when the earlier one does not say
 * {@code fallthrough = false}). Discovery: every file under the module root ({@code base_dir},
 * default the folder of {@code main}), except the project's .wrangler folder, the config file and
 * the entry itself, matched (globstar globs, on its path relative to the root) by the first rule
 * that matches; that relative path is the module's name. The worker's main module sits at the top
 * of that name space (workerd: {@code No such module "b.txt". imported from "index.js"} for
 * {@code import "./b.txt"} from src/index.js when base_dir is the project folder).
 */
public final class AdditionalModules {
    public record Rule(String type, List<String> globs, Boolean fallthrough) {
    }

    /** The rules in effect, those dropped for want of {@code fallthrough}, and wrangler's warnings about them. */
    public record Rules(List<Rule> rules, List<Rule> removed, List<String> warnings) {
        /** The globs of the non-JS rules in effect (Text, Data, CompiledWasm...). */
        public List<String> nonJsGlobs() {
            List<String> out = new ArrayList<>();
            for (Rule r : rules) if (!isJavaScript(r.type())) out.addAll(r.globs());
            return out;
        }
    }

    /** A module found on disk: its name (relative to the module root, with /), file and rule type. */
    public record Module(String name, Path file, String type) {
    }

    private static final List<Rule> DEFAULTS = List.of(
            new Rule("Text", List.of("**/*.txt", "**/*.html", "**/*.sql"), null),
            new Rule("Data", List.of("**/*.bin"), null),
            new Rule("CompiledWasm", List.of("**/*.wasm", "**/*.wasm?module"), null));

    private AdditionalModules() {
    }

    static boolean isJavaScript(String type) {
        return "ESModule".equals(type) || "CommonJS".equals(type);
    }

    /** wrangler's parseRules: the config's rules then the defaults, with fallthrough applied. */
    public static Rules parse(JsonNode userRules) {
        List<Rule> all = new ArrayList<>();
        int userCount = 0;
        if (userRules != null && userRules.isArray()) {
            for (JsonNode r : userRules) {
                List<String> globs = new ArrayList<>();
                for (JsonNode g : r.path("globs")) globs.add(g.asText());
                JsonNode f = r.get("fallthrough");
                all.add(new Rule(r.path("type").asText(""), globs, f == null || f.isNull() ? null : f.asBoolean()));
                userCount++;
            }
        }
        all.addAll(DEFAULTS);
        Map<String, Integer> completed = new LinkedHashMap<>();
        Map<String, List<Integer>> redundant = new LinkedHashMap<>();
        List<Rule> kept = new ArrayList<>();
        List<Rule> removed = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Rule rule = all.get(i);
            if (completed.containsKey(rule.type())) {
                if (!Boolean.FALSE.equals(all.get(completed.get(rule.type())).fallthrough())) {
                    redundant.computeIfAbsent(rule.type(), k -> new ArrayList<>()).add(i);
                }
                removed.add(rule);
                continue;
            }
            if (!Boolean.TRUE.equals(rule.fallthrough())) completed.put(rule.type(), i);
            kept.add(rule);
        }
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, Integer> e : completed.entrySet()) {
            List<Integer> r = redundant.get(e.getKey());
            if (r == null) continue;
            int at = e.getValue();
            StringBuilder w = new StringBuilder("The ").append(at >= userCount ? "default " : "").append("module rule ")
                    .append(json(all.get(at))).append(" does not have a fallback, the following rules will be ignored:");
            for (int i : r) w.append("\n ").append(json(all.get(i))).append(i >= userCount ? " (DEFAULT)" : "");
            w.append("\n\nAdd `fallthrough = true` to rule to allow next rule to be used or `fallthrough = false` to silence this warning");
            warnings.add(w.toString());
        }
        return new Rules(kept, removed, warnings);
    }

    private static String json(Rule r) {
        StringBuilder s = new StringBuilder("{\"type\":").append(EsbuildBundler.quote(r.type())).append(",\"globs\":[");
        for (int i = 0; i < r.globs().size(); i++) s.append(i > 0 ? "," : "").append(EsbuildBundler.quote(r.globs().get(i)));
        s.append("]");
        if (r.fallthrough() != null) s.append(",\"fallthrough\":").append(r.fallthrough());
        return s.append("}").toString();
    }

    /** The glob-to-regexp package as wrangler calls it (not extended; anchored). */
    static Pattern globToRegExp(String glob, boolean globstar) {
        StringBuilder re = new StringBuilder("^");
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '/', '$', '^', '+', '.', '(', ')', '=', '!', '|', '?', '[', ']', '{', '}', ',' -> re.append('\\').append(c);
                case '*' -> {
                    Character prev = i > 0 ? glob.charAt(i - 1) : null;
                    int stars = 1;
                    while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        stars++;
                        i++;
                    }
                    Character next = i + 1 < glob.length() ? glob.charAt(i + 1) : null;
                    if (!globstar) {
                        re.append(".*");
                    } else if (stars > 1 && (prev == null || prev == '/') && (next == null || next == '/')) {
                        re.append("((?:[^/]*(?:/|$))*)");
                        i++;
                    } else {
                        re.append("([^/]*)");
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.append("$").toString());
    }

    /**
     * wrangler's findAdditionalModules: the files under {@code moduleRoot} the rules match, by name.
     * {@code warnings} gets wrangler's "Ignoring duplicate module" lines.
     */
    public static List<Module> find(Path moduleRoot, Path entry, Path projectDir, Rules rules, List<String> warnings) {
        Path root = moduleRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new BuildFailure("The base_dir \"" + SourceMaps.display(root.toString()) + "\" is not a folder.", null, 0, 0, null);
        }
        Path hidden = projectDir.toAbsolutePath().normalize().resolve(".wrangler");
        Set<Path> configs = Set.of(projectDir.resolve("wrangler.toml"), projectDir.resolve("wrangler.json"),
                projectDir.resolve("wrangler.jsonc"));
        String entryName = relativeName(root, entry.toAbsolutePath().normalize());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.startsWith(hidden) && Files.isRegularFile(p) && !configs.contains(p))
                    .sorted(Comparator.comparing(p -> relativeName(root, p))).forEach(files::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BuildFailure("cannot list the modules under " + root + ": " + e.getMessage(), null, 0, 0, null);
        }
        List<Pattern[]> compiled = new ArrayList<>();
        for (Rule r : rules.rules()) compiled.add(r.globs().stream().map(g -> globToRegExp(g, true)).toArray(Pattern[]::new));
        Map<String, Module> byName = new LinkedHashMap<>();
        for (Path f : files) {
            String name = relativeName(root, f);
            for (int i = 0; i < compiled.size(); i++) {
                for (Pattern p : compiled.get(i)) {
                    if (!p.matcher(name).matches()) continue;
                    String type = rules.rules().get(i).type();
                    if (byName.containsKey(name)) warnings.add("Ignoring duplicate module: " + name + " (" + moduleType(type) + ")");
                    else byName.put(name, new Module(name, f, type));
                }
            }
        }
        byName.remove(entryName);
        return new ArrayList<>(byName.values());
    }

    private static String moduleType(String ruleType) {
        return switch (ruleType) {
            case "ESModule" -> "esm";
            case "CommonJS" -> "commonjs";
            case "CompiledWasm" -> "compiled-wasm";
            case "Text" -> "text";
            case "Data" -> "buffer";
            case "PythonModule" -> "python";
            case "PythonRequirement" -> "python-requirement";
            default -> "";
        };
    }

    static String relativeName(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * The esbuild externals that keep imports of the found modules as written, as wrangler's module
     * collector does ({@code { path: args.path, external: true }}): a pattern with a wildcard is
     * matched before resolution, so the specifier stays as it is.
     */
    static List<String> externals(List<Module> modules) {
        List<String> out = new ArrayList<>();
        for (Module m : modules) out.add("--external:*/" + m.name());
        return out;
    }

    /** wrangler's writeAdditionalModules: each module at its name under {@code dest}. */
    static void write(List<Module> modules, Path dest) {
        for (Module m : modules) {
            Path target = dest.resolve(m.name()).normalize();
            try {
                Files.createDirectories(target.getParent());
                Files.copy(m.file(), target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new BuildFailure("Could not copy the module " + m.name() + ": " + e.getMessage(), null, 0, 0, null);
            }
        }
    }

    /** Empties {@code dir} (made if needed): a module deleted since the last build must be gone. */
    static void clean(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BuildFailure("cannot prepare the build folder " + dir + ": " + e.getMessage(), null, 0, 0, null);
        }
    }

    /**
     * {@code no_bundle = true}, as wrangler's noBundleWorker and workerd: the worker's modules are
     * {@code main} (named by its file name, at the top) and the modules found under the module root
     * (unless {@code find_additional_modules = false}); nothing else can be imported. They are laid
     * out in {@code dir}, which becomes the worker's module root. Returns the main module's copy.
     */
    static Path layoutUnbundled(BuildSettings s, Path dir, Set<Path> inputs, List<String> warnings) {
        clean(dir);
        warnings.addAll(s.rules().warnings());
        List<Module> found = Boolean.FALSE.equals(s.findAdditionalModules()) ? List.of()
                : find(s.moduleRoot(), s.entry(), s.projectDir(), s.rules(), warnings);
        write(found, dir);
        Path main = dir.resolve(s.entry().getFileName().toString());
        try {
            Files.copy(s.entry(), main, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BuildFailure("Could not read " + s.entry() + ": " + e.getMessage(), null, 0, 0, null);
        }
        inputs.add(s.entry().toAbsolutePath().normalize());
        for (Module m : found) inputs.add(m.file().toAbsolutePath().normalize());
        return main;
    }
}
