package dev.workersim.core.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The runtime's JS files as a module graph. Each file names the files it imports in {@code // imports:}
 * header lines (ids are resource paths under dev/workersim/core/ without ".js", e.g. {@code web/fetch/body}),
 * receives their exports as its third argument and returns its own (see resources README.md). The load
 * order is derived here, once per JVM: a depth-first walk from {@link #ROOT}, each file after the files
 * it imports. A cycle or an import of a missing file stops the start with a message naming the files.
 */
final class JsModuleGraph {
    /** The root: it imports every file of the global scope and returns what the host calls. */
    static final String ROOT = "runtime/main";
    /** Runs one file with its imports' exports (runtime/link.js). */
    static final String LINKER = "runtime/link.js";

    /** One file: its id, and the ids it imports, in the order it lists them. */
    record Module(String id, List<String> imports) {
        String resource() {
            return id + ".js";
        }
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9/_-]*");
    private static volatile List<Module> prelude;
    private static final Map<String, List<String>> HEADERS = new ConcurrentHashMap<>();

    private JsModuleGraph() {
    }

    /** The runtime's files in load order (computed on first use, then shared by every isolate). */
    static List<Module> prelude() {
        List<Module> order = prelude;
        if (order == null) {
            order = sort(ROOT, id -> JsEngine.resourceText(id + ".js"));
            prelude = order;
        }
        return order;
    }

    /** The imports a file's header declares ({@code where} names the file in errors); cached by name. */
    static List<String> importsOf(String where, String text) {
        return HEADERS.computeIfAbsent(where, k -> parseImports(where, text));
    }

    /** The {@code // imports: a, b} lines before the file's {@code (function} line, in order. */
    static List<String> parseImports(String where, String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("(function")) break;
            if (!line.startsWith("// imports:")) continue;
            for (String part : line.substring("// imports:".length()).split(",")) {
                String id = part.trim();
                if (id.isEmpty()) continue;
                if (!ID.matcher(id).matches()) {
                    throw new IllegalStateException(where + ": \"" + id + "\" in its // imports: line is not a file id (like web/fetch/body)");
                }
                if (out.contains(id)) throw new IllegalStateException(where + " imports " + id + " twice");
                out.add(id);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Every file reachable from {@code root}, each after what it imports. {@code textOf} reads a
     * file by id (null or an exception: it does not exist).
     */
    static List<Module> sort(String root, Function<String, String> textOf) {
        Map<String, Module> done = new LinkedHashMap<>();
        visit(root, null, new ArrayList<>(), done, textOf);
        return List.copyOf(done.values());
    }

    private static void visit(String id, String importer, List<String> path, Map<String, Module> done,
            Function<String, String> textOf) {
        if (done.containsKey(id)) return;
        int at = path.indexOf(id);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(id);
            throw new IllegalStateException("JS import cycle in the runtime: " + String.join(" -> ", cycle)
                    + " (a file may only import files that do not import it back)");
        }
        String text;
        try {
            text = textOf.apply(id);
        } catch (RuntimeException e) {
            text = null;
        }
        if (text == null) {
            throw new IllegalStateException((importer == null ? "the runtime" : importer) + " imports " + id
                    + ", but there is no " + id + ".js");
        }
        List<String> imports = parseImports(id + ".js", text);
        path.add(id);
        for (String dep : imports) visit(dep, id, path, done, textOf);
        path.remove(path.size() - 1);
        done.put(id, new Module(id, imports));
    }
}
