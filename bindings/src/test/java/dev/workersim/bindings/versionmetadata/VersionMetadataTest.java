package dev.workersim.bindings.versionmetadata;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** env.CF_VERSION_METADATA is a plain { id, tag, timestamp } with local (synthetic) values. */
class VersionMetadataTest {
    @Test
    void aPlainObjectWithARandomIdAnEmptyTagAndTheLoadTime() {
        String js = """
                export default { fetch(req, env) {
                  const v = env.CF_VERSION_METADATA;
                  return Response.json({ proto: Object.getPrototypeOf(v) === Object.prototype, keys: Object.keys(v), v });
                } };
                """;
        try (Simulator sim = Simulator.builder().script(js).inlineConfig("[version_metadata]\nbinding = \"CF_VERSION_METADATA\"\n")
                .http(false).build().start()) {
            String body = sim.dispatchFetch(FetchRequest.get("/")).text();
            assertTrue(body.startsWith("{\"proto\":true,\"keys\":[\"id\",\"tag\",\"timestamp\"],\"v\":{\"id\":\""), body);
            assertTrue(body.matches(".*\"id\":\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\",\"tag\":\"\","
                    + "\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\".*"), body);
            assertEquals(body, sim.dispatchFetch(FetchRequest.get("/")).text(), "the same values on every request");
        }
    }

    @Test
    void withPopulateProcessEnvItIsOnProcessEnvAsJson() {
        String js = """
                import process from "node:process";
                export default { fetch(req, env) {
                  return Response.json({ keys: Object.keys(process.env), same: process.env.VM === JSON.stringify(env.VM) });
                } };
                """;
        String toml = "compatibility_date = \"2025-09-01\"\ncompatibility_flags = [\"nodejs_compat\"]\n"
                + "[vars]\nA = \"x\"\n[version_metadata]\nbinding = \"VM\"\n";
        try (Simulator sim = Simulator.builder().script(js).inlineConfig(toml).http(false).build().start()) {
            assertJson(Map.of("keys", List.of("A", "VM"), "same", true), sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }
}
