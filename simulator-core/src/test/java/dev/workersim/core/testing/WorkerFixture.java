package dev.workersim.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one way workersim's own tests run a worker: inline JS (or a wrangler.toml) plus bindings,
 * started through the public {@link Simulator} API, asked with requests that need no socket, answered
 * as {@link WorkerResponse}s with easy readers.
 *
 * <pre>{@code
 * @RegisterExtension
 * static WorkerFixture worker = WorkerFixture.script("""
 *         export default { fetch: async (req, env) => Response.json({ count: 3 }) }
 *         """).toml("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"abc\"");
 *
 * @Test void counts() {
 *     JsonNode json = worker.getJson("/");
 *     assertEquals(3, json.get("count").asInt());
 * }
 * }</pre>
 *
 * On a static field it runs for the test class; on an instance field, for each test; or
 * {@code try (var w = WorkerFixture.script(js).persistTo(dir).start()) {...}} inside a test (again
 * over the same folder for a restart). test-fixtures' {@code WorkerExtension} is the same idea for
 * users; this one lives in simulator-core's test-jar because core's own tests cannot depend on that
 * module (it depends on core), and the bindings' and cli's tests share it from there.
 */
public final class WorkerFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        AutoCloseable {
    /** Writes request bodies with non-ASCII escaped: test vectors hold lone surrogates, which UTF-8 cannot carry raw. */
    private static final ObjectMapper JSON_OUT = new ObjectMapper().configure(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
    private final Simulator.Builder builder; // null for a view of a simulator someone else runs
    private Simulator simulator;
    /** Whether JUnit started it for one test (instance field) rather than for the class. */
    private boolean perTest;

    private WorkerFixture(Simulator.Builder builder) {
        this.builder = builder.http(false);
    }

    /** A view of a worker another fixture runs (an auxiliary worker); closing it leaves the worker running. */
    private WorkerFixture(Simulator running) {
        this.builder = null;
        this.simulator = running;
    }

    /** A worker from inline source (ES module or service-worker syntax). */
    public static WorkerFixture script(String source) {
        return new WorkerFixture(Simulator.builder().script(source));
    }

    /** A worker from a wrangler.toml / wrangler.json(c). */
    public static WorkerFixture config(Path file) {
        return new WorkerFixture(Simulator.builder().config(file));
    }

    /** A worker from a builder a shared test helper prepared (e.g. the build tests' TestEsbuild.simulator). */
    public static WorkerFixture of(Simulator.Builder builder) {
        return new WorkerFixture(builder);
    }

    /** wrangler.toml text for an inline script: compatibility date and flags, vars, bindings. */
    public WorkerFixture toml(String config) {
        if (config != null) builder.inlineConfig(config);
        return this;
    }

    /** Keeps state in {@code dir} (null: the simulator's default, in memory for inline scripts). */
    public WorkerFixture persistTo(Path dir) {
        if (dir != null) builder.persistTo(dir);
        return this;
    }

    /** Also listens on a free local port, for tests that speak HTTP ({@link #url()}). */
    public WorkerFixture http() {
        builder.http(true);
        return this;
    }

    /** Any other simulator option (name, outbound handler, log sink, auxiliary workers...). */
    public WorkerFixture configure(UnaryOperator<Simulator.Builder> options) {
        options.apply(builder);
        return this;
    }

    /** The worker run beside this one under {@code name} (Simulator.Builder.auxiliaryScript / auxiliary). */
    public WorkerFixture auxiliary(String name) {
        return new WorkerFixture(simulator().auxiliary(name));
    }

    public WorkerFixture start() {
        if (simulator == null) simulator = builder.build().start();
        return this;
    }

    @Override
    public void close() {
        if (simulator != null && builder != null) simulator.close();
        simulator = null;
    }

    public Simulator simulator() {
        if (simulator == null) throw new IllegalStateException("the worker is not running: start() it or register it as an extension");
        return simulator;
    }

    /** The worker's base URL over HTTP (after {@link #http()}). */
    public URI url() {
        return simulator().url();
    }

    // --- acting on it ---

    public WorkerResponse fetch(FetchRequest request) {
        return new WorkerResponse(request.method() + " " + request.url(), simulator().dispatchFetch(request));
    }

    public WorkerResponse get(String path) {
        return fetch(FetchRequest.get(path));
    }

    public WorkerResponse post(String path, String body) {
        return fetch(FetchRequest.post(path, body));
    }

    /** POSTs {@code body} (a Map, List, JsonNode or record) written as JSON. */
    public WorkerResponse postJson(String path, Object body) {
        try {
            return fetch(FetchRequest.post(path, JSON_OUT.writeValueAsString(body)).header("content-type", "application/json"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON: " + e.getMessage(), e);
        }
    }

    /** GET {@code path}, which must answer 200, as JSON. */
    public com.fasterxml.jackson.databind.JsonNode getJson(String path) {
        return get(path).ok().json();
    }

    /** GET {@code path}, which must answer 200, as text. */
    public String getText(String path) {
        return get(path).ok().text();
    }

    /**
     * GETs {@code path} until its answer satisfies {@code until} (work that runs on its own time:
     * queue consumers, alarms, waitUntil), failing after 10 s with the last answer.
     */
    public WorkerResponse await(String path, Predicate<WorkerResponse> until) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        WorkerResponse last;
        do {
            last = get(path);
            if (until.test(last)) return last;
            Thread.sleep(20);
        } while (System.nanoTime() < end);
        throw new AssertionError(path + " never answered as awaited; last: " + last);
    }

    /** GETs {@code path} until its 200 body contains {@code text}; answers that body. */
    public String awaitText(String path, String text) throws InterruptedException {
        return await(path, r -> r.status() == 200 && r.text().contains(text)).text();
    }

    // --- JUnit: a static field runs for the class, an instance field for each test ---

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) close();
    }
}
