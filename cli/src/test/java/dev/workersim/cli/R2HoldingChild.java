package dev.workersim.cli;

import dev.workersim.bindings.r2.R2Store;
import dev.workersim.core.runtime.SimClock;
import java.nio.file.Path;

/** A second process that holds a bucket's store open (as a running `sim dev` would) until its stdin closes. */
public final class R2HoldingChild {
    public static void main(String[] args) throws Exception {
        try (R2Store store = R2Store.openLocal(Path.of(args[0]), args[1], new SimClock())) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
    }

    private R2HoldingChild() {
    }
}
