package dev.workersim.cli;

/**
 * The last resort when the heap runs out outside any worker. The memory guard (core's MemoryGuard)
 * discards a worker that fills the heap long before this; but if an OutOfMemoryError still kills a
 * server thread (an Undertow IO thread: the port then accepts and never answers), the dev server
 * cannot go on. It stops at once with {@link #STATUS}, and the ./sim launcher starts it again, as
 * wrangler restarts workerd after a crash. Acknowledged writes are on disk already (a stop here is
 * like kill -9, which KvCrashTest covers). The message is made before it is needed.
 */
final class OutOfMemoryExit {
    /** The exit status that asks the ./sim launcher for a restart. */
    static final int STATUS = 3;
    private static final String MESSAGE = "✘ The dev server ran out of memory outside any worker and cannot go on serving;"
            + " it stops now (exit status 3; ./sim restarts it). Thread: ";

    private OutOfMemoryExit() {
    }

    /** For threads that end with an uncaught OutOfMemoryError; other uncaught errors print as before. */
    static void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                try {
                    System.err.print(MESSAGE);
                    System.err.println(thread.getName());
                } catch (Throwable ignored) {
                    // nothing may stand between this and halt
                }
                Runtime.getRuntime().halt(STATUS);
            }
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace();
            }
        });
    }
}
