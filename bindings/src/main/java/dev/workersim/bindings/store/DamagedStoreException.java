package dev.workersim.bindings.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A persisted store whose file cannot be read as what it should be (truncated, overwritten, not a
 * database): the one error every store (KV, Cache, D1, Durable Object, queue and R2 metadata) gives
 * instead of its library's bare exception, so that the terminal names the file, what it holds, and
 * how to get going again. The simulator never repairs or deletes such a file itself: it may hold the
 * only copy of someone's data, and a repair can quietly lose part of it.
 */
public final class DamagedStoreException extends IllegalStateException {
    private final Path file;

    /**
     * @param holds what the file holds, naming the binding ("KV namespace \"abc\" (binding CACHE)")
     * @param file the damaged file
     * @param aside what to move aside to start again: the file itself, or the folder of the store
     * @param reason what is wrong, in a few words (a library's message is fine)
     */
    public DamagedStoreException(String holds, Path file, Path aside, String reason, Throwable cause) {
        super(message(holds, file.toAbsolutePath().normalize(), aside.toAbsolutePath().normalize(), reason), cause);
        this.file = file.toAbsolutePath().normalize();
    }

    public DamagedStoreException(String holds, Path file, Path aside, Throwable cause) {
        this(holds, file, aside, reason(cause), cause);
    }

    /**
     * Runs {@code open}; a failure while {@code file} exists that is not a lock or a permission
     * problem becomes a {@link DamagedStoreException}.
     */
    public static <T> T whileOpening(String holds, Path file, Path aside, java.util.function.Supplier<T> open) {
        try {
            return open.get();
        } catch (RuntimeException e) {
            throw ifDamage(holds, file, aside, e);
        }
    }

    /** {@code e} as a {@link DamagedStoreException} when it says the existing {@code file} is unreadable; else {@code e}. */
    public static RuntimeException ifDamage(String holds, Path file, Path aside, RuntimeException e) {
        if (e instanceof DamagedStoreException || e instanceof GroupCommitDb.StoreLockedException) return e;
        if (file == null || !Files.isRegularFile(file)) return e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            // not the file's fault: permissions, a full disk, a path that is not a folder
            if (t instanceof java.nio.file.FileSystemException || t instanceof OutOfMemoryError) return e;
            if (t.getCause() == t) break;
        }
        return new DamagedStoreException(holds, file, aside, e);
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    private static String message(String holds, Path file, Path aside, String reason) {
        List<Path> move = new ArrayList<>(List.of(aside));
        if (!Files.isDirectory(aside)) move.addAll(companions(aside));
        StringBuilder mv = new StringBuilder();
        for (Path p : move) mv.append(mv.length() == 0 ? "" : " and ").append(p);
        return file + " is damaged (" + reason + "), so the " + holds + " cannot be opened.\n"
                + "Nothing was changed or deleted. To start again, stop the simulator and move " + mv
                + " aside (rename or delete " + (move.size() > 1 ? "them" : "it") + "): that store then starts empty."
                + " Or leave it as it is and run with --persist-to <another folder>.";
    }

    /** Files that belong with {@code file} (SQLite's -wal and -shm): moved with it, or the new file would read them. */
    private static List<Path> companions(Path file) {
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(name + "-")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The innermost cause's words (MapDB's VolumeIOError has none of its own; its EOFException says what happened). */
    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        String name = root.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : m.replaceAll("\\s+", " ").trim();
    }
}
