package dev.workersim.core.runtime.ops;

import dev.workersim.core.build.SourceMaps;
import org.graalvm.polyglot.HostAccess;

/** Stack text as the developer should read it: frames of built code mapped back to their sources. */
public final class StackOps {
    private final SourceMaps maps;

    public StackOps(SourceMaps maps) {
        this.maps = maps;
    }

    @HostAccess.Export
    public String map(String stack) {
        return maps.rewrite(stack);
    }
}
