package dev.workersim.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import org.junit.jupiter.api.Test;

/**
 * A binding's kind (its type and JS script) and the script's export cannot drift apart unnoticed:
 * the worker does not start, and the message names the script, the type and what it does export.
 */
class BindingKindTest {
    private static final String WORKER = "export default { fetch() { return new Response('served'); } };";

    /** What starting a worker with one [[test_misdeclared]] binding says: its error, or what it serves. */
    private static String start(String script) {
        try (Simulator sim = Simulator.builder().script(WORKER).http(false)
                .inlineConfig("[[test_misdeclared]]\nbinding = \"M\"\nscript = \"" + script + "\"\n").build().start()) {
            return sim.dispatchFetch(FetchRequest.get("/")).text();
        } catch (RuntimeException e) {
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) all.append(t.getMessage()).append('\n');
            return all.toString();
        }
    }

    @Test
    void aScriptWithoutTheFactoryOfItsTypeStopsTheStart() {
        String said = start("no-factory");
        assertTrue(said.contains("binding type \"test-misdeclared\": its script /dev/workersim/core/spi/test-misdeclared-no-factory.js"
                + " exports no factory function named \"test-misdeclared\" (it exports: testMisdeclared)"), said);
    }

    @Test
    void aScriptImportingANameNoneOfItsImportsExportsStopsTheStart() {
        String said = start("bad-import");
        assertTrue(said.contains("dev/workersim/core/spi/test-misdeclared-bad-import.js imports \"Headerz\","
                + " which none of its imports exports (web/fetch/headers)"), said);
    }

    @Test
    void aKindIsANameAScriptCanExportAndAClasspathScript() {
        assertEquals("binding type \"kv store\" is not a name a JS script can export",
                assertThrows(IllegalArgumentException.class, () -> new BindingKind("kv store", "/a/kv.js")).getMessage());
        assertEquals("binding type \"kv\": its JS script \"a/kv.js\" is not an absolute classpath resource ending in .js",
                assertThrows(IllegalArgumentException.class, () -> new BindingKind("kv", "a/kv.js")).getMessage());
    }
}
