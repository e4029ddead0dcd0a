package dev.workersim.core.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A built worker: the bundle file to load, its source map, the folder the worker's imports are
 * confined to (the bundle and the non-JS modules copied beside it), every source file that went
 * into it (what live reload watches), and what the bundler warned about.
 */
public record Bundle(Path file, Path sourceMap, Path root, boolean module, Set<Path> inputs, List<String> warnings) {
}
