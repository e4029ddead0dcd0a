package dev.workersim.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A worker, run by the simulator, that the web-platform-tests driven tests post data files to:
 * {@code {"kind": ..., "vectors": ...}} in, the worker's JSON report out. Registered as a JUnit
 * extension, it runs for the whole test class.
 */
final class WptWorker implements BeforeAllCallback, AfterAllCallback {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String script;
    private Simulator sim;

    WptWorker(String script) {
        this.script = script;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sim = Simulator.builder().script(script).http(false).build();
        sim.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sim != null) sim.close();
    }

    /**
     * shared/wpt/url (the repository's sibling ../shared, seen from the simulator-core module where
     * surefire runs, or from the repository root), or null when it is absent or lacks {@code file}.
     */
    static Path urlDataDir(String file) {
        for (String candidate : List.of("../../shared/wpt/url", "../shared/wpt/url")) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(p.resolve(file))) return p;
        }
        return null;
    }

    JsonNode post(String kind, JsonNode vectors) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("kind", kind);
        body.set("vectors", vectors);
        // Escape non-ASCII: some vectors hold lone surrogates, which UTF-8 cannot carry raw.
        String text = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(body);
        FetchResponse r = sim.dispatchFetch(FetchRequest.post("http://localhost/run", text));
        assertEquals(200, r.status(), r.text());
        return JSON.readTree(r.text());
    }

    /**
     * JS the workers share: {@code newResult()} (its {@code record(name, fn)} runs one check and
     * keeps the problems it reports; {@code check(name, fn, want)} and {@code throws(name, fn)} are
     * the usual two), {@code eq} and {@code throwsTypeError}. Backslashes are
     * doubled: this is a Java text block.
     */
    static final String HARNESS = """
            function newResult() {
              const result = { passed: 0, failed: 0, failures: [] };
              const record = (name, fn) => {
                const problems = [];
                try {
                  fn(problems);
                } catch (e) {
                  problems.push(`threw ${e && e.name}: ${e && e.message}`);
                }
                if (problems.length === 0) result.passed++;
                else { result.failed++; result.failures.push(`${name}: ${problems.join("; ")}`); }
              };
              // Not enumerable: Response.json(result) sends the counts and failures only.
              Object.defineProperties(result, {
                record: { value: record },
                check: { value: (name, fn, want) => record(name, (p) => eq(p, name, show(fn()), show(want))) },
                throws: { value: (name, fn) => record(name, (p) => throwsTypeError(p, name, fn)) },
              });
              return result;
            }

            const show = (v) => (v === undefined ? "undefined" : JSON.stringify(v));
            function eq(problems, what, actual, expected) {
              if (actual !== expected) problems.push(`${what}: got ${show(actual)}, want ${show(expected)}`);
            }
            function throwsTypeError(problems, what, fn) {
              try {
                fn();
                problems.push(`${what}: did not throw`);
              } catch (e) {
                if (!(e instanceof TypeError)) problems.push(`${what}: threw ${e && e.name} (${e && e.message}), want TypeError`);
              }
            }
            """;

}
