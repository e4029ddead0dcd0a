package dev.workersim.core.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.testing.WorkerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the web-platform-tests driven tests share: the JS check library their workers are built on
 * ({@link #HARNESS}), where the WPT data files are, and the request that hands a worker one file
 * ({@code {"kind": ..., "vectors": ...}} in, the worker's JSON report out).
 */
final class WptChecks {
    static final ObjectMapper JSON = new ObjectMapper();

    private WptChecks() {
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

    /** Posts one data file's {@code vectors} of {@code kind} to the worker; answers its report. */
    static JsonNode post(WorkerFixture worker, String kind, JsonNode vectors) {
        return worker.postJson("http://localhost/run", Map.of("kind", kind, "vectors", vectors)).ok().json();
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
