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
    private static final ConcurrentHashMap<String, Source> RESOURCES = new ConcurrentHashMap<>();
    static final String RESOURCE_ROOT = "/dev/workersim/core/js/";

    private JsEngine() {
    }

    public static Engine get() {
        Engine e = engine;
        if (e == null) {
            synchronized (JsEngine.class) {
                e = engine;
                if (e == null) {
                    e = Engine.newBuilder("js", "wasm")
                            .option("engine.WarnInterpreterOnly", "false")
                            .build();
                    engine = e;
                }
            }
        }
        return e;
    }

    /** True when GraalJS compiles hot JS to machine code (JDK 25 with the Graal compiler). */
    public static boolean isJit() {
        return !"Interpreted".equals(get().getImplementationName());
    }

    /** A runtime JS resource (relative to the js/ folder) as a cached Source, parsed once per engine. */
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
            if (in == null) throw new IllegalStateException("missing runtime resource js/" + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
