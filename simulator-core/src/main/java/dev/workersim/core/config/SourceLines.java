package dev.workersim.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the line of a key path ("kv_namespaces[1].binding") in the config's text, so that a
 * validation error can point at it. JSON(C) is exact (the parser's own locations); for TOML, whose
 * parser keeps none, the line is the first assignment of the key after its table's header.
 */
final class SourceLines {
    private final Map<String, Integer> json; // path -> line, JSON only
    private final List<String> lines;

    private SourceLines(Map<String, Integer> json, String text) {
        this.json = json;
        this.lines = text.lines().toList();
    }

    static SourceLines of(String text, boolean toml) {
        return new SourceLines(toml ? null : jsonLines(text), text);
    }

    /** The 1-based line of {@code path}, or 0 when it cannot be found. */
    int line(String path) {
        if (json != null) {
            for (String p = path; !p.isEmpty(); p = parent(p)) {
                Integer l = json.get(p);
                if (l != null) return l;
            }
            return 0;
        }
        return tomlLine(path);
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static Map<String, Integer> jsonLines(String text) {
        Map<String, Integer> out = new HashMap<>();
        JsonMapper mapper = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
        try (JsonParser p = mapper.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME || t.isScalarValue() || t.isStructStart()) {
                    String ptr = p.getParsingContext().pathAsPointer().toString();
                    out.putIfAbsent(pointerToPath(ptr, p), (int) p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // the loader has parsed it already; a failure here only loses line numbers
        }
        return out;
    }

    // "/kv_namespaces/1/binding" -> "kv_namespaces[1].binding" (indexes are only digits under arrays)
    private static String pointerToPath(String ptr, JsonParser p) {
        StringBuilder b = new StringBuilder();
        for (String seg : ptr.split("/")) {
            if (seg.isEmpty()) continue;
            seg = seg.replace("~1", "/").replace("~0", "~");
            if (seg.matches("\\d+")) b.append('[').append(seg).append(']');
            else b.append(b.length() == 0 ? "" : ".").append(seg);
        }
        return b.toString();
    }

    private int tomlLine(String path) {
        // The key's own name and the names of the tables around it, indexes dropped.
        String plain = path.replaceAll("\\[\\d+]", "");
        String[] parts = plain.split("\\.");
        String leaf = parts[parts.length - 1];
        Pattern assign = Pattern.compile("^\\s*(\"?)" + Pattern.quote(leaf) + "\\1\\s*=.*");
        Pattern header = Pattern.compile("^\\s*\\[\\[?\\s*" + Pattern.quote(String.join(".", java.util.Arrays.copyOf(parts, parts.length)))
                + "\\s*]]?.*");
        String parentTable = String.join(".", java.util.Arrays.copyOf(parts, parts.length - 1));
        Pattern parentHeader = Pattern.compile("^\\s*\\[\\[?\\s*" + Pattern.quote(parentTable) + "\\s*]]?.*");
        // "kv_namespaces[1]" is the second [[kv_namespaces]] header; "kv_namespaces[1].id" the id after it.
        java.util.regex.Matcher idx = Pattern.compile("\\[(\\d+)](?:\\.[^.\\[]+)?$").matcher(path);
        int wanted = idx.find() ? Integer.parseInt(idx.group(1)) : 0;
        int seenHeaders = 0;
        int seenParents = 0;
        boolean inParent = parentTable.isEmpty();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (header.matcher(l).matches() && seenHeaders++ == wanted) return i + 1;
            if (l.trim().startsWith("[")) {
                inParent = !parentTable.isEmpty() && parentHeader.matcher(l).matches() && seenParents++ == wanted;
            }
            if (inParent && assign.matcher(l).matches()) return i + 1;
        }
        // A dotted key or inline table: the first line that mentions the name at all.
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(leaf)) return i + 1;
        }
        return 0;
    }
}
