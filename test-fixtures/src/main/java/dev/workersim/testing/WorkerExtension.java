package dev.workersim.testing;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a worker for a JUnit 5 test class, in the WireMock style:
 *
 * <pre>{@code
 * @RegisterExtension
 * static WorkerExtension worker = WorkerExtension.forConfig(Path.of("wrangler.toml"));
 *
 * @Test void hello() {
 *     assertEquals("Hello World", worker.fetch("/").text());   // no socket
 *     HttpClient.newHttpClient().send(HttpRequest.newBuilder(worker.url())...);  // or over HTTP
 * }
 * }</pre>
 * The worker starts before the first test of the class and stops after the last.
 */
public final class WorkerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Simulator.Builder builder;
    private Simulator simulator;

    private WorkerExtension(Simulator.Builder builder) {
        this.builder = builder;
    }

    /** A worker from a wrangler.toml / wrangler.json(c). */
    public static WorkerExtension forConfig(Path config) {
        return new WorkerExtension(Simulator.builder().config(config));
    }

    /** A worker from inline source (ES module or service-worker syntax). */
    public static WorkerExtension forScript(String source) {
        return new WorkerExtension(Simulator.builder().script(source));
    }

    /** Adjusts the simulator's options (vars, logging, ...) before it starts. */
    public WorkerExtension configure(UnaryOperator<Simulator.Builder> options) {
        options.apply(builder);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = builder.build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null) simulator.close();
        simulator = null;
    }

    public Simulator simulator() {
        if (simulator == null) throw new IllegalStateException("the worker runs only while the test class runs");
        return simulator;
    }

    public FetchResponse fetch(String path) {
        return simulator().dispatchFetch(FetchRequest.get(path));
    }

    public FetchResponse fetch(FetchRequest request) {
        return simulator().dispatchFetch(request);
    }

    /** The worker's base URL over HTTP. */
    public URI url() {
        return simulator().url();
    }
}
