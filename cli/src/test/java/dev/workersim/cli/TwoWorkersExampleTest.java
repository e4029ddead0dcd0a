package dev.workersim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/two-workers, laid out for wrangler (two configs, a .dev.vars, an [env.staging] block),
 * run as `sim dev -c web/wrangler.toml -c api/wrangler.toml [-e staging]` runs it.
 */
class TwoWorkersExampleTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "two-workers").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Simulator start(String env, Path state) {
        return Simulator.builder().config(EXAMPLE.resolve("web/wrangler.toml")).auxiliary(EXAMPLE.resolve("api/wrangler.toml"))
                .environment(env).processEnv(java.util.Map.of()).persistTo(state).build().start();
    }

    private static HttpResponse<String> send(URI base, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsUnchanged(@TempDir Path state) throws Exception {
        try (Simulator sim = start(null, state)) {
            assertEquals(201, send(sim.url(), "POST", "/api/notes", "first note").statusCode());
            HttpResponse<String> notes = send(sim.url(), "GET", "/api/notes", null);
            assertTrue(notes.body().contains("\"text\":\"first note\""), notes.body());
            assertTrue(notes.body().contains("\"stage\":\"dev\",\"hasToken\":true"), "the .dev.vars secret: " + notes.body());
            HttpResponse<String> page = send(sim.url(), "GET", "/", null);
            assertEquals("<h1>Notes</h1><p>1 note(s); served by api (dev)</p>", page.body());
        }
    }

    @Test
    void stagingSelectsEachWorkersEnvironment(@TempDir Path state) throws Exception {
        try (Simulator sim = start("staging", state)) {
            assertEquals("web-staging", sim.displayName());
            assertEquals("api-staging", sim.auxiliaries().get(0).displayName());
            HttpResponse<String> page = send(sim.url(), "GET", "/", null);
            assertEquals("<h1>Notes (staging)</h1><p>0 note(s); served by api (staging)</p>", page.body());
        }
    }
}
