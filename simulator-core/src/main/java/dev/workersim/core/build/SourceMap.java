package dev.workersim.core.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One decoded source map (version 3, as esbuild and SWC write them): where a line and column of
 * the generated file came from. Only what stack traces need: sources and positions, no names.
 */
public final class SourceMap {
    /** An original position: the source file (absolute when it can be) and 1-based line and column. */
    public record Position(String source, int line, int column) {
    }

    private final String[] sources;
    // Per generated line, its segments as {generatedColumn, sourceIndex, sourceLine, sourceColumn}, in column order.
    private final int[][][] lines;

    private SourceMap(String[] sources, int[][][] lines) {
        this.sources = sources;
        this.lines = lines;
    }

    /** Reads a .map file; relative sources are taken from its folder (and its sourceRoot). */
    public static SourceMap read(Path mapFile) throws IOException {
        return parse(Files.readString(mapFile), mapFile.toAbsolutePath().getParent());
    }

    /** Parses a map's JSON text; {@code base} is the folder relative sources are resolved against (null: keep them). */
    public static SourceMap parse(String json, Path base) throws IOException {
        JsonNode map = new ObjectMapper().readTree(json);
        String root = map.path("sourceRoot").asText("");
        JsonNode src = map.path("sources");
        String[] sources = new String[src.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = absolute(root, src.get(i).asText(), base);
        }
        return new SourceMap(sources, decode(map.path("mappings").asText("")));
    }

    private static String absolute(String root, String source, Path base) {
        if (source.startsWith("file://")) source = source.substring("file://".length());
        String joined = root.isEmpty() || source.startsWith("/") ? source : root.endsWith("/") ? root + source : root + "/" + source;
        if (joined.startsWith("/") || base == null) return joined;
        return base.resolve(joined).normalize().toString();
    }

    /** Where generated (1-based) {@code line}:{@code column} came from, or null when the map says nothing. */
    public Position original(int line, int column) {
        if (line < 1 || line > lines.length) return null;
        int[][] segs = lines[line - 1];
        int col0 = column - 1;
        int lo = 0, hi = segs.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (segs[mid][0] <= col0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            if (segs.length == 0) return null;
            found = 0; // a column before the first segment: the line's first mapping is the best guess
        }
        int[] s = segs[found];
        return new Position(sources[s[1]], s[2] + 1, s[3] + 1);
    }

    // The "mappings" field: lines split by ';', segments by ',', each a run of base64 VLQ deltas.
    private static int[][][] decode(String mappings) {
        List<int[][]> out = new ArrayList<>();
        List<int[]> line = new ArrayList<>();
        int[] state = new int[4]; // source index, source line, source column carry across lines; column resets
        int genCol = 0;
        int[] fields = new int[5];
        int i = 0, n = mappings.length();
        // i == n reads as a closing ';' so the last line is kept.
        while (i <= n) {
            char c = i < n ? mappings.charAt(i) : ';';
            if (c == ';') {
                out.add(line.toArray(new int[0][]));
                line = new ArrayList<>();
                genCol = 0;
                i++;
                continue;
            }
            if (c == ',') {
                i++;
                continue;
            }
            int count = 0;
            while (i < n && mappings.charAt(i) != ',' && mappings.charAt(i) != ';') {
                int value = 0, shift = 0, digit;
                do {
                    digit = BASE64[mappings.charAt(i++)];
                    value |= (digit & 31) << shift;
                    shift += 5;
                } while ((digit & 32) != 0);
                fields[count++] = (value & 1) != 0 ? -(value >>> 1) : value >>> 1;
            }
            genCol += fields[0];
            if (count >= 4) {
                state[0] += fields[1];
                state[1] += fields[2];
                state[2] += fields[3];
                line.add(new int[] {genCol, state[0], state[1], state[2]});
            }
        }
        return out.toArray(new int[0][][]);
    }

    private static final int[] BASE64 = new int[128];

    static {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) BASE64[alphabet.charAt(i)] = i;
    }
}
