package dev.workersim.core.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;

/**
 * The one GraalJS {@link Engine} of the process. Contexts created from a shared engine cost about
 * 0.5 ms and 0.1 MB each and share parsed code (shared/research/graaljs-probe.md §3), so every
 * worker, every reload and every test uses this engine.
 */
public final class JsEngine {
    private static volatile Engine engine;
    private static volatile String inspectAt;
    private static final ConcurrentHashMap<String, Source> RESOURCES = new ConcurrentHashMap<>();
    static final String RESOURCE_ROOT = "/dev/workersim/core/";

    private JsEngine() {
    }

    public static Engine get() {
        Engine e = engine;
        if (e == null) {
            synchronized (JsEngine.class) {
                e = engine;
                if (e == null) {
                    Engine.Builder b = Engine.newBuilder("js", "wasm").option("engine.WarnInterpreterOnly", "false");
                    if (inspectAt != null) {
                        // GraalVM's Chrome DevTools inspector: every worker's Context shows in one session.
                        b.option("inspect", inspectAt).option("inspect.Path", "workersim")
                                .option("inspect.Suspend", "false").option("inspect.WaitAttached", "false");
                    }
                    try {
                        e = b.build();
                    } catch (IllegalArgumentException noTool) {
                        throw new IllegalStateException("the debugger (--inspector-port) needs GraalVM's chromeinspector"
                                + " on the classpath (./sim adds cli/target/inspect/): " + noTool.getMessage(), noTool);
                    }
                    engine = e;
                }
            }
        }
        return e;
    }

    /**
     * Serves Chrome DevTools' protocol on 127.0.0.1:{@code port} (path /workersim) for every worker;
     * GraalVM binds it to loopback only, so a debugger is never exposed to the network.
     * Must be called before the engine is first used: the engine is made once per process.
     */
    public static synchronized void inspect(int port) {
        if (engine != null) throw new IllegalStateException("the JS engine is already running; the debugger must be set up first");
        inspectAt = String.valueOf(port);
        // GraalVM published no 25.0.4 of its tools; the 25.0.3 inspector works with this Truffle, but
        // polyglot refuses any version mix unless told not to (read once, when polyglot starts).
        System.setProperty("polyglotimpl.DisableVersionChecks", "true");
    }

    /** True when GraalJS compiles hot JS to machine code (JDK 25 with the Graal compiler). */
    public static boolean isJit() {
        return !"Interpreted".equals(get().getImplementationName());
    }

    /** A runtime JS resource (relative to dev/workersim/core/) as a cached Source, parsed once per engine. */
    static Source resource(String path) {
        return RESOURCES.computeIfAbsent(path, p -> {
            String text = resourceText(p);
            boolean module = p.endsWith(".mjs");
            try {
                return Source.newBuilder("js", text, "workersim:" + p)
                        .mimeType(module ? "application/javascript+module" : "application/javascript")
                        .internal(false)
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A JS file from anywhere on the classpath (a binding's class), as a cached script Source. */
    static Source classpathResource(String absolutePath) {
        return RESOURCES.computeIfAbsent("classpath:" + absolutePath, k -> {
            try (InputStream in = JsEngine.class.getResourceAsStream(absolutePath)) {
                if (in == null) throw new IllegalStateException("missing JS resource " + absolutePath);
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return Source.newBuilder("js", text, "workersim:" + absolutePath.substring(1)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String resourceText(String path) {
        try (InputStream in = JsEngine.class.getResourceAsStream(RESOURCE_ROOT + path)) {
            if (in == null) throw new IllegalStateException("missing runtime resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
