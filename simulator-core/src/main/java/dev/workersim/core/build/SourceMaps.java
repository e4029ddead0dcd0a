package dev.workersim.core.build;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source maps of one loaded worker, by the generated file they describe (a bundle, or a
 * module transpiled on load), and the rewriting of stack text so that frames point at the user's
 * own files. Error output goes through {@link #rewrite}: the terminal, the dev error page and tail
 * events; {@code err.stack} as the worker reads it stays as the runtime made it, as in workerd.
 */
public final class SourceMaps {
    /** No maps: text passes unchanged. */
    public static final SourceMaps NONE = new SourceMaps();

    // A frame's location: an absolute path (or file: URL) then :line:column.
    private static final Pattern LOCATION = Pattern.compile("(file://)?(/[^\\s():]+):(\\d+):(\\d+)");

    private final Map<String, SourceMap> byGenerated = new ConcurrentHashMap<>();
    // Map files not read yet: a bundle's map (megabytes for a big npm graph) is parsed the first
    // time a stack needs it, not on every load.
    private final Map<String, Path> unread = new ConcurrentHashMap<>();

    /** Registers {@code map} as the map of the generated file {@code generated}. */
    public void add(Path generated, SourceMap map) {
        byGenerated.put(generated.toAbsolutePath().normalize().toString(), map);
    }

    /** Registers the map file {@code mapFile} of {@code generated}, read when first needed. */
    public void addFile(Path generated, Path mapFile) {
        unread.put(generated.toAbsolutePath().normalize().toString(), mapFile);
    }

    public boolean isEmpty() {
        return byGenerated.isEmpty() && unread.isEmpty();
    }

    /** The original position of a generated one, or null when no map covers it. */
    public SourceMap.Position original(String generatedPath, int line, int column) {
        SourceMap map = byGenerated.get(generatedPath);
        if (map == null) map = readNow(generatedPath);
        return map == null ? null : map.original(line, column);
    }

    private SourceMap readNow(String generatedPath) {
        Path file = unread.remove(generatedPath);
        if (file == null) return null;
        try {
            SourceMap map = SourceMap.read(file);
            byGenerated.put(generatedPath, map);
            return map;
        } catch (java.io.IOException | RuntimeException e) {
            return null; // an unreadable map: the frames stay as built
        }
    }

    /**
     * {@code text} with every {@code /path:line:column} of a mapped file replaced by the original
     * file (relative to the working folder when inside it), line and column.
     */
    public String rewrite(String text) {
        if (text == null || isEmpty()) return text;
        Matcher m = LOCATION.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            SourceMap.Position p = original(m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            if (p == null) continue;
            if (out == null) out = new StringBuilder(text.length());
            out.append(text, last, m.start()).append(display(p.source())).append(':').append(p.line()).append(':').append(p.column());
            last = m.end();
        }
        if (out == null) return text;
        return out.append(text, last, text.length()).toString();
    }

    /** A path as the terminal shows it: relative to the working folder when inside it. */
    public static String display(String path) {
        if (!path.startsWith("/")) return path;
        Path p = Path.of(path);
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : path;
    }
}
