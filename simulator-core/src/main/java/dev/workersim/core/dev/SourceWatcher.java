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
    private static final long QUIET_MS = 120;

    private final WatchService watcher;
    private final Thread thread;
    private final Runnable onChange;

    public SourceWatcher(Path root, Runnable onChange) throws IOException {
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
                dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean relevant = drain(key);
                // Debounce: wait until the folder has been quiet for a moment.
                WatchKey more;
                while ((more = watcher.poll(QUIET_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(more);
                }
                if (relevant) onChange.run();
            }
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
            // closed
        }
    }

    private boolean drain(WatchKey key) {
        boolean relevant = false;
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
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
            relevant = true;
        }
        key.reset();
        return relevant;
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
