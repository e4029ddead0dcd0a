package dev.workersim.core.dev;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Watches a worker's project folder and calls back once per burst of changes (an editor's save is
 * often several events). State folders and dependencies are not watched.
 */
public final class SourceWatcher implements AutoCloseable {
    private static final Set<String> SKIP = Set.of(".wrangler", "node_modules", ".git", "target", ".idea");
    // An editor's save is a burst of events within a few milliseconds; waiting longer only delays the reload.
    private static final long QUIET_MS = 40;

    private final WatchService watcher;
    private final Thread thread;
    private final java.util.function.Consumer<Set<Path>> onChange;
    private final Set<Path> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Watches {@code root}'s tree; {@code onChange} gets the files that changed in one burst. */
    public SourceWatcher(Path root, java.util.function.Consumer<Set<Path>> onChange) throws IOException {
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        registerTree(root);
        this.thread = new Thread(this::run, "source-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void registerTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && SKIP.contains(dir.getFileName().toString())) return FileVisitResult.SKIP_SUBTREE;
                register(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void register(Path dir) throws IOException {
        if (registered.add(dir.toAbsolutePath().normalize())) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
    }

    /**
     * Also watches these folders (not their subfolders): those of a build's inputs that lie outside
     * the tree or in node_modules, so that an edit anywhere in the module graph reloads.
     */
    public void watchAlso(java.util.Collection<Path> dirs) {
        for (Path d : dirs) {
            try {
                register(d);
            } catch (IOException | java.nio.file.ClosedWatchServiceException ignored) {
                // gone, or the watcher is closing
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Set<Path> changed = new java.util.TreeSet<>();
                drain(key, changed);
                // Debounce: wait until the folder has been quiet for a moment.
                WatchKey more;
                while ((more = watcher.poll(QUIET_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                    drain(more, changed);
                }
                if (!changed.isEmpty()) onChange.accept(changed);
            }
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
            // closed
        }
    }

    private void drain(WatchKey key, Set<Path> changed) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed.add(dir); // events were lost: say the folder changed
                continue;
            }
            Path child = dir.resolve((Path) ev.context());
            String name = child.getFileName().toString();
            if (SKIP.contains(name) || name.endsWith("~") || name.startsWith(".#")) continue;
            if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                try {
                    registerTree(child);
                } catch (IOException ignored) {
                    // it may be gone already
                }
            }
            changed.add(child.toAbsolutePath().normalize());
        }
        key.reset();
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        thread.interrupt();
    }
}
