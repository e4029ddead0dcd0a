package dev.workersim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * wrangler dev's hotkeys: [b] open a browser, [e] open the Local Explorer, [c] clear the console, [x] or [q] quit. Only when
 * stdin is a terminal (a script or CI piping input gets none). The terminal is put in
 * character-at-a-time mode with stty so a key needs no Enter, and restored on exit.
 */
final class InteractiveKeys {
    static final String HINT = "[b] open a browser  [e] open Local Explorer  [c] clear console  [x] to exit";

    private final URI url;
    private final PrintStream out;
    private final Runnable quit;
    private String savedStty;

    InteractiveKeys(URI url, PrintStream out, Runnable quit) {
        this.url = browsable(url);
        this.out = out;
        this.quit = quit;
    }

    /**
     * A server on every address (--ip 0.0.0.0 or ::) is opened as localhost: a browser cannot go to
     * a wildcard address, and the dev routes (the Local Explorer) answer only a local Host name.
     */
    static URI browsable(URI url) {
        String host = url.getHost();
        if (!host.equals("0.0.0.0") && !host.equals("[::]") && !host.equals("::")) return url;
        return URI.create(url.getScheme() + "://localhost:" + url.getPort() + url.getRawPath());
    }

    /**
     * On Java 17 a console exists only when stdin and stdout are terminals; from Java 22 there may be
     * a console without one, and {@code Console.isTerminal()} (called reflectively: we compile for 17) says.
     */
    static boolean stdinIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a console means a terminal
        }
    }

    void start() {
        savedStty = stty("-g");
        if (savedStty != null) stty("-icanon", "-echo", "min", "1");
        Runtime.getRuntime().addShutdownHook(new Thread(this::restore, "restore-terminal"));
        Thread t = new Thread(() -> read(System.in), "hotkeys");
        t.setDaemon(true);
        t.start();
    }

    private void read(InputStream in) {
        try {
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (!handle(Character.toLowerCase((char) c))) return;
            }
        } catch (IOException e) {
            // stdin closed: no more keys
        }
    }

    /** Acts on one key; false when it was quit. */
    boolean handle(char key) {
        switch (key) {
            case 'b' -> openBrowser(url, "the worker");
            case 'e' -> openBrowser(url.resolve("/cdn-cgi/explorer"), "the Local Explorer");
            case 'c' -> {
                out.print("\033[2J\033[3J\033[H"); // clear screen and scrollback, cursor home
                out.println(HINT);
                out.flush();
            }
            case 'x', 'q' -> {
                quit.run();
                return false;
            }
            default -> {
            }
        }
        return true;
    }

    private void openBrowser(java.net.URI url, String what) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(url);
                return;
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // fall through: print the address instead
        }
        out.println("No browser to open here; " + what + " is at " + url);
        out.flush();
    }

    private void restore() {
        if (savedStty != null) stty(savedStty);
    }

    /** Runs stty on the controlling terminal; its output, or null when there is no stty or no terminal. */
    private static String stty(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return text;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
