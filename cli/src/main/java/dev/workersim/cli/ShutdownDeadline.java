package dev.workersim.cli;

/**
 * Ends the process when a clean shutdown takes too long. Closing the server waits on its threads
 * (Undertow's stop waits for its IO threads), and a thread that died of an OutOfMemoryError never
 * answers: without this, SIGTERM would leave a process that no longer serves and no longer stops.
 * Made before it is needed (a thread object, a message) so that starting it needs almost no heap.
 */
final class ShutdownDeadline {
    private static final String MESSAGE = "✘ The dev server did not stop in time; stopping it now.";
    private final Thread thread;

    ShutdownDeadline(int seconds) {
        thread = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            try {
                System.err.println(MESSAGE);
            } catch (Throwable ignored) {
                // nothing may stand between the deadline and halt
            }
            // halt, not exit: exit would wait for the shutdown hook that is stuck.
            Runtime.getRuntime().halt(1);
        }, "shutdown-deadline");
        thread.setDaemon(true);
    }

    /** Starts the clock; called as shutdown begins. */
    void start() {
        thread.start();
    }

    /**
     * The server has closed: what the JVM does after the shutdown hooks is not cut short (the
     * launcher's class archive, written at exit after a build, takes seconds on a busy machine).
     */
    void cancel() {
        thread.interrupt();
    }
}
