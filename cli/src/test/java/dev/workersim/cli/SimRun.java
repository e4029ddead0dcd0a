package dev.workersim.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs `sim ARGS` in-process with standard input given and standard output and error captured. */
final class SimRun {
    private SimRun() {
    }

    static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, InputStream stdin, String... args) {
        out.reset();
        err.reset();
        PrintStream oldOut = System.out, oldErr = System.err;
        InputStream oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(stdin);
        try {
            return new CommandLine(new SimCommand()).execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }
}
