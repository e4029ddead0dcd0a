package dev.workersim.bindings.d1;

/** Writes the few JSON shapes D1 answers with; faster than building a tree for every row. */
public final class Json {
    private Json() {
    }

    /** A SQLite value: null, Long/Integer, Double, String or byte[] (a BLOB, as an array of numbers like D1). */
    public static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Double d) {
            number(b, d);
        } else if (v instanceof Number n) {
            b.append(n.longValue());
        } else if (v instanceof byte[] bytes) {
            b.append('[');
            for (int i = 0; i < bytes.length; i++) {
                if (i > 0) b.append(',');
                b.append(bytes[i] & 0xff);
            }
            b.append(']');
        } else {
            string(b, v.toString());
        }
    }

    /** JS has no NaN or Infinity in JSON; D1 returns them as null. */
    public static void number(StringBuilder b, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            b.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            b.append((long) d);
        } else {
            b.append(d);
        }
    }

    public static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        // Escaping surrogates keeps a lone one intact through the String round trip.
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
