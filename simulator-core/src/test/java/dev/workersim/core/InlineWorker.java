package dev.workersim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An inline worker for one test class, without a socket (test-fixtures' WorkerExtension does the
 * same for users; core's own tests cannot depend on that module).
 */
public final class InlineWorker implements BeforeAllCallback, AfterAllCallback {
    private final String script;
    private final String config; // wrangler.toml text (compatibility date and flags, vars), or null
    private Simulator sim;

    public InlineWorker(String script) {
        this(script, null);
    }

    public InlineWorker(String script, String config) {
        this.script = script;
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Simulator.Builder b = Simulator.builder().script(script).http(false);
        if (config != null) b.inlineConfig(config);
        sim = b.build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sim != null) sim.close();
    }

    public FetchResponse dispatchFetch(FetchRequest request) {
        return sim.dispatchFetch(request);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body of a 200 response as JSON (fails with the body as the message otherwise). */
    public static JsonNode json(FetchResponse r) throws Exception {
        assertEquals(200, r.status(), r.text());
        return JSON.readTree(r.text());
    }
}
