package dev.workersim.cli.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON as Python's {@code json} module reads, writes and compares it. The goldens were recorded by
 * run_case.py, and request bodies given as objects reach the worker as {@code json.dumps} wrote them
 * (", " and ": " separators, non-ASCII escaped), so the in-process player must do the same byte for byte.
 */
final class PythonJson {
    /** json.loads: NaN and Infinity allowed, nothing after the document. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PythonJson() {
    }

    /** json.loads(text), or null where Python raises ValueError. */
    static JsonNode loads(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** json.dumps(node) with Python's defaults. */
    static String dumps(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                writeString(f.getKey(), out);
                out.append(": ");
                write(f.getValue(), out);
                if (fields.hasNext()) out.append(", ");
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(", ");
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            writeString(node.asText(), out);
        } else {
            out.append(node.toString()); // numbers, true, false, null
        }
    }

    /** ensure_ascii: everything outside printable ASCII as \\uXXXX (UTF-16 units, as Python writes them). */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** Python's == on what json.loads returned: key order does not matter, and 1 equals 1.0. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || a.isNull() || b == null || b.isNull()) {
            return (a == null || a.isNull()) && (b == null || b.isNull());
        }
        if (a.isNumber() && b.isNumber()) return sameNumber(a, b);
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) return false;
            Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!b.has(f.getKey()) || !equal(f.getValue(), b.get(f.getKey()))) return false;
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) return false;
            }
            return true;
        }
        return a.getNodeType() == b.getNodeType() && a.equals(b);
    }

    /** Python compares int and float by value; NaN equals nothing. */
    private static boolean sameNumber(JsonNode a, JsonNode b) {
        double x = a.doubleValue(), y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) return false;
        if (Double.isInfinite(x) || Double.isInfinite(y)) return x == y;
        return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
}
