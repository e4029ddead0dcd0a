package dev.workersim.core.web.crypto;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Just enough DER to assemble an EC PKCS #8 structure (CryptoOps). */
final class Der {
    private Der() {
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) content.writeBytes(p);
        return tlv(0x30, content.toByteArray());
    }

    /** Walks the elements of a DER byte string, each returned whole (tag, length and content). */
    static final class Reader {
        private final byte[] b;
        private int at;
        private final int end;

        Reader(byte[] b) {
            this(b, 0, b.length);
        }

        private Reader(byte[] b, int at, int end) {
            this.b = b;
            this.at = at;
            this.end = end;
        }

        /** A reader over the content of the element at the current position. */
        Reader enter() {
            int[] h = header();
            return new Reader(b, at + h[0], at + h[0] + h[1]);
        }

        byte[] next() {
            if (at >= end) throw new IllegalArgumentException("DER: no more elements");
            int[] h = header();
            byte[] whole = Arrays.copyOfRange(b, at, at + h[0] + h[1]);
            at += h[0] + h[1];
            return whole;
        }

        // {header length, content length} of the element at the current position.
        private int[] header() {
            int len = b[at + 1] & 0xff;
            if (len < 0x80) return new int[] {2, len};
            int k = len & 0x7f;
            int n = 0;
            for (int i = 0; i < k; i++) n = n << 8 | (b[at + 2 + i] & 0xff);
            return new int[] {2 + k, n};
        }
    }
}
