package dev.workersim.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.scheduled.CronScheduler;
import dev.workersim.core.scheduled.CronTriggers;
import dev.workersim.core.scheduled.LogTap;
import dev.workersim.core.scheduled.ScheduledOutcome;
import dev.workersim.core.scheduled.ScheduledRoutes;
import dev.workersim.core.scheduled.ScheduledRunner;
import dev.workersim.core.spi.Binding;
import java.time.Instant;
import dev.workersim.core.config.ConfigLoader;
import dev.workersim.core.config.WorkerConfig;
import dev.workersim.core.dev.SourceWatcher;
import dev.workersim.core.http.FrontDoor;
import dev.workersim.core.http.RequestLog;
import dev.workersim.core.runtime.DispatchTarget;
import dev.workersim.core.runtime.HeaderList;
import dev.workersim.core.runtime.IsolateSpec;
import dev.workersim.core.runtime.IncomingRequest;
import dev.workersim.core.runtime.LogSink;
import dev.workersim.core.runtime.MemoryExchange;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.runtime.WorkerError;
import dev.workersim.core.runtime.WorkerHost;
import dev.workersim.core.runtime.WorkerIsolate;
import dev.workersim.core.runtime.WorkerLoadException;
import dev.workersim.core.runtime.WorkerSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embeddable simulator: one worker, served over HTTP and callable directly.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.builder().config(Path.of("wrangler.toml")).build().start()) {
 *     FetchResponse r = sim.dispatchFetch(FetchRequest.get("/"));
 *     URI url = sim.url(); // the same worker over a socket
 * }
 * }</pre>
 * {@code sim dev} is this class plus a command line.
 */
public final class Simulator implements AutoCloseable {
    private final Builder options;
    private final WorkerConfig config;
    private final SimClock clock;
    // The workers of this simulator by name, for service bindings; shared with the auxiliary workers.
    private final dev.workersim.core.services.ServiceRegistry services;
    private final List<Simulator> auxiliaries = new java.util.ArrayList<>();
    private final Path persistRoot;
    private final dev.workersim.core.runtime.Compatibility compat;
    // Made again when an edit of the config changes a binding section (see reloadAfterEdit).
    private volatile List<Binding> bindings;
    private String bindingFingerprint;
    private final WorkerHost host;
    // Cron Triggers: the crons, how scheduled runs are made, and (sim dev) the scheduler.
    private final CronTriggers cronTriggers;
    private final ScheduledRunner scheduledRunner;
    private CronScheduler cronScheduler;
    private FrontDoor frontDoor;
    private dev.workersim.core.explorer.LocalExplorer explorer;
    private RequestLog requestLog;
    private SourceWatcher watcher;
    private dev.workersim.core.dev.ReloadTrigger reloadTrigger;
    // The front of the pipeline (custom build, bundle); null for inline code and assets-only workers.
    private final dev.workersim.core.build.WorkerBuild build;
    private volatile boolean customBuildDue = true;
    private volatile java.util.Set<Path> builtFrom = java.util.Set.of();
    private volatile boolean builtFromComplete; // builtFrom is every file the worker can load (a bundle)
    // The first build, started as soon as the config is read so that esbuild runs while the
    // bindings open and the front door starts; taken by the first load.
    private volatile java.util.concurrent.CompletableFuture<WorkerSource> firstBuild;
    private volatile boolean started;

