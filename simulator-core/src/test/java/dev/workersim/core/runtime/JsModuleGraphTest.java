package dev.workersim.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime's JS load order comes from the files' own import lines; a bad graph stops the start by name. */
class JsModuleGraphTest {
    private static String file(String... imports) {
        return "// a test file\n" + (imports.length == 0 ? "" : "// imports: " + String.join(", ", imports) + "\n")
                + "(function (ops, $, imports) {\n})\n";
    }

    @Test
    void everyRuntimeFileLoadsAfterTheFilesItImportsAndTheRootLast() {
        List<String> seen = new ArrayList<>();
        for (JsModuleGraph.Module m : JsModuleGraph.prelude()) {
            for (String dep : m.imports()) assertTrue(seen.contains(dep), m.id() + " loads before its import " + dep);
            seen.add(m.id());
        }
        assertEquals(JsModuleGraph.ROOT, seen.get(seen.size() - 1));
        assertEquals("runtime/internal", seen.get(0));
        assertTrue(seen.containsAll(List.of("web/fetch/fetch", "web/crypto/crypto", "tail/tail", "node/node")), seen.toString());
    }

    @Test
    void theOrderFollowsTheImportsNotTheListing() {
        Map<String, String> files = Map.of("root", file("b", "a"), "a", file(), "b", file("c"), "c", file("a"));
        assertEquals(List.of("a", "c", "b", "root"),
                JsModuleGraph.sort("root", files::get).stream().map(JsModuleGraph.Module::id).toList());
    }

    @Test
    void aCycleStopsTheStartNamingTheFilesInIt() {
        Map<String, String> files = Map.of("root", file("a"), "a", file("b"), "b", file("c"), "c", file("a"));
        assertEquals("JS import cycle in the runtime: a -> b -> c -> a (a file may only import files that do not import it back)",
                assertThrows(IllegalStateException.class, () -> JsModuleGraph.sort("root", files::get)).getMessage());
    }

    @Test
    void anImportOfAMissingFileNamesTheImporter() {
        Map<String, String> files = Map.of("root", file("web/fetch/bodyy"));
        assertEquals("root imports web/fetch/bodyy, but there is no web/fetch/bodyy.js",
                assertThrows(IllegalStateException.class, () -> JsModuleGraph.sort("root", files::get)).getMessage());
    }

    @Test
    void importLinesAreReadUpToTheFunctionAndMayRepeat() {
        String text = "// x.js: a file\n// imports: a, b\n// imports: c\n(function (ops, $, imports) {\n// imports: d\n})\n";
        assertEquals(List.of("a", "b", "c"), JsModuleGraph.parseImports("x.js", text));
        assertEquals("x.js: \"web/Fetch.js\" in its // imports: line is not a file id (like web/fetch/body)",
                assertThrows(IllegalStateException.class,
                        () -> JsModuleGraph.parseImports("x.js", "// imports: web/Fetch.js\n(function () {})")).getMessage());
    }
}
