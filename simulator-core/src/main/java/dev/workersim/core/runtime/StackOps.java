package dev.workersim.core.runtime;

import java.util.function.UnaryOperator;
import org.graalvm.polyglot.HostAccess;

/** Stack text as the developer should read it: frames of built code mapped back to their sources. */
public final class StackOps {
    // The isolate's source maps, known only once its build has ended.
    private final UnaryOperator<String> rewrite;

    public StackOps(UnaryOperator<String> rewrite) {
        this.rewrite = rewrite;
    }

    @HostAccess.Export
    public String map(String stack) {
        return rewrite.apply(stack);
    }
}