    private Simulator(Builder b) {
        this.options = b;
        this.clock = b.sharedClock != null ? b.sharedClock : new SimClock();
        this.services = b.sharedServices != null ? b.sharedServices : new dev.workersim.core.services.ServiceRegistry();
        this.config = b.configPath != null
                ? ConfigLoader.load(b.configPath, new ConfigLoader.Options(b.environment, b.processEnv)) : null;
        if (config != null) config.warnings().forEach(w -> b.log.log(LogSink.Level.WARN, w));
        String name = config != null ? config.name() : b.name;
        Path origin = config != null ? config.configFile() : Path.of("<inline config>");
        JsonNode raw = config != null ? config.raw()
                : b.inlineConfig != null ? ConfigLoader.parseToml(b.inlineConfig, origin)
                : new ObjectMapper().createObjectNode();
        Map<String, Object> vars = new LinkedHashMap<>(config != null ? config.vars() : ConfigLoader.vars(origin, raw));
        vars.putAll(b.vars);
        Map<String, Object> inlineVars = java.util.Collections.unmodifiableMap(vars);
        ConfigLoader.Options loadOptions = new ConfigLoader.Options(b.environment, b.processEnv);
        this.persistRoot = b.inMemory ? null
                : b.persistTo != null ? b.persistTo.toAbsolutePath().normalize()
                : config != null ? config.projectDir().resolve(".wrangler").resolve("state") : null;
        this.compat = config != null
                ? dev.workersim.core.runtime.Compatibility.of(config.compatibilityDate(), config.compatibilityFlags())
                : inlineCompat(raw);
        this.build = config != null && config.main() != null
                ? new dev.workersim.core.build.WorkerBuild(name, config.projectDir(), config.raw(), b.processEnv, b.log) : null;
        if (build != null) firstBuild = java.util.concurrent.CompletableFuture.supplyAsync(this::buildNow);
        this.bindings = Bindings.create(name, raw, origin, persistRoot, clock, services);
        this.bindingFingerprint = Bindings.fingerprint(raw);
        LogTap logTap = new LogTap(b.log);
        // Every fetch() the worker makes leaves through this one handler (the network unless a test gives its own).
        dev.workersim.core.outbound.OutboundHandler outbound = b.outbound != null ? b.outbound
                : new dev.workersim.core.outbound.NetworkOutbound(name + ".example.com");
        dev.workersim.core.tail.TailConsumers tail = dev.workersim.core.tail.TailConsumers.fromConfig(
                raw.get("tail_consumers"), origin, services, b.log);
        // The build (esbuild, a custom command) runs while the isolate's Context and prelude are made.
        this.host = new WorkerHost(() -> WorkerIsolate.load(IsolateSpec.of(name, compat, this::source)
                .wasmLikely(wasmLikely()).vars(config != null ? freshVars(loadOptions) : inlineVars)
                .bindings(bindings).log(logTap).outbound(outbound).clock(clock).tail(tail)
                .evalInHandlers(b.evalInHandlers).build()), b.log);
        // ConfigLoader.crons has checked every expression (a ConfigException names the bad one).
        this.cronTriggers = CronTriggers.parse(
                config != null ? config.crons() : ConfigLoader.crons(origin, raw));
        this.scheduledRunner = new ScheduledRunner(host, logTap);
        services.register(name, host);
        installAssets(raw, origin);
        try {
            for (Builder aux : b.auxiliaries) auxiliaries.add(aux.asAuxiliaryOf(b, persistRoot, clock, services).build());
        } catch (RuntimeException e) {
            auxiliaries.forEach(Simulator::close);
            host.close();
            Bindings.closeAll(bindings, b.log);
            throw e;
        }
    }

    /** Whether the worker may need WebAssembly, guessed from its own files before its build ends. */
    private boolean wasmLikely() {
        if (config == null) return options.script != null && options.script.contains("WebAssembly");
        return config.main() != null && WorkerIsolate.mayUseWebAssembly(config.projectDir());
    }

    /** Static assets answer before the worker (FrontDoor and dispatchFetch alike), see assets/. */
    private void installAssets(JsonNode raw, Path origin) {
        Path dir = config != null ? config.projectDir() : Path.of("").toAbsolutePath();
        dev.workersim.core.assets.AssetsConfig assets = dev.workersim.core.assets.AssetsConfig.from(raw, dir, origin);
        if (assets == null) return;
        boolean navigation = compat.enabled("assets_navigation_prefers_asset_serving");
        host.frontRoute(new dev.workersim.core.assets.AssetFront(new dev.workersim.core.assets.AssetRouter(assets, navigation),
                config == null || config.main() != null));
    }

