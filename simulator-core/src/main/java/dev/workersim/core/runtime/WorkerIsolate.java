package dev.workersim.core.runtime;

import dev.workersim.core.web.console.ConsoleOps;
import dev.workersim.core.runtime.HostOps;
import dev.workersim.core.web.timers.TimerOps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One loaded worker: a GraalJS Context and the event loop that alone drives it. Requests interleave
 * on the loop as they do in one workerd isolate. A reload builds a new isolate and retires this one.
 */
public final class WorkerIsolate implements AutoCloseable, MemoryGuard.Guarded {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Only explicitly exported members of runtime ops; buffers so bodies cross without copies in JS. */
    private static final HostAccess HOST_ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT)
            .allowBufferAccess(true)
            .build();

    private static final PolyglotAccess WASM_ONLY = PolyglotAccess.newBuilder()
            .allowEval("js", "wasm").allowBindingsAccess("js").allowBindingsAccess("wasm").build();

    /** What the requests of a discarded isolate fail with (workerd's words when its isolate dies). */
    static final WorkerError CONNECTION_LOST = new WorkerError("Error", "Network connection lost.", null);

    private final String name;
    private final EventLoop loop;
    private final LogSink log;
    // The requests this isolate has not finished answering, failed if it is discarded (outOfMemory).
    private final java.util.Set<ExchangeHandle> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // Requests posted to the loop whose JS has not begun: a discarded isolate hands them back to its
    // host for the fresh one, as wrangler's proxy retries a request on the restarted workerd.
    private final java.util.Map<ExchangeHandle, java.util.function.Consumer<WorkerIsolate>> notStarted =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean discarded;
    private volatile Runnable onDiscarded; // the WorkerHost, which loads a fresh isolate
    private volatile Retry retry;          // and runs the requests this one had not begun
    private final PendingCalls pendingCalls = new PendingCalls(); // other calls a discard must fail
    private final dev.workersim.core.outbound.OutboundHandler outbound; // where fetch() goes
    private final SimClock clock; // what Date.now() reads
    private volatile Context context;
    private final CpuLedger cpu; // the CPU budgets of dispatched invocations (limits.cpuMs)
    private HostOps hostOps;
    private Value registry;  // `$`: the few values every runtime file shares (see resources README.md)
    private Value linker;    // runtime/link.js
    // Each runtime file's exports by id, for the files and binding scripts that import it.
    private final Map<String, Value> runtimeExports = new HashMap<>();
    // The source maps of the code this isolate runs (set when its build has ended).
    private volatile dev.workersim.core.build.SourceMaps maps = dev.workersim.core.build.SourceMaps.NONE;
    // Where the Context's files come from while the build still runs: nowhere (builtins only).
    private static final java.nio.file.Path BUILDING = java.nio.file.Path.of("/__workersim_building__");
    private Value dispatchFetch;
    private Value dispatchScheduled; // scheduled/scheduled.js
    private Value dispatchRpc;       // services/rpc.js
    private Value dispatchTail;      // tail/tail.js
    private dev.workersim.core.tail.TailSink tailConsumers; // where traces go (null: nobody tails this worker)
    private boolean evalInHandlers; // a test harness's switch: eval/new Function after startup (see load)
    private Value dispatchQueue;     // runtime/queue.js

    private WorkerIsolate(String name, LogSink log, dev.workersim.core.outbound.OutboundHandler outbound, SimClock clock) {
        this.name = name;
        this.log = log;
        this.outbound = outbound;
        this.clock = clock;
        this.loop = new EventLoop("worker-" + name + "-" + SEQ.incrementAndGet(), this::taskFailed);
        this.cpu = new CpuLedger(name, loop, this::interruptJs, log);
    }

    private void taskFailed(Throwable t) {
        if (discarded) return; // the cancelled Context's last words
        // A turn stopped for exceeding its CPU budget: CpuLedger has said so.
        if (t instanceof PolyglotException p && p.isInterrupted()) return;
        // The guard looks now rather than at the next collection; this isolate may be the one to blame.
        if (t instanceof OutOfMemoryError) MemoryGuard.get().check();
        log.log(LogSink.Level.ERROR, "internal error in the event loop: " + t);
    }

    /**
     * Creates the Context and runs the runtime prelude while {@code spec.build()} runs on another
     * thread, then evaluates the worker once it is built. The WebAssembly API must be chosen before
     * the build ends: {@code spec.wasmLikely()} guesses it from the project's own files, and if the
     * built code needs it after all, the load starts again with it.
     *
     * @throws WorkerLoadException when the worker fails to parse or to evaluate
     */
    public static WorkerIsolate load(IsolateSpec spec) {
        java.util.concurrent.CompletableFuture<WorkerSource> built = java.util.concurrent.CompletableFuture.supplyAsync(spec.build());
        try {
            return loadBuilt(spec, built);
        } catch (NeedsWasm e) {
            return loadBuilt(spec.withWasm(), built);
        }
    }

    private static WorkerIsolate loadBuilt(IsolateSpec spec, java.util.concurrent.CompletableFuture<WorkerSource> built) {
        WorkerIsolate[] self = new WorkerIsolate[1];
        // Everything the worker logs (errors' stacks included) reads through its source maps.
        LogSink log = spec.log();
        LogSink mapped = (level, text) -> log.log(level, self[0].maps.rewrite(text));
        WorkerIsolate isolate = new WorkerIsolate(spec.name(), mapped, spec.outbound(), spec.clock());
        self[0] = isolate;
        isolate.tailConsumers = spec.tail();
        isolate.evalInHandlers = spec.evalInHandlers();
        try {
            isolate.loop.call(() -> {
                isolate.init(spec.compat(), spec.wasmLikely(), built, spec.vars(), spec.bindings());
                return null;
            });
            MemoryGuard.get().watch(isolate);
            return isolate;
        } catch (RuntimeException e) {
            isolate.close();
            throw e;
        }
    }

    /**
     * A guess, before the build, of whether a project's worker will need the WebAssembly API: its
     * own files (a .wasm file, or code naming WebAssembly). The built code is checked again.
     */
    public static boolean mayUseWebAssembly(java.nio.file.Path projectDir) {
        return WasmUse.neededIn(projectDir, true);
    }

    /** The built code needs WebAssembly, which this Context was made without. */
    private static final class NeedsWasm extends RuntimeException {
        NeedsWasm() {
            super(null, null, false, false);
        }
    }

    /** The build's result; a failed build rethrows its WorkerLoadException as it was thrown. */
    private static WorkerSource await(java.util.concurrent.CompletableFuture<WorkerSource> built) {
        try {
            return built.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** WORKERSIM_TRACE_STARTUP=1 prints how long each step of loading a worker takes. */
    private static final boolean TRACE = System.getenv("WORKERSIM_TRACE_STARTUP") != null;

    private static long trace(String step, long since) {
        long now = System.nanoTime();
        if (TRACE) System.err.printf("[startup] %-28s %6.1f ms%n", step, (now - since) / 1e6);
        return now;
    }

    private void init(Compatibility compat, boolean wasmWanted, java.util.concurrent.CompletableFuture<WorkerSource> built,
            Map<String, Object> vars, java.util.List<dev.workersim.core.spi.Binding> bindings) {
        long t = System.nanoTime();
        Map<String, byte[]> builtins = new HashMap<>();
        java.util.List<String[]> modules = JsPrelude.modules(compat);
        for (String[] m : modules) {
            builtins.put(m[0], JsEngine.resourceText(m[1]).getBytes(StandardCharsets.UTF_8));
        }
        JsPrelude.bareAliases(compat).forEach((name, text) -> builtins.put(name, text.getBytes(StandardCharsets.UTF_8)));
        OutputStream guestOut = new LineLogStream(log);
        boolean wasm = wasmWanted && WasmUse.AVAILABLE;
        // The build's folder is known only when it ends; until then, the builtin modules alone.
        LateFileSystem files = new LateFileSystem(new ModuleFileSystem(BUILDING, builtins));
        context = Context.newBuilder("js", "wasm")
                .engine(JsEngine.get())
                .allowExperimentalOptions(true)
                // Sandbox: nothing of the host but the confined module loader.
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                // JS may reach GraalWasm only, for the WebAssembly API (GraalJS runs wasm through it).
                .allowPolyglotAccess(WASM_ONLY)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowIO(IOAccess.newBuilder().fileSystem(files).build())
                .out(guestOut)
                .err(guestOut)
                .option("js.esm-eval-returns-exports", "true")
                .option("js.text-encoding", "true")
                // The TC39 AsyncContext proposal: a context that follows await and promise reactions,
                // which AsyncLocalStorage (node:async_hooks) is built on. Its global is removed.
                .option("js.async-context", "true")
                .option("js.ecmascript-version", "staging")
                .option("js.print", "false")
                .option("js.load", "false")
                // The `Graal` global only for Graal.setUnhandledPromiseRejectionHandler, which the
                // "handler" mode calls after each microtask checkpoint with the promises rejected and
                // still unhandled (runtime/internal.js takes it and deletes the global).
                .option("js.graal-builtin", "true")
                .option("js.unhandled-rejections", "handler")
                .option("js.polyglot-builtin", "false")
                .option("js.java-package-globals", "false")
                .option("js.global-property", "false")
                .option("js.webassembly", Boolean.toString(wasm))
                .build();
        t = trace("engine + context", t);
        context.enter();
        ModuleFileSystem moduleFiles = null;
        WorkerSource source = null;
        try {
            Value host = runPrelude(compat);
            if (evalInHandlers) registry.putMember("evalInHandlers", true); // web/codegen/code-generation.js
            if (wasmWanted && !wasm) host.invokeMember("webAssemblyUnavailable", Runtime.version().feature());
            t = trace("runtime prelude (JS)", t);
            if (tailConsumers != null) host.invokeMember("setTailConsumers", tailConsumers);
            host.invokeMember("setEnv", JsonText.write(vars));
            Map<String, Value> bindingScripts = new HashMap<>();
            for (dev.workersim.core.spi.Binding b : bindings) {
                Value factory = factoryOf(b.kind(), bindingScripts);
                host.invokeMember("addBinding", b.name(), factory, b.opsFor(loop), b.configJson(), b.global());
            }
            t = trace("bindings", t);
            source = await(built);
            t = trace("waited for the build", t);
            maps = source.maps();
            if (!wasmWanted && WasmUse.needed(source)) {
                // The guess missed: start again with the API, or (before Java 21) say what it needs.
                if (WasmUse.AVAILABLE) throw new NeedsWasm();
                host.invokeMember("webAssemblyUnavailable", Runtime.version().feature());
            }
            // Also transpiles TypeScript/JSX modules (into source.maps()) when nothing bundled them.
            WorkerSource s = source;
            moduleFiles = new ModuleFileSystem(s.root(), builtins, spec -> JsPrelude.missingModule(compat, spec), s.rules(), s.maps())
                    .transpiler(s.transpiler()).onCompiledWasm(hostOps.codeGeneration::projectWasm);
            files.use(moduleFiles);
            host.invokeMember("finishEnv", !source.module());
            // Evaluate the builtin modules now, while their private hand-off from the prelude exists;
            // each node: one's namespace is kept for node:module's synchronous require().
            for (String[] m : modules) {
                String prime = "import * as ns from '" + m[0] + "';\n"
                        + "globalThis.__workersimBuiltins.node?.internals.builtins.set('" + m[0] + "', ns);";
                context.eval(Source.newBuilder("js", prime, "prime-" + m[1])
                        .mimeType("application/javascript+module").buildLiteral());
            }
            host.invokeMember("sealBuiltins");
            t = trace("builtin modules", t);
            Value exports = evalWorker(source, moduleFiles);
            t = trace("worker code", t);
            host.invokeMember("setWorker", exports == null ? Value.asValue(null) : exports, source.module());
            host.invokeMember("closeCodeGeneration");
            dispatchFetch = host.getMember("dispatchFetch");
            dispatchScheduled = host.getMember("dispatchScheduled");
            dispatchRpc = host.getMember("dispatchRpc");
            dispatchTail = host.getMember("dispatchTail");
            dispatchQueue = host.getMember("dispatchQueue");
        } catch (PolyglotException e) {
            // A module that does not transpile or a package that is not installed: a build failure
            // (the last good version goes on serving), not an error of the worker's code.
            WorkerError build = moduleFiles == null ? null : moduleFiles.buildError(e.getMessage());
            if (build != null) throw WorkerLoadException.buildFailed(build);
            if (source == null) throw new WorkerLoadException(new WorkerError("Error", String.valueOf(e.getMessage()), null));
            throw new WorkerLoadException(describe(e, source));
        } finally {
            context.leave();
        }
    }

    /**
     * Runs the runtime's JS files in the order JsModuleGraph derives from their imports, each with its
     * imports' exports; returns the root's exports (what the host calls).
     */
    private Value runPrelude(Compatibility compat) {
        TimerOps timers = new TimerOps(loop, clock);
        HostOps ops = new HostOps(new ConsoleOps(log), timers, new dev.workersim.core.web.fetch.FetchOps(loop, outbound),
                new dev.workersim.core.runtime.StackOps(text -> maps.rewrite(text)));
        hostOps = ops;
        registry = context.eval("js", "({})");
        // Known before any runtime file runs: some APIs exist only under a flag ($.compat.nodejs_compat).
        registry.putMember("compat", context.eval("js", "JSON.parse").execute(JsonText.write(compat.flagStates())));
        linker = context.eval(JsEngine.resource(JsModuleGraph.LINKER));
        for (JsModuleGraph.Module m : JsModuleGraph.prelude()) {
            long t = System.nanoTime();
            runtimeExports.put(m.id(), link(m.resource(), m.imports(), context.eval(JsEngine.resource(m.resource()))));
            if (TRACE) trace("  " + m.resource(), t);
        }
        Value host = runtimeExports.get(JsModuleGraph.ROOT);
        Value fire = host.getMember("fireTimer");
        timers.onFire(id -> fire.execute(id));
        return host;
    }

    /** Runs one file's installer with the exports of the files it imports (loaded already); its exports. */
    private Value link(String file, java.util.List<String> imports, Value installer) {
        Object[] args = new Object[5 + imports.size()];
        args[0] = file;
        args[1] = String.join(", ", imports);
        args[2] = installer;
        args[3] = hostOps;
        args[4] = registry;
        for (int i = 0; i < imports.size(); i++) {
            Value exports = runtimeExports.get(imports.get(i));
            if (exports == null) {
                throw new IllegalStateException(file + " imports " + imports.get(i) + ", which is not a runtime file");
            }
            args[5 + i] = exports;
        }
        return linker.execute(args);
    }

    /**
     * The JS factory of a binding kind: its script's export named after the type (the script runs once
     * per isolate). A script without that export stops the start, naming the script, the type and what
     * the script does export, so a kind and its script cannot drift apart unnoticed.
     */
    private Value factoryOf(dev.workersim.core.spi.BindingKind kind, Map<String, Value> loaded) {
        Value exports = loaded.computeIfAbsent(kind.jsResource(), this::loadBindingScript);
        Value factory = exports.getMember(kind.type());
        if (factory == null || !factory.canExecute()) {
            throw new WorkerLoadException(new WorkerError("Error", "binding type \"" + kind.type() + "\": its script "
                    + kind.jsResource() + " exports no factory function named \"" + kind.type() + "\" (it exports: "
                    + String.join(", ", exports.getMemberKeys()) + ")", null));
        }
        return factory;
    }

    /** A binding's JS script: same convention as the runtime's files, importing from them; its exports. */
    private Value loadBindingScript(String resource) {
        Source source = JsEngine.classpathResource(resource);
        java.util.List<String> imports = JsModuleGraph.importsOf(resource, source.getCharacters().toString());
        return link(resource.substring(1), imports, context.eval(source));
    }

    private Value evalWorker(WorkerSource source, ModuleFileSystem files) {
        try {
            Source src;
            if (source.inlineText() != null) {
                src = Source.newBuilder("js", source.inlineText(), source.displayName())
                        .mimeType(source.module() ? "application/javascript+module" : "application/javascript")
                        .build();
            } else {
                String text = files.entryText(source.entry()); // TypeScript/JSX transpiled
                src = Source.newBuilder("js", files.entryFile(source.entry()))
                        .content(text)
                        .mimeType(source.module() ? "application/javascript+module" : "application/javascript")
                        .build();
            }
            Value result = context.eval(src);
            return source.module() ? result : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read worker " + source.entry(), e);
        }
    }

    /** A load failure as file:line:column plus the JS error, for the terminal and the error page. */
    static WorkerError describe(PolyglotException e, WorkerSource source) {
        String msg = e.getMessage() == null ? "unknown error" : e.getMessage();
        if (e.isSyntaxError()) {
            SourceSection at = e.getSourceLocation();
            String where = at == null ? source.displayName() : location(at, source);
            // GraalJS prefixes the message with the location already; keep only the description.
            String detail = msg.replaceFirst("^\\S+:\\d+(:\\d+)?\\s*", "").replaceFirst("^SyntaxError:\\s*", "");
            return new WorkerError("SyntaxError", where + " " + detail, "SyntaxError: " + detail + "\n    at " + where);
        }
        String name = "Error";
        String message = msg;
        int colon = msg.indexOf(": ");
        if (colon > 0 && msg.substring(0, colon).matches("[A-Za-z]*Error")) {
            name = msg.substring(0, colon);
            message = msg.substring(colon + 2);
        }
        StringBuilder stack = new StringBuilder(name + ": " + message);
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame()) continue;
            SourceSection s = f.getSourceLocation();
            if (s == null || s.getSource().getName().startsWith("workersim:")) continue;
            stack.append("\n    at ").append(f.getRootName() == null || f.getRootName().isEmpty() ? "<module>" : f.getRootName())
                    .append(" (").append(location(s, source)).append(')');
        }
        return new WorkerError(name, message, stack.toString());
    }

    /** file:line:column of a section, through the worker's source maps when one covers it. */
    private static String location(SourceSection s, WorkerSource source) {
        String path = s.getSource().getPath();
        if (path != null) {
            dev.workersim.core.build.SourceMap.Position p = source.maps().original(
                    java.nio.file.Path.of(path).toAbsolutePath().normalize().toString(), s.getStartLine(), s.getStartColumn());
            if (p != null) return dev.workersim.core.build.SourceMaps.display(p.source()) + ":" + p.line() + ":" + p.column();
        }
        return displayPath(s, source) + ":" + s.getStartLine() + ":" + s.getStartColumn();
    }

    private static String displayPath(SourceSection s, WorkerSource source) {
        String path = s.getSource().getPath();
        if (path == null) return s.getSource().getName();
        java.nio.file.Path p = java.nio.file.Path.of(path);
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : path;
    }

    /** Hands one request to the worker's handler named by {@code target}. Safe from any thread; the work happens on the loop. */
    public void dispatch(ExchangeHandle exchange, IncomingRequest request, DispatchTarget target) {
        exchange.attach(loop);
        java.util.function.Consumer<WorkerIsolate> again = fresh -> fresh.dispatch(exchange, request, target);
        if (discarded && retry != null) {
            retry.run(exchange, again); // raced with outOfMemory
            return;
        }
        track(exchange);
        notStarted.put(exchange, again);
        loop.post(() -> {
            if (notStarted.remove(exchange) == null) return; // handed back to the host
            try {
                Invocation invocation = target.invocation();
                dispatchFetch.execute(exchange, request, target.entrypoint(),
                        invocation == null ? null : invocation.begin(cpu, loop, outbound));
            } catch (PolyglotException e) {
                exchange.failFromHost(hostError(e));
            }
        });
    }

    /** Runs the scheduled handler once (Cron Triggers); {@code done} hears how it ended. Safe from any thread. */
    public void dispatchScheduled(String cron, double scheduledTimeMillis,
            dev.workersim.core.scheduled.ScheduledCompletion done) {
        track(done.future(), () -> done.failFromHost(CONNECTION_LOST));
        loop.post(() -> {
            try {
                dispatchScheduled.execute(done, cron, scheduledTimeMillis);
            } catch (PolyglotException e) {
                done.failFromHost(hostError(e));
            }
        });
    }

    /**
     * Runs the queue handler once on a batch of {@code queue}: {@code messagesJson} is an array of
     * {id, timestamp, attempts, contentType, body} (see runtime/queue.js), {@code metadataJson} the
     * batch's metadata. {@code done} hears what the handler asked for. Safe from any thread.
     */
    public void dispatchQueue(String queue, String messagesJson, String metadataJson, QueueCompletion done) {
        track(done.future(), () -> done.failFromHost(CONNECTION_LOST));
        loop.post(() -> {
            try {
                dispatchQueue.execute(done, queue, messagesJson, metadataJson);
            } catch (PolyglotException e) {
                done.failFromHost(hostError(e));
            }
        });
    }

    /**
     * Calls {@code method} on the entrypoint {@code target} names, with arguments in wire text, as
     * its {@link Invocation} if it has one; {@code caller} hears the result.
     */
    public void dispatchRpc(DispatchTarget target, String method, String argsWire, RpcCompletion caller) {
        RpcCompletion done = PendingCalls.tracked(caller, pendingCalls);
        if (discarded) { // raced with outOfMemory
            done.reject(CONNECTION_LOST.name(), CONNECTION_LOST.message(), null);
            return;
        }
        loop.post(() -> {
            try {
                Invocation invocation = target.invocation();
                dispatchRpc.execute(target.entrypoint(), method, argsWire, done,
                        invocation == null ? null : invocation.begin(cpu, loop, outbound));
            } catch (PolyglotException e) {
                WorkerError err = hostError(e);
                done.reject(err.name(), err.message(), err.stack());
            }
        });
    }

    /** Calls the tail() handler with the TraceItems of a producer's invocation (a JSON array). */
    public void dispatchTail(String itemsJson) {
        loop.post(() -> {
            try {
                dispatchTail.execute(itemsJson);
            } catch (PolyglotException e) {
                log.log(LogSink.Level.ERROR, "tail(): " + e.getMessage());
            }
        });
    }

    public EventLoop loop() {
        return loop;
    }

    /** Stops the JS running now on the loop (a runaway past its CPU budget); the Context stays usable. */
    private void interruptJs() {
        Context c = context;
        if (c == null) return; // discarded
        try {
            c.interrupt(java.time.Duration.ofSeconds(2));
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            log.log(LogSink.Level.ERROR, "could not stop the worker's JS in time: " + e.getMessage());
        }
    }

    /** Keeps a scheduled run or queue batch until {@code ended} completes, so that a discarded isolate can fail it. */
    private void track(java.util.concurrent.CompletableFuture<?> ended, Runnable fail) {
        PendingCalls.Call call = pendingCalls.open(e -> fail.run());
        ended.whenComplete((r, t) -> call.end());
        if (discarded) pendingCalls.failAll(CONNECTION_LOST); // raced with outOfMemory
    }

    /** Keeps {@code exchange} until it is answered, so that a discarded isolate can fail it. */
    private void track(ExchangeHandle exchange) {
        inFlight.add(exchange);
        exchange.whenSettled(() -> inFlight.remove(exchange));
        if (discarded) exchange.abortFromHost(CONNECTION_LOST); // raced with outOfMemory
    }

    /** Where a discarded isolate's requests that had not begun go: {@code again} runs one on the fresh isolate. */
    @FunctionalInterface
    public interface Retry {
        void run(ExchangeHandle exchange, java.util.function.Consumer<WorkerIsolate> again);
    }

    @Override
    public String workerName() {
        return name;
    }

    @Override
    public Thread loopThread() {
        return loop.thread();
    }

    /**
     * {@code discarded} runs once if the memory guard discards this isolate; {@code retry} then gets
     * each request whose JS had not begun.
     */
    public void onDiscarded(Runnable discarded, Retry retry) {
        this.onDiscarded = discarded;
        this.retry = retry;
    }

    /**
     * The memory guard blames this isolate for a full heap. In this order: its Context is cancelled
     * (from another thread: GraalJS stops the JS at its next safepoint, and the Context's heap
     * becomes garbage), the terminal hears why, the host starts loading a fresh isolate, the loop
     * stops, the requests whose JS had not begun go back to the host, and those not yet answered
     * fail with "Network connection lost." (as does what the cancelled JS leaves, see hostError).
     * The cancel is waited for a few seconds at most: a loop blocked in host code must not hold
     * the guard.
     */
    @Override
    public void outOfMemory(String why) {
        if (discarded) return;
        discarded = true;
        Context c = context;
        forgetContext();
        // The cancel first: the JS is still allocating.
        Thread cancel = new Thread(() -> {
            try {
                if (c != null) c.close(true);
            } catch (RuntimeException ignored) {
                // already cancelled or closed
            }
        }, "cancel-" + name);
        cancel.setDaemon(true);
        cancel.start();
        log.log(LogSink.Level.ERROR, why);
        // The host stops sending requests here before the ones in flight fail: a client that retries
        // at once must reach the fresh isolate, not this one.
        Runnable r = onDiscarded;
        if (r != null) r.run();
        loop.close();
        Retry handBack = retry;
        for (ExchangeHandle x : notStarted.keySet()) {
            java.util.function.Consumer<WorkerIsolate> again = notStarted.remove(x);
            if (again == null || handBack == null) continue;
            inFlight.remove(x);
            handBack.run(x, again);
        }
        for (ExchangeHandle x : inFlight) x.abortFromHost(CONNECTION_LOST);
        inFlight.clear();
        pendingCalls.failAll(CONNECTION_LOST); // RPC calls, scheduled runs, queue batches waiting in its JS
        try {
            cancel.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a call fails with when the JS threw past the runtime; on a discarded isolate, the lost connection. */
    private WorkerError hostError(PolyglotException e) {
        return discarded ? CONNECTION_LOST : new WorkerError("Error", String.valueOf(e.getMessage()), null);
    }

    /** Drops every reference into the Context, so that nothing of its heap stays reachable from here. */
    private void forgetContext() {
        context = null;
        hostOps = null;
        dispatchFetch = null;
        dispatchScheduled = null;
        dispatchRpc = null;
        dispatchTail = null;
        dispatchQueue = null;
    }

    @Override
    public void close() {
        MemoryGuard.get().forget(this);
        Context c = context;
        cpu.close();
        loop.post(() -> {
            if (c != null) {
                try {
                    c.close(true);
                } catch (RuntimeException ignored) {
                    // close(true) of a context that was cancelled rethrows; nothing left to free
                }
            }
            loop.close();
        });
        if (c == null) loop.close();
    }

    /** GraalJS's own print output (should user code reach it) goes to the log, line by line. */
    private static final class LineLogStream extends OutputStream {
        private final LogSink log;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineLogStream(LogSink log) {
            this.log = log;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                log.log(LogSink.Level.LOG, line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
