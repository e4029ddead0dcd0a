package dev.workersim.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * run_case.py's compare: the differences between a golden step and what was recorded now, one line
 * each (none = the step passes). Status unless {@code expect.status} is false; the reason where the
 * golden has one; each header the golden lists; the body unless the step ignores it.
 */
final class GoldenComparison {
    /** run_case.py cuts each side of a body difference to this many characters. */
    private static final int BODY_CUT = 600;

    private GoldenComparison() {
    }

    static List<String> differences(JsonNode expected, JsonNode got, JsonNode expect) {
        List<String> diffs = new ArrayList<>();
        if (!expect.path("status").isBoolean() || expect.path("status").asBoolean()) {
            if (!PythonJson.equal(expected.get("status"), got.get("status"))) {
                diffs.add("status: expected " + expected.get("status") + " got " + got.get("status"));
            }
        }
        if (expected.has("reason") && !PythonJson.equal(expected.get("reason"), got.get("reason"))) {
            diffs.add("reason: expected " + expected.get("reason") + " got " + got.get("reason"));
        }
        Iterator<Map.Entry<String, JsonNode>> headers = expected.path("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> h = headers.next();
            JsonNode g = got.path("headers").get(h.getKey());
            if (!PythonJson.equal(h.getValue(), g)) {
                diffs.add("header " + h.getKey() + ": expected " + h.getValue() + " got " + (g == null ? "null" : g));
            }
        }
        if (expected.has("body") && !expect.path("body").asText("exact").equals("ignore")
                && !PythonJson.equal(expected.get("body"), got.get("body"))) {
            diffs.add("body: expected " + cut(expected.get("body")) + " got " + cut(got.get("body")));
            diffs.add("first body difference at " + firstDifference(expected.get("body"), got.get("body"), "body"));
        }
        return diffs;
    }

    /** Where two bodies part (a JSON path, or a character offset in text), so that a long body's difference is found at once. */
    static String firstDifference(JsonNode e, JsonNode g, String at) {
        if (e != null && g != null && e.isObject() && g.isObject()) {
            for (Iterator<String> names = e.fieldNames(); names.hasNext(); ) {
                String k = names.next();
                if (!g.has(k)) return at + "." + k + ": expected " + e.get(k) + ", missing";
                if (!PythonJson.equal(e.get(k), g.get(k))) return firstDifference(e.get(k), g.get(k), at + "." + k);
            }
            for (Iterator<String> names = g.fieldNames(); names.hasNext(); ) {
                String k = names.next();
                if (!e.has(k)) return at + "." + k + ": not expected, got " + g.get(k);
            }
        }
        if (e != null && g != null && e.isArray() && g.isArray()) {
            for (int i = 0; i < Math.min(e.size(), g.size()); i++) {
                if (!PythonJson.equal(e.get(i), g.get(i))) return firstDifference(e.get(i), g.get(i), at + "[" + i + "]");
            }
            if (e.size() != g.size()) return at + ": expected " + e.size() + " items, got " + g.size();
        }
        if (e != null && g != null && e.isTextual() && g.isTextual()) {
            String a = e.asText(), b = g.asText();
            int i = 0;
            while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) i++;
            return at + " character " + i + ": expected " + PythonJson.dumps(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                    a.substring(i, Math.min(a.length(), i + 80)))) + " got " + PythonJson.dumps(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                    b.substring(i, Math.min(b.length(), i + 80))));
        }
        return at + ": expected " + (e == null ? "null" : PythonJson.dumps(e)) + " got " + (g == null ? "null" : PythonJson.dumps(g));
    }

    private static String cut(JsonNode body) {
        String s = body == null ? "null" : PythonJson.dumps(body);
        return s.length() > BODY_CUT ? s.substring(0, BODY_CUT) + "…" : s;
    }
}
