package dev.workersim.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.runtime.LogSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A throwaway project folder whose worker answers with its whole env as JSON. */
final class ConfigProject {
    static final String ENV_WORKER = "export default { fetch(request, env) { return Response.json(env); } };\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final List<String> warnings = new ArrayList<>();

    ConfigProject(Path dir) {
        this.dir = dir;
        file("worker.js", ENV_WORKER);
    }

    ConfigProject file(String name, String content) {
        try {
            Files.createDirectories(dir.resolve(name).getParent());
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** wrangler.toml with name and main set, then {@code rest}. */
    ConfigProject toml(String rest) {
        return file("wrangler.toml", "name = \"app\"\nmain = \"worker.js\"\ncompatibility_date = \"2025-09-01\"\n" + rest);
    }

    Simulator.Builder builder(String environment, Map<String, String> processEnv) {
        Path cfg = Files.exists(dir.resolve("wrangler.toml")) ? dir.resolve("wrangler.toml")
                : Files.exists(dir.resolve("wrangler.jsonc")) ? dir.resolve("wrangler.jsonc") : dir.resolve("wrangler.json");
        return Simulator.builder().config(cfg).http(false).inMemory().environment(environment).processEnv(processEnv)
                .log((level, message) -> {
                    if (level == LogSink.Level.WARN) warnings.add(message);
                });
    }

    /** The worker's env, with no environment and an empty OS environment. */
    JsonNode env() {
        return env(null, Map.of());
    }

    JsonNode env(String environment, Map<String, String> processEnv) {
        return env(builder(environment, processEnv));
    }

    static JsonNode env(Simulator.Builder b) {
        try (Simulator sim = b.build().start()) {
            FetchResponse r = sim.dispatchFetch(FetchRequest.get("/"));
            return JSON.readTree(r.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
