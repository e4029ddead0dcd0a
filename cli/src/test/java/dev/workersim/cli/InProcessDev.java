package dev.workersim.cli;

import dev.workersim.core.Simulator;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * `sim dev ARGS` in this JVM: the arguments parsed by the real command line and the simulator built by
 * {@link DevCommand#build}, as a `sim dev` process builds it, then started. For tests that need the
 * dev server's wiring without a child process (the conformance cases).
 */
public final class InProcessDev {
    private InProcessDev() {
    }

    /** The started simulator `sim dev ARGS` would serve; the caller closes it. */
    public static Simulator start(List<String> args) {
        List<String> all = new ArrayList<>(List.of("dev"));
        all.addAll(args);
        CommandLine.ParseResult parsed = new CommandLine(new SimCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(all.toArray(String[]::new));
        DevCommand dev = (DevCommand) parsed.subcommand().commandSpec().userObject();
        Simulator sim = dev.build(DevCommand.parseVars(dev.vars));
        try {
            return sim.start();
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }
}
