package dev.workersim.bindings.r2;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A get's {@code range} as r2.js normalises it. The object form is strict (an unsatisfiable range
 * is error 10039); a Range header is lenient, as an HTTP server is: one it cannot satisfy gives the
 * whole object (recorded from wrangler dev).
 */
record RangeSpec(Long offset, Long length, Long suffix, boolean lenient) {
    static final RangeSpec WHOLE = new RangeSpec(null, null, null, false);

    static RangeSpec parse(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return WHOLE;
        return new RangeSpec(num(n.get("offset")), num(n.get("length")), num(n.get("suffix")), n.path("lenient").asBoolean(false));
    }

    private static Long num(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    /** {offset, length} within an object of {@code size} bytes. */
    long[] resolve(long size) {
        if (suffix != null) {
            if (suffix == 0) return unsatisfiable(size);
            long n = Math.min(suffix, size);
            return new long[] {size - n, n};
        }
        if (offset == null && length == null) return new long[] {0, size};
        long off = offset == null ? 0 : offset;
        if ((length != null && length == 0) || (off >= size && size > 0)) return unsatisfiable(size);
        long len = length == null ? size - off : Math.min(length, size - off);
        return new long[] {off, Math.max(0, len)};
    }

    private long[] unsatisfiable(long size) {
        if (lenient) return new long[] {0, size};
        throw R2Error.invalidRange();
    }
}
