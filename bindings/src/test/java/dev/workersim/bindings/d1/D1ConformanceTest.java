package dev.workersim.bindings.d1;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the D1 cases recorded from real wrangler dev (conformance/d1/<case>: wrangler.toml, worker.js,
 * requests.json, golden.json) and compares each JSON body with the recording.
 */
class D1ConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(D1ConformanceTest.class.getResource("/conformance/d1").toURI());
        return Files.list(root).filter(p -> Files.exists(p.resolve("golden.json"))).sorted();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheRecording(Path dir) throws IOException {
        JsonNode golden = MAPPER.readTree(dir.resolve("golden.json").toFile());
        List<Executable> checks = new ArrayList<>();
        try (Simulator sim = Simulator.builder().config(dir.resolve("wrangler.toml")).inMemory().http(false).build().start()) {
            for (JsonNode step : golden.get("steps")) {
                String path = step.get("path").asText();
                FetchResponse r = sim.dispatchFetch(FetchRequest.of(step.get("method").asText(), path));
                String where = dir.getFileName() + " " + path;
                int status = r.status();
                String text = r.text();
                checks.add(() -> assertEquals(step.get("status").asInt(), status, where + ": " + text));
                if (status != step.get("status").asInt()) continue;
                JsonNode want = step.get("body");
                JsonNode got = MAPPER.readTree(text);
                if (want.isObject() && got.isObject()) {
                    // Key by key, so a failure names the probe that differs.
                    want.fieldNames().forEachRemaining(k -> checks.add(() -> assertEquals(String.valueOf(want.get(k)),
                            String.valueOf(got.get(k)), where + " ." + k)));
                    checks.add(() -> assertEquals(want.size(), got.size(), where + ": number of keys"));
                } else {
                    checks.add(() -> assertEquals(want.toPrettyString(), got.toPrettyString(), where));
                }
            }
        }
        assertAll(checks);
    }
}
