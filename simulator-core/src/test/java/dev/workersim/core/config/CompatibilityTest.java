package dev.workersim.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import dev.workersim.core.runtime.Compatibility;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compatibility flags: on by date, by name, off by the disable name; the runtime follows them. */
class CompatibilityTest {
    private static final String WORKER = "export default { fetch() { return new Response(typeof navigator); } };";

    private static String navigatorUnder(String toml) {
        try (Simulator sim = Simulator.builder().script(WORKER).http(false).inlineConfig(toml).build().start()) {
            return sim.dispatchFetch(FetchRequest.get("/")).text();
        }
    }

    @Test
    void aFlagFollowsTheDateUnlessNamed() {
        assertEquals("object", navigatorUnder("compatibility_date = \"2024-01-01\""));
        assertEquals("undefined", navigatorUnder("compatibility_date = \"2022-01-01\""), "before global_navigator's date");
        assertEquals("object", navigatorUnder("compatibility_date = \"2022-01-01\"\ncompatibility_flags = [\"global_navigator\"]"));
        assertEquals("undefined", navigatorUnder("compatibility_date = \"2024-01-01\"\ncompatibility_flags = [\"no_global_navigator\"]"));
    }

    private static String cacheModes(String toml) {
        String worker = "export default { fetch() { const out = [];"
                + " for (const m of ['no-store', 'no-cache']) { try { out.push(new Request('https://x/', { cache: m }).cache); }"
                + " catch (e) { out.push(e.message); } } return new Response(out.join('|')); } };";
        try (Simulator sim = Simulator.builder().script(worker).http(false).inlineConfig(toml).build().start()) {
            return sim.dispatchFetch(FetchRequest.get("/")).text();
        }
    }

    @Test
    void theCacheFieldFollowsItsTwoFlags() {
        assertEquals("no-store|no-cache", cacheModes("compatibility_date = \"2025-09-01\""));
        assertEquals("no-store|Unsupported cache mode: no-cache", cacheModes("compatibility_date = \"2025-01-01\""));
        String off = "The 'cache' field on 'RequestInitializerDict' is not implemented.";
        assertEquals(off + "|" + off, cacheModes("compatibility_date = \"2024-01-01\""));
    }

    @Test
    void optInFlagsNeedTheirName() {
        assertEquals(false, Compatibility.of("2026-01-01", List.of()).enabled("nodejs_compat"));
        assertEquals(true, Compatibility.of("2020-01-01", List.of("nodejs_compat")).enabled("nodejs_compat"));
        assertEquals(true, Compatibility.of("2020-01-01", List.of("some_new_flag")).enabled("some_new_flag"));
    }
}
