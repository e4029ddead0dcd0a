package dev.workersim.core.web.html;

import dev.workersim.core.web.encoding.TextOps;
import dev.workersim.core.web.html.HtmlTokenizer;
import dev.workersim.core.web.html.Utf8Escaped;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java half of {@code HTMLRewriter} (web/html/html-rewriter.js): a tokenizer per transformed body,
 * UTF-8 that keeps invalid bytes, and for a document in a legacy charset the encoder that writes
 * the output back in it.
 */
public final class HtmlOps {
    public HtmlOps() {
    }

    /** A tokenizer; tags, text and comments come as tokens of their own only when JS has handlers for them. */
    @HostAccess.Export
    public HtmlTokenizer tokenizer(boolean reportTags, boolean reportText, boolean reportComments) {
        return new HtmlTokenizer(reportTags, reportText, reportComments);
    }

    /** UTF-8 decoding and encoding that keeps invalid bytes as they were. */
    @HostAccess.Export
    public Utf8Escaped utf8() {
        return new Utf8Escaped();
    }

    /** An encoder for the Encoding Standard name {@code encoding}, or null when the JDK lacks it. */
    @HostAccess.Export
    public Encoder encoder(String encoding) {
        Charset charset = TextOps.charset(encoding);
        return charset == null || !charset.canEncode() ? null : new Encoder(charset);
    }

    /**
     * Encodes output text; a character the charset cannot hold becomes a numeric character
     * reference ({@code &#9731;}), as the Encoding Standard's HTML encoders (and lol-html) write it.
     */
    public static final class Encoder {
        private final CharsetEncoder encoder;

        Encoder(Charset charset) {
            encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @HostAccess.Export
        public ByteBuffer encode(String text) {
            CharBuffer in = CharBuffer.wrap(text);
            ByteBuffer out = ByteBuffer.allocate((int) (text.length() * encoder.maxBytesPerChar()) + 16);
            encoder.reset();
            for (;;) {
                CoderResult r = encoder.encode(in, out, true);
                if (r.isUnderflow()) break;
                if (r.isOverflow()) {
                    out = grow(out, out.capacity());
                    continue;
                }
                int cp = Character.codePointAt(in, 0); // unmappable or a lone surrogate
                in.position(in.position() + Math.max(1, r.length()));
                byte[] ref = ("&#" + (Character.isSurrogate((char) cp) ? 0xfffd : cp) + ";").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                if (out.remaining() < ref.length) out = grow(out, ref.length);
                out.put(ref);
            }
            encoder.flush(out);
            return out.flip();
        }

        private static ByteBuffer grow(ByteBuffer out, int more) {
            ByteBuffer bigger = ByteBuffer.allocate(out.capacity() + more + 16);
            return bigger.put(out.flip());
        }
    }
}