    /**
     * The env's plain values for a config-based worker, read again at every load so that an edit of
     * .dev.vars, .env or [vars] applies at the next reload, as in wrangler dev. (Binding sections
     * are compared at each reload instead: see rebindIfChanged.)
     */
    private Map<String, Object> freshVars(ConfigLoader.Options loadOptions) {
        Map<String, Object> vars;
        try {
            vars = new LinkedHashMap<>(ConfigLoader.load(config.configFile(), loadOptions).vars());
        } catch (dev.workersim.core.config.ConfigException e) {
            throw new WorkerLoadException(new WorkerError("ConfigError", e.getMessage(), null));
        }
        vars.putAll(options.vars);
        return vars;
    }

    private WorkerSource source() {
        if (config != null && config.main() == null) {
            // assets-only: the assets answer every request; the isolate only holds the env
            return WorkerSource.inline("export default {};", config.projectDir()).withCompat(compat);
        }
        if (config != null) return built();
        return WorkerSource.inline(options.script, options.root).withCompat(compat);
    }

    /**
     * The worker as wrangler would build it now: the custom build when it is due, then the bundle
     * (or the modules as they are). The config is read again, so an edit of `define` or `alias`
     * applies at the next reload. A failed build keeps the serving worker (see WorkerLoadException).
     */
    private WorkerSource built() {
        java.util.concurrent.CompletableFuture<WorkerSource> early = firstBuild;
        if (early != null) {
            firstBuild = null;
            try {
                return early.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw e;
            }
        }
        return buildNow();
    }

    private WorkerSource buildNow() {
        WorkerConfig current = config;
        try {
            // read again at each build: an edit of the config may move `main` or change how it builds
            current = ConfigLoader.load(config.configFile(), new ConfigLoader.Options(options.environment, options.processEnv));
        } catch (dev.workersim.core.config.ConfigException e) {
            // the load reports the broken config (freshVars); build with what we had
        }
        JsonNode raw = current.raw();
        Path main = current.main();
        try {
            if (build.custom() != null && customBuildDue) {
                build.custom().run();
                customBuildDue = false;
            }
            String text = Files.isRegularFile(main) ? Files.readString(main) : "";
            dev.workersim.core.build.WorkerBuild.Output out = build.build(main, raw, compat, WorkerSource.looksLikeModule(text));
            builtFrom = out.inputs();
            builtFromComplete = out.inputsComplete();
            SourceWatcher w = watcher;
            if (w != null) w.watchAlso(build.foldersOutside(out.inputs(), config.projectDir()));
            return WorkerSource.built(out.entry(), out.root(), out.module(), out.maps(), out.transpiler()).withCompat(compat)
                    .withRules(dev.workersim.core.runtime.ModuleRules.fromConfig(raw.get("rules")));
        } catch (dev.workersim.core.build.BuildFailure f) {
            String report = f.report() == null ? f.headline() : f.headline() + "\n\n" + f.report();
            throw WorkerLoadException.buildFailed(new WorkerError("BuildError", f.headline(), "Build failed: " + report));
        } catch (IOException e) {
            throw new WorkerLoadException(new WorkerError("Error", "cannot read " + main + ": " + e.getMessage(), null));
        }
    }

