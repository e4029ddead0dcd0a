package dev.workersim.bindings.r2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code onlyIf} as r2.js normalises it (the object and the Headers form alike): etag lists
 * ("*" matches any object), dates in epoch ms, and whether dates compare in whole seconds.
 * Precedence is HTTP's (recorded from wrangler dev): a given etagMatches decides instead of
 * uploadedBefore, a given etagDoesNotMatch instead of uploadedAfter.
 */
record Conditions(List<String> etagMatches, List<String> etagDoesNotMatch, Long uploadedBefore, Long uploadedAfter,
        boolean secondsGranularity) {
    static final Conditions NONE = new Conditions(null, null, null, null, false);

    static Conditions parse(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return NONE;
        return new Conditions(list(n.get("etagMatches")), list(n.get("etagDoesNotMatch")), date(n.get("uploadedBefore")),
                date(n.get("uploadedAfter")), n.path("secondsGranularity").asBoolean(false));
    }

    private static List<String> list(JsonNode n) {
        if (n == null || n.isNull()) return null;
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) out.add(e.asText());
        return out;
    }

    private static Long date(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    boolean isEmpty() {
        return etagMatches == null && etagDoesNotMatch == null && uploadedBefore == null && uploadedAfter == null;
    }

    /** Whether the operation proceeds on {@code m} (null: no such object, as put sees it). */
    boolean pass(ObjectMeta m) {
        if (m == null) return etagMatches == null; // only "must exist" fails on a missing object
        boolean match = etagMatches != null && matches(etagMatches, m.etag());
        if (etagMatches != null && !match) return false;
        boolean noneMatch = etagDoesNotMatch != null && !matches(etagDoesNotMatch, m.etag());
        if (etagDoesNotMatch != null && !noneMatch) return false;
        long uploaded = truncate(m.uploadedMillis());
        if (uploadedBefore != null && etagMatches == null && !(uploaded < truncate(uploadedBefore))) return false;
        if (uploadedAfter != null && etagDoesNotMatch == null && !(uploaded > truncate(uploadedAfter))) return false;
        return true;
    }

    private long truncate(long ms) {
        return secondsGranularity ? Math.floorDiv(ms, 1000) * 1000 : ms;
    }

    private static boolean matches(List<String> etags, String etag) {
        for (String e : etags) {
            if (e.equals("*") || e.equals(etag)) return true;
        }
        return false;
    }
}
