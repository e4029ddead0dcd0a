package dev.workersim.core.node;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * node:buffer's byte-per-character encodings (node/buffer.mjs): hex, base64 and latin1
 * over whole buffers, where a JS loop per byte is slow in the interpreter (1 MB of hex took
 * seconds). Decoding is Node's: lenient, stopping where Node stops.
 */
public final class NodeBufferOps {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @HostAccess.Export
    public String hex(Value buffer, int offset, int length) {
        byte[] b = NodeCryptoOps.bytes(buffer, offset, length);
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = HEX[(b[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[b[i] & 0xf];
        }
        return new String(out);
    }

    /** Pairs of hex digits up to the first pair that is not one (Node ignores the rest). */
    @HostAccess.Export
    public ByteBuffer fromHex(String s) {
        byte[] out = new byte[s.length() / 2];
        int n = 0;
        for (; n < out.length; n++) {
            int hi = Character.digit(s.charAt(2 * n), 16);
            int lo = Character.digit(s.charAt(2 * n + 1), 16);
            if (hi < 0 || lo < 0 || s.charAt(2 * n) > 'f' || s.charAt(2 * n + 1) > 'f') break; // ASCII digits only
            out[n] = (byte) (hi << 4 | lo);
        }
        return ByteBuffer.wrap(out, 0, n).slice();
    }

    @HostAccess.Export
    public String base64(Value buffer, int offset, int length, boolean url) {
        byte[] b = NodeCryptoOps.bytes(buffer, offset, length);
        return url ? Base64.getUrlEncoder().withoutPadding().encodeToString(b) : Base64.getEncoder().encodeToString(b);
    }

    /** Either alphabet, anything else skipped, stopping at the first '=' (Node's lenient decoder). */
    @HostAccess.Export
    public ByteBuffer fromBase64(String s) {
        byte[] out = new byte[s.length() * 3 / 4 + 3];
        int n = 0;
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') break;
            int v = sextet(c);
            if (v < 0) continue;
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >> bits);
            }
        }
        return ByteBuffer.wrap(out, 0, n).slice();
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    }

    @HostAccess.Export
    public String latin1(Value buffer, int offset, int length) {
        return new String(NodeCryptoOps.bytes(buffer, offset, length), StandardCharsets.ISO_8859_1);
    }
}
