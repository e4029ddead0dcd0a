package dev.workersim.cli;

import dev.workersim.core.Simulator;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.config.ConfigLoader;
import dev.workersim.core.runtime.WorkerLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sim dev`: serve a worker locally, reloading it when its files change, like `wrangler dev`. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Serve a Worker locally with simulated bindings.",
                "Reads wrangler.toml / wrangler.json / wrangler.jsonc as wrangler does."})
final class DevCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PATH",
            description = "A project folder or a config file (default: the config found from the current folder).")
    Path path;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file; repeat for several workers (the first is served, the others are auxiliary).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--ip", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String ip;

    @Option(names = "--port", defaultValue = "8787", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--persist-to", paramLabel = "DIR",
            description = "Where local state lives (default: .wrangler/state next to the config).")
    Path persistTo;

    @Option(names = "--test-scheduled", description = "Expose /__scheduled to trigger the scheduled() handler.")
    boolean testScheduled;

    @Option(names = "--no-crons", negatable = false,
            description = "Do not fire the configured Cron Triggers on their schedule (they fire by default, in UTC).")
    boolean noCrons;

    @Option(names = "--local", description = "Keep every binding local (remote: true is ignored).")
    boolean local;

    @Option(names = "--no-live-reload", negatable = false, description = "Do not rebuild the worker when its files change.")
    boolean noLiveReload;

    @Option(names = "--log-requests", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print one line per request (default: on).")
    boolean logRequests;

    @Override
    public Integer call() throws Exception {
        Path config;
        try {
            config = resolveConfig();
        } catch (ConfigException e) {
            System.err.println("✘ " + e.getMessage());
            return 2;
        }
        if (configs.size() > 1) {
            System.err.println("[warn] auxiliary workers (" + configs.subList(1, configs.size())
                    + ") are not served yet; only " + configs.get(0) + " runs.");
        }
        long t0 = System.nanoTime();
        Simulator sim;
        try {
            Simulator.Builder builder = Simulator.builder().config(config);
            if (persistTo != null) builder.persistTo(persistTo);
            sim = builder
                    .ip(ip)
                    .port(port)
                    .logRequests(logRequests)
                    .liveReload(!noLiveReload)
                    .failOnLoadError(false)
                    .testScheduled(testScheduled)
                    .crons(!noCrons)
                    .build();
        } catch (ConfigException e) {
            System.err.println("✘ " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            sim.start();
        } catch (WorkerLoadException e) {
            // not reached with failOnLoadError(false), kept for clarity
            System.err.println("✘ " + e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("✘ cannot start: " + e.getMessage());
            return 1;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("⎔ " + sim.displayName() + " (" + Simulator.engineMode() + ", Java " + Runtime.version().feature()
                + ") ready in " + ms + " ms");
        System.out.println("Ready on " + sim.url());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private Path resolveConfig() {
        if (!configs.isEmpty()) return configs.get(0);
        if (path != null) {
            if (Files.isDirectory(path)) {
                Path found = null;
                for (String n : ConfigLoader.FILE_NAMES) {
                    if (Files.isRegularFile(path.resolve(n))) {
                        found = path.resolve(n);
                        break;
                    }
                }
                if (found == null) throw new ConfigException(path, "no wrangler.toml, wrangler.json or wrangler.jsonc in this folder");
                return found;
            }
            return path;
        }
        Path found = ConfigLoader.find(Path.of(""));
        if (found == null) {
            throw new ConfigException(Path.of("").toAbsolutePath(),
                    "no wrangler.toml, wrangler.json or wrangler.jsonc here or above; pass a folder or -c FILE");
        }
        return found;
    }
}
