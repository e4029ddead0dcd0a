package dev.workersim.core.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** What the worker answered, with readers for the usual assertions: status, headers, text, JSON. */
public final class WorkerResponse {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String request; // "GET http://localhost/x", for failure messages
    private final FetchResponse response;

    WorkerResponse(String request, FetchResponse response) {
        this.request = request;
        this.response = response;
    }

    /** For a response a test got from the Simulator API itself (several workers, a raw dispatch). */
    public static WorkerResponse of(FetchResponse response) {
        return new WorkerResponse("the request", response);
    }

    public int status() {
        return response.status();
    }

    /** The header's values joined by ", " (case-insensitive name), or null. */
    public String header(String name) {
        return response.header(name);
    }

    public List<String> headers(String name) {
        return response.headers(name);
    }

    public String text() {
        return response.text();
    }

    public byte[] bytes() {
        return response.body();
    }

    /** The body parsed as JSON, whatever the status. */
    public JsonNode json() {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(request + " did not answer JSON (" + e.getMessage() + "): " + text(), e);
        }
    }

    /** The body as a JSON object, read into a Map (numbers as Integer/Long/Double, arrays as Lists). */
    public Map<String, Object> map() {
        try {
            return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new AssertionError(request + " did not answer a JSON object (" + e.getMessage() + "): " + text(), e);
        }
    }

    /** This response, after failing the test (with the body as message) unless its status is 200. */
    public WorkerResponse ok() {
        return status(200);
    }

    /** This response, after failing the test (with the body as message) unless its status is {@code expected}. */
    public WorkerResponse status(int expected) {
        if (status() != expected) throw new AssertionError(request + " answered " + status() + ", want " + expected + ": " + text());
        return this;
    }

    /** The response as the simulator's API gives it. */
    public FetchResponse raw() {
        return response;
    }

    @Override
    public String toString() {
        return request + " -> " + status() + " " + text();
    }
}
