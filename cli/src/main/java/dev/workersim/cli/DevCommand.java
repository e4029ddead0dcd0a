package dev.workersim.cli;

import dev.workersim.core.Simulator;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.runtime.WorkerLoadException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sim dev`: serve a worker locally, reloading it when its files change, like `wrangler dev`. */
@Command(name = "dev", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a Worker locally with simulated bindings.",
                "Reads wrangler.toml / wrangler.json / wrangler.jsonc as wrangler does, with local secrets",
                "from .dev.vars (or .env files) next to it. The ./sim launcher also takes --jit / --no-jit",
                "(GraalJS compilation, on by default where the JDK allows)."})
final class DevCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PATH",
            description = "A project folder or a config file (default: the config found from the current folder).")
    Path path;

    @Mixin
    ProjectOptions project;

    @Option(names = "--var", arity = "1..*", paramLabel = "KEY:VALUE",
            description = "A string env value, over the config's vars and secrets; repeatable (--var A:1 B:2).")
    List<String> vars = new java.util.ArrayList<>();

    @Option(names = "--ip", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String ip;

    @Option(names = "--port", defaultValue = "8787", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--inspector-port", paramLabel = "PORT",
            description = "Serve a Chrome DevTools debugger on 127.0.0.1:PORT (open the devtools:// URL it prints: breakpoints, stepping, console).")
    Integer inspectorPort;

    @Option(names = "--local", description = "Keep every binding local: remote = true is ignored without a warning.")
    boolean local;

    @Option(names = "--test-scheduled", description = "Expose /__scheduled to trigger the scheduled() handler.")
    boolean testScheduled;

    @Option(names = "--no-crons", negatable = false,
            description = "Do not fire the configured Cron Triggers on their schedule (they fire by default, in UTC).")
    boolean noCrons;

    @Option(names = "--no-live-reload", negatable = false, description = "Do not rebuild the worker when its files change.")
    boolean noLiveReload;

    @Option(names = "--log-requests", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print one line per request (default: on).")
    boolean logRequests;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Simulator sim;
        Map<String, Object> cliVars;
        try {
            cliVars = parseVars(vars);
            if (inspectorPort != null) {
                if (inspectorPort < 1 || inspectorPort > 65535) throw new IllegalArgumentException("--inspector-port must be 1-65535");
                dev.workersim.core.runtime.JsEngine.inspect(inspectorPort);
            }
            sim = build(cliVars);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("✘ " + e.getMessage());
            return 2;
        } catch (dev.workersim.bindings.store.DamagedStoreException e) {
            System.err.println("✘ " + e.getMessage()); // the file and the way out; a stack would only bury them
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ShutdownDeadline deadline = new ShutdownDeadline(SHUTDOWN_SECONDS);
        OutOfMemoryExit.install();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deadline.start();
            sim.close();
            deadline.cancel();
            stopped.countDown();
        }, "shutdown"));
        banner(sim, cliVars);
        try {
            sim.start();
        } catch (WorkerLoadException e) {
            // not reached with failOnLoadError(false), kept for clarity
            System.err.println("✘ " + e.getMessage());
        } catch (dev.workersim.core.http.PortInUseException e) {
            System.err.println("✘ " + e.getMessage()); // wrangler dev's words; the stack adds nothing
            return 1;
        } catch (RuntimeException e) {
            System.err.println("✘ cannot start: " + e.getMessage());
            return 1;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("⎔ " + sim.displayName() + " (" + Simulator.engineMode() + ", Java " + Runtime.version().feature()
                + ") ready in " + ms + " ms");
        System.out.println("Ready on " + sim.url());
        if (InteractiveKeys.stdinIsTerminal()) {
            System.out.println(InteractiveKeys.HINT);
            new InteractiveKeys(sim.url(), System.out, () -> System.exit(0)).start();
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The simulator these options describe, built and not yet started. {@link #call} serves it; the
     * conformance tests (cli's ConformanceCasesTest) build theirs here too, so that the cases played
     * in-process meet the same wiring as a `sim dev` process.
     */
    Simulator build(Map<String, Object> cliVars) {
        Path config = project.configFile(path);
        Simulator.Builder builder = Simulator.builder().config(config).environment(project.env);
        // -c a.toml -c b.toml: the first is served, the others run beside it for service bindings.
        for (Path aux : project.configs.subList(Math.min(1, project.configs.size()), project.configs.size())) {
            builder.auxiliary(aux);
        }
        cliVars.forEach(builder::var);
        if (project.persistTo != null) builder.persistTo(project.persistTo);
        return builder
                .ip(ip)
                .port(port)
                .logRequests(logRequests)
                .liveReload(!noLiveReload)
                .failOnLoadError(false)
                .testScheduled(testScheduled)
                .crons(!noCrons)
                .build();
    }

    /** Ctrl-C and SIGTERM stop the process within this many seconds, whatever state the server is in. */
    static final int SHUTDOWN_SECONDS = 4;

    private void banner(Simulator sim, Map<String, Object> cliVars) {
        var config = sim.config();
        for (String f : config.secretFiles()) System.out.println("Using secrets defined in " + f);
        List<BindingTable.Row> rows = BindingTable.rows(config, cliVars, local);
        System.out.println(BindingTable.render(rows));
        for (Simulator aux : sim.auxiliaries()) {
            var namespace = aux.config().raw().get("dispatch_namespace");
            System.out.println("Auxiliary worker " + aux.displayName() + " (" + aux.config().configFile()
                    + "), reachable through service bindings"
                    + (namespace != null && namespace.isTextual() ? " and dispatch namespace \"" + namespace.asText() + "\"" : ""));
        }
        for (BindingTable.Row r : rows) {
            if (r.remoteAsked()) {
                System.err.println("[warn] " + r.binding() + " has remote = true, but workersim has no connection to Cloudflare:"
                        + " it is simulated locally (pass --local to silence this).");
            }
        }
    }

    /** "KEY:VALUE" pairs (the value may hold colons) as wrangler's --var takes them. */
    static Map<String, Object> parseVars(List<String> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int colon = p.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("--var expects KEY:VALUE, got \"" + p + "\"");
            out.put(p.substring(0, colon), p.substring(colon + 1));
        }
        return out;
    }
}
