package dev.workersim.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares JSON with the expected value written as Java values ({@code Map.of}, {@code List.of},
 * {@link #obj}), so a test states what it wants without escaped JSON text. Numbers compare by value
 * (1 equals 1L equals 1.0); object keys compare as a set, unless the test asks for their order with
 * {@link #assertKeys}.
 */
public final class JsonAssert {
    private JsonAssert() {
    }

    /** Fails unless {@code actual} is {@code expected} (a Map, List, String, Number, Boolean or null) as JSON. */
    public static void assertJson(Object expected, JsonNode actual) {
        assertJson(expected, actual, null);
    }

    /** As {@link #assertJson(Object, JsonNode)}, saying {@code message} when it fails. */
    public static void assertJson(Object expected, JsonNode actual, String message) {
        if (!sameJson(expected, actual)) assertEquals(WorkerResponse.JSON.valueToTree(expected).toString(), String.valueOf(actual), message);
    }

    /** Whether {@code actual} is {@code expected} as JSON, as assertJson compares (for polling until it is). */
    public static boolean sameJson(Object expected, JsonNode actual) {
        JsonNode want = WorkerResponse.JSON.valueToTree(expected);
        return want.equals(JsonAssert::sameValue, actual);
    }

    /** As {@link #assertJson(Object, JsonNode)}, for JSON text. */
    public static void assertJson(Object expected, String actualJson) {
        assertJson(expected, actualJson, null);
    }

    /** As {@link #assertJson(Object, JsonNode, String)}, for JSON text. */
    public static void assertJson(Object expected, String actualJson, String message) {
        try {
            assertJson(expected, WorkerResponse.JSON.readTree(actualJson), message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON (" + e.getOriginalMessage() + "): " + actualJson, e);
        }
    }

    /** Fails unless the object's keys are {@code keys}, in this order (for shapes where order is what is checked). */
    public static void assertKeys(JsonNode object, String... keys) {
        List<String> actual = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(actual::add);
        assertEquals(Arrays.asList(keys), actual, "keys of " + object);
    }

    /** An ordered Map from {@code key, value, key, value...}: unlike Map.of, it takes null values. */
    public static Map<String, Object> obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("obj() takes key, value pairs");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** A List that takes nulls (List.of does not). */
    public static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    /** Jackson's node comparator: 0 when equal. Numbers by value, everything else as Jackson compares it. */
    private static int sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.equals(b) ? 0 : 1;
    }
}
