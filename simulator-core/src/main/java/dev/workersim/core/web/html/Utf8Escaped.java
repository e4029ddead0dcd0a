package dev.workersim.core.web.html;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * UTF-8 for HTMLRewriter that keeps invalid bytes: lol-html passes text no handler looked at
 * through as the bytes it was, valid UTF-8 or not. Decoding maps each byte of an invalid sequence
 * to a lone surrogate U+DC80..U+DCFF (Python's "surrogateescape"); encoding maps such a lone
 * surrogate back to its byte. JS shows handlers U+FFFD in its place, as workerd does.
 */
public final class Utf8Escaped {
    private byte[] held = new byte[0]; // an unfinished sequence at the end of the last chunk

    public Utf8Escaped() {
    }

    /** The text of these bytes (after any held ones); with {@code stream}, an unfinished sequence is held. */
    @HostAccess.Export
    public String decode(Value arrayBuffer, int offset, int length, boolean stream) {
        byte[] b = new byte[held.length + length];
        System.arraycopy(held, 0, b, 0, held.length);
        if (length > 0) arrayBuffer.readBuffer(offset, b, held.length, length);
        return decode(b, stream);
    }

    /** The held bytes, at the end of the input. */
    @HostAccess.Export
    public String flush() {
        return decode(held, false);
    }

    private String decode(byte[] b, boolean stream) {
        StringBuilder out = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                out.append((char) c);
                i++;
                continue;
            }
            int need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
            int ok = need < 0 ? 0 : validContinuations(b, i, need);
            if (ok == need && need > 0) {
                int cp = c & (0x3f >> need);
                for (int k = 1; k <= need; k++) cp = cp << 6 | (b[i + k] & 0x3f);
                out.appendCodePoint(cp);
                i += need + 1;
            } else if (stream && need > 0 && i + 1 + ok == b.length) {
                break; // cut by the chunk end: wait for the rest
            } else {
                out.append((char) (0xdc00 | c)); // an invalid byte, kept
                i++;
            }
        }
        held = java.util.Arrays.copyOfRange(b, i, b.length);
        return out.toString();
    }

    // How many of the `need` bytes after the lead at `i` are valid continuations (the Encoding
    // Standard's bounds for the second byte rule out overlongs and surrogates).
    private static int validContinuations(byte[] b, int i, int need) {
        int lead = b[i] & 0xff;
        for (int k = 1; k <= need; k++) {
            if (i + k >= b.length) return k - 1;
            int c = b[i + k] & 0xff;
            int lo = 0x80;
            int hi = 0xbf;
            if (k == 1) {
                if (lead == 0xe0) lo = 0xa0;
                else if (lead == 0xed) hi = 0x9f;
                else if (lead == 0xf0) lo = 0x90;
                else if (lead == 0xf4) hi = 0x8f;
            }
            if (c < lo || c > hi) return k - 1;
        }
        return need;
    }

    /** UTF-8 of {@code text}, a lone U+DC80..U+DCFF written as the byte it stands for. */
    @HostAccess.Export
    public ByteBuffer encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out.write(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                writeCodePoint(out, Character.toCodePoint(c, text.charAt(++i)));
            } else if (c >= 0xdc80 && c <= 0xdcff) {
                out.write(c & 0xff);
            } else {
                writeCodePoint(out, Character.isSurrogate(c) ? 0xfffd : c);
            }
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static void writeCodePoint(ByteArrayOutputStream out, int cp) {
        if (cp < 0x800) {
            out.write(0xc0 | cp >> 6);
        } else if (cp < 0x10000) {
            out.write(0xe0 | cp >> 12);
            out.write(0x80 | (cp >> 6 & 0x3f));
        } else {
            out.write(0xf0 | cp >> 18);
            out.write(0x80 | (cp >> 12 & 0x3f));
            out.write(0x80 | (cp >> 6 & 0x3f));
        }
        out.write(0x80 | (cp & 0x3f));
    }
}
