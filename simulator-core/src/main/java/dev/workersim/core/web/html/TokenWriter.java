package dev.workersim.core.web.html;

/**
 * Packs tokens into one string for web/html/html-rewriter.js: a flat run of fields, each written as its
 * length, ':' and its text, or '~' for null. A token is its kind (one letter) and then the fields
 * that kind has, so any text, NUL included, survives the trip. Source text JS only has to copy
 * (kind "r") is gathered into one token until the next token JS must look at.
 */
final class TokenWriter {
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder raw = new StringBuilder();

    TokenWriter token(String kind) {
        flushRaw();
        return field(kind);
    }

    /** Source text that goes out as it is. */
    void raw(String text) {
        raw.append(text);
    }

    private void flushRaw() {
        if (raw.length() == 0) return;
        field("r").field(raw.toString());
        raw.setLength(0);
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
        flushRaw();
        return out.toString();
    }
}
