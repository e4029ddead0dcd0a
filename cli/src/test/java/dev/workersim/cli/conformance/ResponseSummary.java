package dev.workersim.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * run_case.py's summarize: what a golden step keeps of an answer, as the step's {@code expect} asks
 * (status; the reason where asked; the listed headers, joined with ", " except set-cookie; the body
 * exact, as JSON, as a sha256, or not at all), after {@link Normalisation}.
 */
final class ResponseSummary {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResponseSummary() {
    }

    static ObjectNode of(WireClient.Response r, CaseStep step, int port) {
        JsonNode expect = step.expect();
        JsonNode rules = expect.get("normalize");
        ObjectNode rec = JSON.objectNode();
        rec.put("status", r.status());
        if (expect.path("reason").asBoolean(false)) rec.put("reason", r.reason());
        JsonNode wanted = expect.path("headers");
        if (wanted.size() > 0) rec.set("headers", headers(r.headers(), wanted, port, rules));
        String mode = expect.path("body").asText("exact");
        if (!mode.equals("ignore")) rec.set("body", body(r.body(), mode, expect, port, rules));
        return rec;
    }

    private static ObjectNode headers(List<Map.Entry<String, String>> all, JsonNode wanted, int port, JsonNode rules) {
        ObjectNode out = JSON.objectNode();
        for (JsonNode w : wanted) {
            String name = w.asText().toLowerCase(Locale.ROOT);
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> h : all) {
                if (h.getKey().toLowerCase(Locale.ROOT).equals(name)) values.add(Normalisation.apply(h.getValue(), port, rules));
            }
            if (values.isEmpty()) {
                out.putNull(name);
            } else if (name.equals("set-cookie")) {
                ArrayNode list = out.putArray(name);
                values.forEach(list::add);
            } else {
                out.put(name, String.join(", ", values));
            }
        }
        return out;
    }

    private static JsonNode body(byte[] data, String mode, JsonNode expect, int port, JsonNode rules) {
        if (mode.equals("sha256")) {
            ObjectNode o = JSON.objectNode();
            o.put("sha256", sha256(data));
            o.put("length", data.length);
            return o;
        }
        String text = utf8(data);
        if (text == null) return JSON.objectNode().put("base64", Base64.getEncoder().encodeToString(data));
        text = Normalisation.apply(text, port, rules);
        if (!mode.equals("json")) return JSON.textNode(text);
        JsonNode parsed = PythonJson.loads(text);
        if (parsed == null) return JSON.objectNode().put("_invalid_json", text);
        return expect.has("json_only") ? jsonOnly(parsed, expect.get("json_only")) : parsed;
    }

    /** Only the dotted paths (a missing one as null); keys match exactly. */
    static ObjectNode jsonOnly(JsonNode doc, JsonNode paths) {
        ObjectNode out = JSON.objectNode();
        for (JsonNode p : paths) {
            String[] parts = p.asText().split("\\.", -1);
            JsonNode cur = doc;
            for (String k : parts) {
                cur = cur != null && cur.isObject() && cur.has(k) ? cur.get(k) : null;
            }
            ObjectNode target = out;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode next = target.get(parts[i]);
                target = next instanceof ObjectNode o ? o : target.putObject(parts[i]);
            }
            target.set(parts[parts.length - 1], cur == null ? JSON.nullNode() : cur);
        }
        return out;
    }

    /** Strict UTF-8 (Python's bytes.decode), or null where it would raise. */
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
