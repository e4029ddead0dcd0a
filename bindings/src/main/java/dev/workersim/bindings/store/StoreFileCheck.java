package dev.workersim.bindings.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a store file's own header, read-only, to find the damage its library would not report at
 * open: a truncated SQLite file opens fine until a query reaches a missing page, and H2 opens a
 * truncated file at an older version and then writes over it. Each check returns what is wrong,
 * or null when the header agrees with the file.
 */
public final class StoreFileCheck {
    private StoreFileCheck() {
    }

    /** SQLite (file format §1.3): the page count in the header, when valid, must fit in the file. */
    public static String sqlite(Path file) {
        ByteBuffer h = head(file, 100);
        if (h == null || h.limit() < 100) return null; // a new or empty file: SQLite itself judges it
        long length = length(file);
        int pageSize = Short.toUnsignedInt(h.getShort(16));
        if (pageSize == 1) pageSize = 65536;
        long pages = Integer.toUnsignedLong(h.getInt(28));
        boolean sizeValid = h.getInt(24) == h.getInt(92) && pages > 0; // "version-valid-for" == change counter
        if (sizeValid && pages * pageSize > length) {
            return "it is " + length + " bytes but its header says " + pages + " pages of " + pageSize + " bytes: it was truncated";
        }
        return null;
    }

    /**
     * H2's MVStore: the header ("H:2,block:4,blockSize:1000,...", hex numbers) names the block of the
     * newest chunk, and that chunk's own header its length in blocks; both must be in the file.
     */
    public static String h2(Path file) {
        String header = text(head(file, 4096));
        if (header == null || !header.startsWith("H:2,")) return null; // not yet written, or garbage H2 reports itself
        long blockSize = hexField(header, "blockSize", 0x1000);
        long block = hexField(header, "block", -1);
        long length = length(file);
        if (block < 0) return null;
        if ((block + 1) * blockSize > length) {
            return "it is " + length + " bytes but its newest chunk starts at byte " + block * blockSize + ": it was truncated";
        }
        String chunk = text(at(file, block * blockSize, 1024));
        long blocks = chunk == null ? 1 : hexField(chunk, "len", 1);
        if ((block + blocks) * blockSize > length) {
            return "it is " + length + " bytes but its newest chunk ends at byte " + (block + blocks) * blockSize + ": it was truncated";
        }
        return null;
    }

    /** SQLite's own words for a file that is not (or no longer) a database. */
    public static boolean sqliteSaysDamaged(java.sql.SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_CORRUPT") || m.contains("SQLITE_NOTADB");
    }

    /** H2's: 90030 "File corrupted while reading record", 90048 "Unsupported database file version or invalid file header". */
    public static boolean h2SaysDamaged(java.sql.SQLException e) {
        return e.getErrorCode() == 90030 || e.getErrorCode() == 90048;
    }

    private static long hexField(String text, String key, long fallback) {
        for (String part : text.split(",")) {
            int colon = part.indexOf(':');
            if (colon > 0 && part.substring(0, colon).equals(key)) {
                try {
                    return Long.parseLong(part.substring(colon + 1).trim(), 16);
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    // The printable start of a header block (H2 pads it with spaces and ends it with a newline).
    private static String text(ByteBuffer b) {
        if (b == null) return null;
        String s = StandardCharsets.ISO_8859_1.decode(b).toString();
        int end = 0;
        while (end < s.length() && s.charAt(end) >= ' ' && s.charAt(end) < 127) end++;
        return s.substring(0, end).trim();
    }

    private static ByteBuffer head(Path file, int bytes) {
        return at(file, 0, bytes);
    }

    private static ByteBuffer at(Path file, long position, int bytes) {
        if (!Files.isRegularFile(file)) return null;
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(bytes);
            while (b.hasRemaining() && c.read(b, position + b.position()) > 0) {
                // read until full or at the end
            }
            return b.flip();
        } catch (IOException e) {
            return null; // unreadable: opening it will say why
        }
    }

    private static long length(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
