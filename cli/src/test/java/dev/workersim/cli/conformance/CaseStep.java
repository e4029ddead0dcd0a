package dev.workersim.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** One step of requests.json: a sleep, or a request with what to keep of its answer ({@code expect}). */
record CaseStep(int index, JsonNode json) {

    /** {"sleep_ms": N} without a request. */
    boolean isSleep() {
        return json.has("sleep_ms") && !json.has("method") && !json.has("path");
    }

    long sleepMillis() {
        return json.path("sleep_ms").asLong();
    }

    String method() {
        return json.path("method").asText("GET");
    }

    String path() {
        return json.path("path").asText("/");
    }

    /** run_case.py's label for the step: {@code case #i METHOD path}. */
    String label(String caseName) {
        return caseName + " #" + index + " " + method() + " " + path();
    }

    /** What the display shows: the step's name where it has one. */
    String displayName() {
        String name = json.path("name").asText("");
        return "#" + index + " " + method() + " " + path() + (name.isEmpty() ? "" : " (" + name + ")");
    }

    JsonNode expect() {
        return json.path("expect");
    }

    /** The poll_until condition, or null. */
    JsonNode pollUntil() {
        JsonNode p = json.get("poll_until");
        return p == null || p.isNull() ? null : p;
    }

    /** The request headers as given, in order (a body given as JSON adds content-type as run_case.py does). */
    Map<String, String> headers() {
        Map<String, String> out = new LinkedHashMap<>();
        json.path("headers").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        JsonNode body = json.get("body");
        if (!json.has("body_b64") && body != null && body.isContainerNode()) out.putIfAbsent("content-type", "application/json");
        return out;
    }

    /** body_b64 decoded, a JSON body as json.dumps writes it, a string as UTF-8; null without a body. */
    byte[] body() {
        if (json.has("body_b64")) return Base64.getDecoder().decode(json.get("body_b64").asText());
        JsonNode body = json.get("body");
        if (body == null || body.isNull()) return null;
        String text = body.isContainerNode() ? PythonJson.dumps(body) : body.asText();
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
