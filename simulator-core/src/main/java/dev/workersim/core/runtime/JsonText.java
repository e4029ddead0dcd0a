package dev.workersim.core.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Values Java hands the runtime's JS as JSON text ({@code $.compat}, the env's vars), written by
 * Jackson: a name or value from the user's config may hold any character, so JSON is never
 * concatenated by hand.
 */
final class JsonText {
    private static final ObjectMapper WRITER = new ObjectMapper();

    private JsonText() {
    }

    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-writable for the worker's JS: " + value, e);
        }
    }
}
