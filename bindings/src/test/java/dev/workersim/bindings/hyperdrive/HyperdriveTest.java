package dev.workersim.bindings.hyperdrive;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.bindings.StartFailure;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** env.HD carries the local database's connection fields, shaped as wrangler dev shows them. */
class HyperdriveTest {
    private static final String WORKER = """
            export default { fetch(req, env) {
              const h = env.HD;
              let connectError;
              try { h.connect(); } catch (e) { connectError = e.constructor.name; }
              return Response.json({ ctor: h.constructor.name, tag: Object.prototype.toString.call(h),
                proto: Object.getOwnPropertyNames(Object.getPrototypeOf(h)), fields: { ...h }, connectError });
            } };
            """;

    private static String hyperdrive(String connection) {
        return "[[hyperdrive]]\nbinding = \"HD\"\nid = \"abc\"\n" + (connection == null ? "" : "localConnectionString = \"" + connection + "\"\n");
    }

    @Test
    void fieldsComeFromTheLocalConnectionString() {
        try (Simulator sim = Simulator.builder().script(WORKER).inlineConfig(hyperdrive("postgres://user1:pa%40ss@db.local:6543/mydb?application_name=x"))
                .http(false).build().start()) {
            assertJson(Map.of("ctor", "Hyperdrive", "tag", "[object Hyperdrive]", "proto", List.of("connect", "constructor"),
                    "fields", Map.of("connectionString", "postgres://user1:pa@ss@db.local:6543/mydb?sslmode=disable",
                    "port", 6543, "ip", "db.local", "host", "db.local", "password", "pa@ss", "user", "user1",
                    "database", "mydb"), "connectError", "Error"), sim.dispatchFetch(FetchRequest.get("/")).text());
        }
        try (Simulator sim = Simulator.builder().script(WORKER).inlineConfig(hyperdrive("mysql://root:pw@127.0.0.1/app"))
                .http(false).build().start()) {
            assertTrue(sim.dispatchFetch(FetchRequest.get("/")).text().contains(
                    "\"connectionString\":\"mysql://root:pw@127.0.0.1:3306/app?ssl-mode=disabled\",\"port\":3306"));
        }
    }

    @Test
    void aConnectionStringIsRequiredAndNeedsAPassword() {
        assertTrue(failure(hyperdrive(null)).contains("set the value of the 'CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HD' variable"
                + " or \"HD\"'s \"localConnectionString\" to the Postgres connection string."));
        assertTrue(failure(hyperdrive("postgres://user@localhost/db")).contains("hyperdrive[0]: You must provide a password"));
    }

    private static String failure(String toml) {
        return StartFailure.of(Simulator.builder().script(WORKER).inlineConfig(toml).http(false));
    }
}
