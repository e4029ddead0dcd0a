package dev.workersim.core.testing;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.assertKeys;
import static dev.workersim.core.testing.JsonAssert.list;
import static dev.workersim.core.testing.JsonAssert.obj;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** assertJson passes on the same JSON, whatever the number types, and fails on any other. */
class JsonAssertTest {
    @Test
    void sameJsonPasses() {
        assertJson(obj("a", 1, "b", list(null, "x"), "c", Map.of("d", 1.5)), "{\"c\":{\"d\":1.5},\"a\":1.0,\"b\":[null,\"x\"]}");
        assertJson(List.of(1L, true), "[1,true]");
    }

    @Test
    void anyDifferenceFails() {
        assertThrows(AssertionError.class, () -> assertJson(obj("a", 1), "{\"a\":2}"));
        assertThrows(AssertionError.class, () -> assertJson(obj("a", null), "{}"));
        assertThrows(AssertionError.class, () -> assertJson(obj("a", 1), "{\"a\":1,\"b\":null}"));
        assertThrows(AssertionError.class, () -> assertJson(List.of(1, 2), "[2,1]"));
        assertThrows(AssertionError.class, () -> assertJson("1", "1"));
        assertThrows(AssertionError.class, () -> assertKeys(WorkerResponse.JSON.createObjectNode().put("b", 1).put("a", 2), "a", "b"));
    }
}
