package dev.workersim.core.web.compression;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The byte work of {@code CompressionStream} and {@code DecompressionStream} (web/compression/compression.js):
 * gzip, deflate (zlib) and deflate-raw over java.util.zip. A {@link Codec} is pushed chunks and
 * answers with whatever output they produced, so the JS transform stays incremental. gzip's header
 * and trailer are written and checked here, since java.util.zip only streams them through
 * InputStream/OutputStream wrappers.
 */
public final class CompressionOps {
    public CompressionOps() {
    }

    /** A new codec for {@code format} ("gzip", "deflate" or "deflate-raw"), or null for another format. */
    @HostAccess.Export
    public Codec open(String format, boolean compress) {
        boolean gzip = format.equals("gzip");
        if (!gzip && !format.equals("deflate") && !format.equals("deflate-raw")) return null;
        boolean raw = !format.equals("deflate"); // gzip wraps raw deflate in its own header and trailer
        return compress ? new Compressor(gzip, raw) : new Decompressor(gzip, raw);
    }

    /**
     * One stream's state. {@code push} and {@code finish} return the output produced (null when none)
     * or, on bad input, leave the reason in {@link #error()} and return null.
     */
    public abstract static class Codec {
        // workerd's messages, which user code may show or match.
        static final String FAILED = "Decompression failed.";
        static final String INCOMPLETE = "Called close() on a decompression stream with incomplete data";
        static final String TRAILING = "Trailing bytes after end of compressed data";

        protected final ByteArrayOutputStream out = new ByteArrayOutputStream();
        protected final byte[] buf = new byte[16 * 1024];
        protected String error;

        @HostAccess.Export
        public final ByteBuffer push(Value arrayBuffer, int offset, int length) {
            if (error != null) return null;
            byte[] in = new byte[length];
            if (length > 0) arrayBuffer.readBuffer(offset, in, 0, length);
            return pushBytes(in);
        }

        /** {@link #push} for host code (the front door's response coding), on a Java array. */
        public final ByteBuffer pushBytes(byte[] in) {
            if (error != null) return null;
            try {
                accept(in);
            } catch (DataFormatException e) {
                fail(e.getMessage());
            }
            return drain();
        }

        @HostAccess.Export
        public final ByteBuffer finish() {
            if (error != null) return null;
            try {
                end();
            } catch (DataFormatException e) {
                fail(e.getMessage());
            }
            release();
            return drain();
        }

        /** Why the last push or finish failed, or null. */
        @HostAccess.Export
        public final String error() {
            return error;
        }

        /** Frees the native zlib state early (the stream was cancelled or errored). */
        @HostAccess.Export
        public final void close() {
            release();
        }

        protected abstract void accept(byte[] in) throws DataFormatException;

        protected abstract void end() throws DataFormatException;

        protected abstract void release();

        protected final void fail(String why) {
            error = why;
            out.reset();
            release();
        }

        private ByteBuffer drain() {
            if (error != null || out.size() == 0) return null;
            ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
            out.reset();
            return b;
        }
    }

    public static final class Compressor extends Codec {
        // The header zlib writes for gzip: no name, no mtime, OS "unix".
        public static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
        private final Deflater deflater;
        private final boolean gzip;
        private final CRC32 crc = new CRC32();

        Compressor(boolean gzip, boolean raw) {
            this.gzip = gzip;
            this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
            if (gzip) out.writeBytes(GZIP_HEADER);
        }

        @Override
        protected void accept(byte[] in) {
            if (in.length == 0) return;
            if (gzip) crc.update(in);
            deflater.setInput(in);
            while (!deflater.needsInput()) out.write(buf, 0, deflater.deflate(buf));
        }

        @Override
        protected void end() {
            deflater.finish();
            while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
            if (gzip) {
                writeIntLE((int) crc.getValue());
                writeIntLE((int) deflater.getBytesRead()); // ISIZE: input length mod 2^32
            }
        }

        private void writeIntLE(int v) {
            for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
        }

        @Override
        protected void release() {
            deflater.end();
        }
    }

    public static final class Decompressor extends Codec {
        private final Inflater inflater;
        private final boolean gzip;
        private final CRC32 crc = new CRC32();
        // gzip only: header bytes until the whole header has arrived, then trailer bytes.
        private ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean inBody;

        Decompressor(boolean gzip, boolean raw) {
            this.gzip = gzip;
            this.inflater = new Inflater(raw);
            this.inBody = !gzip;
        }

        @Override
        protected void accept(byte[] in) throws DataFormatException {
            if (in.length == 0) return;
            if (inflater.finished()) {
                trailing(in, 0);
                return;
            }
            int start = 0;
            if (!inBody) {
                pending.writeBytes(in);
                byte[] head = pending.toByteArray();
                int len = gzipHeaderLength(head);
                if (len < 0) return; // not all of it yet
                inBody = true;
                pending.reset();
                in = head;
                start = len;
            }
            inflater.setInput(in, start, in.length - start);
            while (!inflater.finished() && !inflater.needsInput()) {
                if (inflater.needsDictionary()) throw new DataFormatException(FAILED); // no preset dictionaries
                int n;
                try {
                    n = inflater.inflate(buf);
                } catch (DataFormatException e) {
                    throw new DataFormatException(FAILED); // zlib's own reason is not what workerd says
                }
                if (gzip) crc.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            if (inflater.finished()) trailing(in, in.length - inflater.getRemaining());
        }

        // Bytes after the compressed data: gzip's 8-byte trailer, anything else is an error.
        private void trailing(byte[] in, int from) throws DataFormatException {
            int n = in.length - from;
            if (n == 0) return;
            if (!gzip || pending.size() + n > 8) throw new DataFormatException(TRAILING);
            pending.write(in, from, n);
        }

        @Override
        protected void end() throws DataFormatException {
            if (!inflater.finished()) throw new DataFormatException(INCOMPLETE);
            if (gzip) {
                byte[] t = pending.toByteArray();
                if (t.length < 8) throw new DataFormatException(INCOMPLETE);
                if (intLE(t, 0) != (int) crc.getValue() || intLE(t, 4) != (int) inflater.getBytesWritten()) {
                    throw new DataFormatException(FAILED);
                }
            }
        }

        private static int intLE(byte[] b, int at) {
            return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
        }

        /** The length of the gzip header at the start of {@code b} (RFC 1952), or -1 if incomplete. */
        public static int gzipHeaderLength(byte[] b) throws DataFormatException {
            if (b.length >= 2 && ((b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b)) throw new DataFormatException(FAILED);
            if (b.length >= 3 && b[2] != 8) throw new DataFormatException(FAILED);
            if (b.length < 10) return -1;
            int flags = b[3] & 0xff;
            int at = 10;
            if ((flags & 4) != 0) { // FEXTRA: a length and that many bytes
                if (b.length < at + 2) return -1;
                at += 2 + ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8);
            }
            for (int flag : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
                if ((flags & flag) == 0) continue;
                while (at < b.length && b[at] != 0) at++;
                if (at >= b.length) return -1;
                at++;
            }
            if ((flags & 2) != 0) at += 2; // FHCRC
            return at <= b.length ? at : -1;
        }

        @Override
        protected void release() {
            inflater.end();
        }
    }
}
