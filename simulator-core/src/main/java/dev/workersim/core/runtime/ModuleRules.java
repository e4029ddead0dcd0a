package dev.workersim.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a non-JS import becomes, as wrangler's module rules say: Text (a string), Data (an
 * ArrayBuffer), CompiledWasm (a WebAssembly.Module), and JSON (the parsed value, as wrangler's
 * bundler does). The config's {@code [[rules]]} come first, then wrangler's defaults
 * (*.txt, *.html, *.sql as Text; *.bin as Data; *.wasm as CompiledWasm; *.json as JSON).
 *
 * <p>GraalJS only runs JS (and JSON with an import attribute), so such a file is served to it as a
 * small generated ES module under a virtual name: the file's name plus {@link #SUFFIX}.
 */
public final class ModuleRules {
    static final String SUFFIX = ".workersim-module.mjs";

    public enum Type { TEXT, DATA, COMPILED_WASM, JSON }

    private record Rule(Type type, List<PathMatcher> globs) {
    }

    private final List<Rule> rules;

    private ModuleRules(List<Rule> rules) {
        this.rules = rules;
    }

    public static final ModuleRules DEFAULT = fromConfig(null);

    /** The config's {@code rules} (an array of {type, globs}), then the defaults. */
    public static ModuleRules fromConfig(JsonNode rulesNode) {
        List<Rule> out = new ArrayList<>();
        if (rulesNode != null && rulesNode.isArray()) {
            for (JsonNode r : rulesNode) {
                Type type = typeOf(r.path("type").asText(""));
                if (type == null) continue; // ESModule/CommonJS rules: JS, which GraalJS reads itself
                List<PathMatcher> globs = new ArrayList<>();
                for (JsonNode g : r.path("globs")) globs.add(glob(g.asText()));
                out.add(new Rule(type, globs));
            }
        }
        out.add(new Rule(Type.TEXT, List.of(glob("**/*.txt"), glob("**/*.html"), glob("**/*.sql"))));
        out.add(new Rule(Type.DATA, List.of(glob("**/*.bin"))));
        out.add(new Rule(Type.COMPILED_WASM, List.of(glob("**/*.wasm"))));
        out.add(new Rule(Type.JSON, List.of(glob("**/*.json"))));
        return new ModuleRules(out);
    }

    private static Type typeOf(String name) {
        switch (name) {
            case "Text": return Type.TEXT;
            case "Data": return Type.DATA;
            case "CompiledWasm": return Type.COMPILED_WASM;
            default: return null;
        }
    }

    private static PathMatcher glob(String pattern) {
        // "**/*.txt" must also match a file at the top of the project
        String p = pattern.startsWith("**/") ? "{" + pattern.substring(3) + "," + pattern + "}" : pattern;
        return FileSystems.getDefault().getPathMatcher("glob:" + p);
    }

    /** The rule for a file (relative to the project folder), or null for plain JS. */
    Type typeOf(Path relative) {
        String name = relative.toString();
        if (name.endsWith(".js") || name.endsWith(".mjs") || name.endsWith(".cjs")) return null;
        for (Rule r : rules) {
            for (PathMatcher m : r.globs) {
                if (m.matches(relative)) return r.type;
            }
        }
        return null;
    }

    /** The generated module for a file of {@code type} with these bytes. */
    static byte[] module(Type type, byte[] content) {
        String js;
        switch (type) {
            case TEXT -> js = "export default " + quote(new String(content, StandardCharsets.UTF_8)) + ";\n";
            case JSON -> js = "export default JSON.parse(" + quote(new String(content, StandardCharsets.UTF_8)) + ");\n";
            case DATA -> js = bytes(content) + "export default bytes.buffer;\n";
            case COMPILED_WASM -> js = bytes(content) + "export default new WebAssembly.Module(bytes);\n";
            default -> throw new IllegalStateException(String.valueOf(type));
        }
        return js.getBytes(StandardCharsets.UTF_8);
    }

    private static String bytes(byte[] content) {
        return "const text = atob(\"" + Base64.getEncoder().encodeToString(content) + "\");\n"
                + "const bytes = new Uint8Array(text.length);\n"
                + "for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n";
    }

    private static String quote(String s) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s))
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\"";
    }
}