    /** compatibility_date and _flags of an inline config (tests); today's defaults without one. */
    private static dev.workersim.core.runtime.Compatibility inlineCompat(JsonNode raw) {
        List<String> flags = new java.util.ArrayList<>();
        if (raw.has("compatibility_flags")) raw.get("compatibility_flags").forEach(f -> flags.add(f.asText()));
        JsonNode date = raw.get("compatibility_date");
        var problems = dev.workersim.core.config.CompatibilityCheck.check(date == null ? null : date.asText(), flags).errors();
        if (!problems.isEmpty()) {
            throw new dev.workersim.core.config.ConfigException(Path.of("<inline config>"), String.join("\n",
                    problems.stream().map(p -> "`" + p.path() + "`: " + p.message()).toList()));
        }
        return dev.workersim.core.runtime.Compatibility.of(date == null ? null : date.asText(), flags);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads the worker and, unless disabled, starts listening. With {@code failOnLoadError} (the
     * default) a worker that does not load throws {@link WorkerLoadException}; without it (sim dev)
     * the server starts anyway and shows the error until the code is fixed.
     */
    public Simulator start() {
        if (started) return this;
        // Auxiliary workers load on their own threads while the primary loads (calls to them wait for it).
        List<Thread> auxLoads = new java.util.ArrayList<>();
        List<RuntimeException> startFailures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (Simulator aux : auxiliaries) {
            Thread t = new Thread(() -> {
                try {
                    aux.start();
                } catch (RuntimeException e) {
                    startFailures.add(e);
                }
            }, "load-" + aux.displayName());
            t.start();
            auxLoads.add(t);
        }
        FrontDoor door = null;
        if (options.http) {
            requestLog = options.logRequests ? new RequestLog(System.out) : null;
            door = new FrontDoor(host, options.ip, options.port, requestLog,
                    new ScheduledRoutes(scheduledRunner, clock, options.testScheduled));
            explorer = new dev.workersim.core.explorer.LocalExplorer(displayName(), persistRoot, () -> bindings,
                    () -> cronTriggers.crons().stream().map(dev.workersim.core.scheduled.CronExpression::source).toList());
            door.explorer(explorer);
            // Undertow's startup (~0.5 s of XNIO setup) overlaps the worker's load.
            FrontDoor d = door;
            Thread t = new Thread(() -> {
                try {
                    d.start();
                } catch (RuntimeException e) {
                    startFailures.add(e);
                }
            }, "front-door-start");
            t.start();
            try {
                loadOrReport();
            } catch (RuntimeException e) {
                joinQuietly(t);
                d.close(); // bound, but never to be served: release the port now
                throw e;
            }
            joinQuietly(t);
        } else {
            loadOrReport();
        }
        for (Thread t : auxLoads) joinQuietly(t);
        // A port someone else holds, or an auxiliary that failed, ends the start: serving nothing
        // while saying "Ready" helps no one.
        if (!startFailures.isEmpty()) {
            if (door != null) door.close();
            close();
            throw startFailures.get(0);
        }
        frontDoor = door;
        if (options.liveReload && config != null) {
            try {
                reloadTrigger = new dev.workersim.core.dev.ReloadTrigger(config.projectDir(), config.configFile());
                watcher = new SourceWatcher(config.projectDir(), this::reloadAfterEdit);
                if (build != null) watcher.watchAlso(build.foldersOutside(builtFrom, config.projectDir()));
                if (build != null && build.custom() != null) watcher.watchAlso(build.custom().watchDirs());
            } catch (IOException e) {
                options.log.log(LogSink.Level.WARN, "live reload is off: cannot watch " + config.projectDir() + ": " + e.getMessage());
            }
        }
        if (options.crons && !cronTriggers.isEmpty()) {
            cronScheduler = new CronScheduler(cronTriggers, clock, scheduledRunner, options.log);
        }
        started = true;
        return this;
    }

    private void loadOrReport() {
        WorkerError err = host.reload();
        if (err != null) {
            if (options.failOnLoadError) {
                host.close();
                throw new WorkerLoadException(err);
            }
            options.log.log(LogSink.Level.ERROR, err.describe());
        }
    }

    private void reloadAfterEdit(java.util.Set<Path> changed) {
        long t0 = System.nanoTime();
        boolean customInput = build != null && build.custom() != null && changed.stream().anyMatch(build.custom()::watches);
        if (customInput) customBuildDue = true;
        else if (!reloadTrigger.matters(changed, builtFrom, builtFromComplete)) return; // a log, a swap file, .wrangler/
        rebindIfChanged();
        WorkerError err = host.reload();
        if (err == null) {
            options.log.log(LogSink.Level.INFO, "Reloaded " + displayName() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } else {
            String serving = "BuildError".equals(err.name()) && host.hasWorker()
                    ? "the last good version goes on serving until it is fixed" : "serving the error until it is fixed";
            options.log.log(LogSink.Level.ERROR, "The worker failed to reload; " + serving + ":\n" + err.describe());
        }
    }

    /** Rebuilds the worker from its sources now (what live reload does after an edit). Returns the load error or null. */
    public WorkerError reload() {
        rebindIfChanged();
        return host.reload();
    }

    /**
     * After an edit of the config: when a binding section changed, the old bindings close (their
     * stores must be free before being opened again) and new ones are made for the next load, as
     * wrangler dev does. A broken config keeps the old bindings; the load then reports the error.
     */
    private synchronized void rebindIfChanged() {
        if (config == null) return;
        WorkerConfig fresh;
        try {
            fresh = ConfigLoader.load(config.configFile(), new ConfigLoader.Options(options.environment, options.processEnv));
        } catch (dev.workersim.core.config.ConfigException e) {
            return;
        }
        String fingerprint = Bindings.fingerprint(fresh.raw());
        if (fingerprint.equals(bindingFingerprint)) return;
        List<Binding> next;
        Bindings.closeAll(bindings, options.log);
        try {
            next = Bindings.create(displayName(), fresh.raw(), fresh.configFile(), persistRoot, clock, services);
        } catch (RuntimeException e) {
            options.log.log(LogSink.Level.ERROR, "The bindings could not be made again: " + e.getMessage());
            next = List.of();
        }
        bindings = next;
        bindingFingerprint = fingerprint;
        options.log.log(LogSink.Level.INFO, "Bindings changed; now: "
                + next.stream().filter(b -> !b.global()).map(b -> b.name() + " (" + b.type() + ")").toList());
    }

    public String displayName() {
        return config != null ? config.name() : options.name;
    }

    /** The base URL of the HTTP front door, e.g. http://127.0.0.1:8787/. */
    public URI url() {
        if (frontDoor == null) throw new IllegalStateException("the simulator is not listening (started with http(false), or not started)");
        String ip = options.ip.contains(":") ? "[" + options.ip + "]" : options.ip;
        return URI.create("http://" + ip + ":" + frontDoor.port() + "/");
    }

    public int port() {
        return frontDoor == null ? -1 : frontDoor.port();
    }

    /** Sends a request straight to the worker, without a socket, and waits for its whole response. */
    public FetchResponse dispatchFetch(FetchRequest request) {
        if (!started) throw new IllegalStateException("call start() first");
        MemoryExchange exchange = new MemoryExchange(request.body());
        List<String[]> headers = new java.util.ArrayList<>(request.headers());
        if (request.body() != null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("content-length"))) {
            headers.add(new String[] {"content-length", Integer.toString(request.body().length)});
        }
        host.dispatch(exchange, IncomingRequest.fromEdge(request.method(), request.url(), HeaderList.of(headers),
                request.body() != null), DispatchTarget.DEFAULT);
        try {
            MemoryExchange.Result r = exchange.result().get(options.dispatchTimeoutSeconds, TimeUnit.SECONDS);
            return new FetchResponse(r.status(), r.headers(), r.body());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the worker did not answer " + request.method() + " " + request.url()
                    + " within " + options.dispatchTimeoutSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public WorkerConfig config() {
        return config;
    }

    /**
     * Runs the worker's scheduled handler once, as a Cron Trigger would, and waits for it (and its
     * waitUntil promises) to settle. {@code cron} is what {@code controller.cron} shows; it need not
     * be one of the configured crons.
     */
    public ScheduledOutcome scheduled(String cron, Instant scheduledTime) {
        if (!started) throw new IllegalStateException("call start() first");
        try {
            return scheduledRunner.run(cron, scheduledTime).get(options.dispatchTimeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the scheduled handler for \"" + cron + "\" did not finish within "
                    + options.dispatchTimeoutSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The next {@code n} runs of the configured crons after the simulator's clock's now, in time order. */
    public List<CronTriggers.Fire> nextFireTimes(int n) {
        return cronTriggers.next(clock.now(), n);
    }

    /** The runs the cron scheduler made (latest 100, oldest first); empty unless {@code crons(true)}. */
    public List<ScheduledOutcome> pastScheduledEvents() {
        return cronScheduler == null ? List.of() : cronScheduler.pastEvents();
    }

    @Override
    public void close() {
        if (cronScheduler != null) cronScheduler.close();
        if (watcher != null) watcher.close();
        if (frontDoor != null) frontDoor.close();
        if (explorer != null) explorer.close();
        if (requestLog != null) requestLog.close();
        auxiliaries.forEach(Simulator::close);
        services.unregister(displayName(), host);
        host.close();
        if (build != null) build.close();
        Bindings.closeAll(bindings, options.log);
        // The primary owns what its workers share (auxiliaries were given its registry).
        if (options.sharedServices == null) services.closeShared();
    }

    /** The auxiliary worker of that name (configs given with {@link Builder#auxiliary}), for direct calls in tests. */
    public Simulator auxiliary(String name) {
        for (Simulator aux : auxiliaries) {
            if (aux.displayName().equals(name)) return aux;
        }
        throw new IllegalArgumentException("no auxiliary worker named \"" + name + "\"; there are "
                + auxiliaries.stream().map(Simulator::displayName).toList());
    }

    /** The auxiliary workers, in the order they were given. */
    public List<Simulator> auxiliaries() {
        return List.copyOf(auxiliaries);
    }

    /** The workers of this simulator by name and what they share (a queue broker, for test hooks). */
    public dev.workersim.core.services.ServiceRegistry workers() {
        return services;
    }

    /** The simulator's clock: move it to expire KV entries or fire crons without waiting. */
    public SimClock clock() {
        return clock;
    }

    /** Where this simulator keeps its state, or null when it is in memory. */
    public Path persistRoot() {
        return persistRoot;
    }

    /** Options for a {@link Simulator}. Either {@link #config(Path)} or {@link #script(String)}. */
    public static final class Builder {
        private Path configPath;
        private String script;
        private String inlineConfig;
        private Path persistTo;
        private boolean inMemory;
        private String name = "worker";
        private Path root = Path.of("").toAbsolutePath();
        private final Map<String, Object> vars = new LinkedHashMap<>();
        private String environment;
        private Map<String, String> processEnv = System.getenv();
        private boolean http = true;
        private String ip = "127.0.0.1";
        private int port = 0;
        private boolean logRequests = false;
        private boolean liveReload = false;
        private boolean failOnLoadError = true;
        private LogSink log = LogSink.TERMINAL;
        private dev.workersim.core.outbound.OutboundHandler outbound;
        private long dispatchTimeoutSeconds = 60;
        private boolean testScheduled = false;
        private boolean evalInHandlers = false;
        private boolean crons = false;
        private final List<Builder> auxiliaries = new java.util.ArrayList<>();
        private SimClock sharedClock;
        private dev.workersim.core.services.ServiceRegistry sharedServices;

        private Builder() {
        }

        /**
         * Another worker run beside this one (as `wrangler dev -c a.toml -c b.toml`): not served on
         * the port, reachable through service bindings by its config's {@code name}. It shares the
         * clock, the state folder, the environment and the log.
         */
        public Builder auxiliary(Path configFile) {
            Builder aux = new Builder();
            aux.configPath = configFile;
            auxiliaries.add(aux);
            return this;
        }

        /** An auxiliary worker from inline code, named {@code name} for service bindings (tests). */
        public Builder auxiliaryScript(String name, String source, String inlineConfigToml) {
            Builder aux = new Builder();
            aux.name = name;
            aux.script = source;
            aux.inlineConfig = inlineConfigToml;
            auxiliaries.add(aux);
            return this;
        }

        /** This auxiliary's options, taking what is shared from the primary's. */
        private Builder asAuxiliaryOf(Builder primary, Path persistRoot, SimClock clock,
                dev.workersim.core.services.ServiceRegistry services) {
            if (persistRoot == null) inMemory = true; else persistTo = persistRoot;
            environment = primary.environment;
            processEnv = primary.processEnv;
            root = primary.root;
            http = false;
            liveReload = primary.liveReload;
            failOnLoadError = primary.failOnLoadError;
            log = primary.log;
            outbound = primary.outbound;
            dispatchTimeoutSeconds = primary.dispatchTimeoutSeconds;
            evalInHandlers = primary.evalInHandlers;
            sharedClock = clock;
            sharedServices = services;
            return this;
        }

        /** Serve /__scheduled (as `wrangler dev --test-scheduled`); /cdn-cgi/handler/scheduled is always on. */
        public Builder testScheduled(boolean on) {
            this.testScheduled = on;
            return this;
        }

        /**
         * Lets handlers run eval and new Function. workerd refuses them once top-level code is done
         * ({@code EvalError: Code generation from strings disallowed for this context}), and so does
         * the simulator by default; a test harness that drives a worker with code strings turns this
         * on. Code that relies on it fails when deployed.
         */
        public Builder allowEvalInHandlers(boolean on) {
            this.evalInHandlers = on;
            return this;
        }

        /** Fire the configured crons on the simulator's clock (sim dev turns this on; off by default). */
        public Builder crons(boolean on) {
            this.crons = on;
            return this;
        }

        /** A wrangler.toml / wrangler.json / wrangler.jsonc file. */
        public Builder config(Path file) {
            this.configPath = file;
            return this;
        }

        /** An inline worker: ES module or service-worker syntax (detected as wrangler does). */
        public Builder script(String source) {
            this.script = source;
            return this;
        }

        /** wrangler.toml text for an inline script: its vars and bindings (e.g. {@code [[d1_databases]]}). */
        public Builder inlineConfig(String toml) {
            this.inlineConfig = toml;
            return this;
        }

        /** Keep state in {@code dir} (default: .wrangler/state next to the config; in memory for inline scripts). */
        public Builder persistTo(Path dir) {
            this.persistTo = dir;
            this.inMemory = false;
            return this;
        }

        /** Keep all state in memory: nothing is written to disk, and it is gone on close. */
        public Builder inMemory() {
            this.inMemory = true;
            this.persistTo = null;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The folder an inline script's imports are confined to (default: the working directory). */
        public Builder root(Path root) {
            this.root = root.toAbsolutePath().normalize();
            return this;
        }

        /** The config's `env.NAME` block to run (as `wrangler dev --env NAME`); default: $CLOUDFLARE_ENV, else the top level. */
        public Builder environment(String name) {
            this.environment = name;
            return this;
        }

        /**
         * The OS environment as the config sees it: CLOUDFLARE_ENV, CLOUDFLARE_INCLUDE_PROCESS_ENV,
         * CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV and secrets taken from it (default: this process's).
         */
        public Builder processEnv(Map<String, String> env) {
            this.processEnv = Map.copyOf(env);
            return this;
        }

        /** A plain env value (string or JSON-like Map/List/Number/Boolean), over the config's vars and secrets. */
        public Builder var(String name, Object value) {
            this.vars.put(name, value);
            return this;
        }

        /** Whether to listen for HTTP at all (default true, on a free port). */
        public Builder http(boolean on) {
            this.http = on;
            return this;
        }

        public Builder ip(String ip) {
            this.ip = ip;
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder logRequests(boolean on) {
            this.logRequests = on;
            return this;
        }

        /** Rebuild the worker when a file in its project folder changes (config-based workers only). */
        public Builder liveReload(boolean on) {
            this.liveReload = on;
            return this;
        }

        public Builder failOnLoadError(boolean on) {
            this.failOnLoadError = on;
            return this;
        }

        /**
         * Where the worker's outgoing fetch() requests go, one hop at a time (default: the network).
         * Tests pass a handler that answers with canned {@code OutboundResponse}s.
         */
        public Builder outbound(dev.workersim.core.outbound.OutboundHandler handler) {
            this.outbound = handler;
            return this;
        }

        /** Where console output and runtime messages go (default: the terminal). */
        public Builder log(LogSink sink) {
            this.log = sink;
            return this;
        }

        public Builder dispatchTimeoutSeconds(long seconds) {
            this.dispatchTimeoutSeconds = seconds;
            return this;
        }

        public Simulator build() {
            if ((configPath == null) == (script == null)) {
                throw new IllegalArgumentException("give the simulator either config(path) or script(source), not both or neither");
            }
            return new Simulator(this);
        }
    }

    static {
        // Quiet the interpreter-only notice on JDKs without the Graal compiler; speed is reported by `sim dev`.
        System.setProperty("polyglot.engine.WarnInterpreterOnly", "false");
    }

    /** For messages: whether JS runs compiled or interpreted in this process. */
    public static String engineMode() {
        return dev.workersim.core.runtime.JsEngine.isJit() ? "JIT" : "interpreter";
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
