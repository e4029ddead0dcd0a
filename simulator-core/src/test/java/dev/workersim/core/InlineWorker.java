package dev.workersim.core;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An inline worker for one test class, without a socket (test-fixtures' WorkerExtension does the
 * same for users; core's own tests cannot depend on that module).
 */
public final class InlineWorker implements BeforeAllCallback, AfterAllCallback {
    private final String script;
    private Simulator sim;

    public InlineWorker(String script) {
        this.script = script;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sim = Simulator.builder().script(script).http(false).build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sim != null) sim.close();
    }

    public FetchResponse dispatchFetch(FetchRequest request) {
        return sim.dispatchFetch(request);
    }
}
