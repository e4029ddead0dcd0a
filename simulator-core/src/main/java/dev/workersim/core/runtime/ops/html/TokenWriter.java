package dev.workersim.core.runtime.ops.html;

/**
 * Packs tokens into one string for web/html-rewriter.js: a flat run of fields, each written as its
 * length, ':' and its text, or '~' for null. A token is its kind (one letter) and then the fields
 * that kind has, so any text, NUL included, survives the trip.
 */
final class TokenWriter {
    private final StringBuilder out = new StringBuilder();

    TokenWriter token(String kind) {
        return field(kind);
    }

    TokenWriter field(String value) {
        if (value == null) out.append('~');
        else out.append(value.length()).append(':').append(value);
        return this;
    }

    TokenWriter field(int value) {
        return field(Integer.toString(value));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
