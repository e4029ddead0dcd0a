package dev.workersim.core.node;

import dev.workersim.core.web.compression.CompressionOps;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * node:zlib's one-shot codecs (gzipSync, inflateSync, ...; the async forms run them too) over
 * java.util.zip. Failures are reported as zlib's own message ("incorrect header check"), which is
 * what Node and workerd show, through {@link Result#error()}.
 */
public final class NodeZlibOps {
    /** Compresses: format is "gzip", "deflate" (zlib wrapper) or "raw". */
    @HostAccess.Export
    public Result compress(String format, Value buffer, int offset, int length, int level) {
        byte[] in = NodeCryptoOps.bytes(buffer, offset, length);
        boolean gzip = format.equals("gzip");
        Deflater d = new Deflater(level, !format.equals("deflate"));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (gzip) out.writeBytes(CompressionOps.Compressor.GZIP_HEADER);
            d.setInput(in);
            d.finish();
            byte[] buf = new byte[16 * 1024];
            while (!d.finished()) out.write(buf, 0, d.deflate(buf));
            if (gzip) {
                CRC32 crc = new CRC32();
                crc.update(in);
                writeIntLE(out, (int) crc.getValue());
                writeIntLE(out, in.length);
            }
            return new Result(out.toByteArray(), null);
        } finally {
            d.end();
        }
    }

    /** Decompresses: "gzip", "deflate", "raw", or "unzip" (gzip or zlib, by the first bytes). */
    @HostAccess.Export
    public Result decompress(String format, Value buffer, int offset, int length) {
        byte[] in = NodeCryptoOps.bytes(buffer, offset, length);
        boolean gzip = format.equals("gzip")
                || format.equals("unzip") && in.length >= 2 && (in[0] & 0xff) == 0x1f && (in[1] & 0xff) == 0x8b;
        int start = 0;
        if (gzip) {
            try {
                start = CompressionOps.Decompressor.gzipHeaderLength(in); // shared with DecompressionStream
            } catch (DataFormatException e) {
                return new Result(null, "incorrect header check");
            }
            if (start < 0) return new Result(null, "unexpected end of file");
        }
        Inflater inf = new Inflater(gzip || format.equals("raw"));
        try {
            inf.setInput(in, start, in.length - start);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            while (!inf.finished()) {
                if (inf.needsDictionary()) return new Result(null, "Missing dictionary");
                int n = inf.inflate(buf);
                if (n == 0 && inf.needsInput()) return new Result(null, "unexpected end of file");
                out.write(buf, 0, n);
            }
            return new Result(out.toByteArray(), null);
        } catch (DataFormatException e) {
            return new Result(null, e.getMessage() == null ? "invalid data" : e.getMessage());
        } finally {
            inf.end();
        }
    }

    private static void writeIntLE(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
    }

    /** Output bytes or zlib's error message. */
    public static final class Result {
        private final byte[] bytes;
        private final String error;

        Result(byte[] bytes, String error) {
            this.bytes = bytes;
            this.error = error;
        }

        @HostAccess.Export
        public ByteBuffer bytes() {
            return bytes == null ? null : ByteBuffer.wrap(bytes);
        }

        @HostAccess.Export
        public String error() {
            return error;
        }
    }
}
