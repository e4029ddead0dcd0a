package dev.workersim.core.http;

import dev.workersim.core.web.compression.CompressionOps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/**
 * Re-codes a response body on its way to the socket, chunk by chunk (see {@link ContentCoding}).
 * Each call returns the bytes to write now (possibly empty); a broken input throws.
 */
interface BodyCoder {
    ByteBuffer update(ByteBuffer in);

    ByteBuffer finish();

    /** gzip, flushed after every chunk so a slowly streamed body reaches the client as it is made. */
    static BodyCoder gzip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GZIPOutputStream gz;
        try {
            gz = new GZIPOutputStream(out, 8 * 1024, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BodyCoder() {
            @Override
            public ByteBuffer update(ByteBuffer in) {
                try {
                    byte[] b = new byte[in.remaining()];
                    in.get(b);
                    if (b.length > 0) {
                        gz.write(b);
                        gz.flush();
                    }
                    return take(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public ByteBuffer finish() {
                try {
                    gz.finish();
                    return take(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** gunzip: a fetched gzip body the worker passed on untouched, for a client that did not ask for gzip. */
    static BodyCoder gunzip() {
        CompressionOps.Codec codec = new CompressionOps().open("gzip", false);
        return new BodyCoder() {
            @Override
            public ByteBuffer update(ByteBuffer in) {
                byte[] b = new byte[in.remaining()];
                in.get(b);
                return checked(codec.pushBytes(b));
            }

            @Override
            public ByteBuffer finish() {
                return checked(codec.finish());
            }

            private ByteBuffer checked(ByteBuffer out) {
                if (codec.error() != null) throw new IllegalStateException(codec.error());
                return out == null ? ByteBuffer.allocate(0) : out;
            }
        };
    }

    private static ByteBuffer take(ByteArrayOutputStream out) {
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
        out.reset();
        return b;
    }
}
