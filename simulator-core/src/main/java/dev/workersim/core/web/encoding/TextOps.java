package dev.workersim.core.web.encoding;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * TextDecoder's legacy encodings (web/encoding/text-decoder.js keeps UTF-8, UTF-16 and windows-1252 in JS):
 * the Encoding Standard's other single- and multi-byte encodings, decoded by the JDK's charsets. A
 * {@link Decoder} keeps an unfinished multi-byte sequence between streamed calls.
 */
public final class TextOps {
    /** Encoding Standard names whose closest JDK charset has another name. */
    private static final Map<String, String> JAVA_NAMES = Map.of(
            "shift_jis", "windows-31j",
            "euc-kr", "x-windows-949",
            "gbk", "GB18030", // the standard decodes gbk with the gb18030 decoder
            "big5", "Big5-HKSCS",
            "iso-8859-8-i", "ISO-8859-8",
            "macintosh", "x-MacRoman",
            "windows-874", "x-windows-874",
            "x-mac-cyrillic", "x-MacCyrillic");

    public TextOps() {
    }

    /** A decoder for the Encoding Standard name {@code encoding}, or null when the JDK lacks it. */
    @HostAccess.Export
    public Decoder open(String encoding, boolean fatal) {
        Charset charset = charset(encoding);
        return charset == null ? null : new Decoder(charset, fatal);
    }

    /** The JDK charset for an Encoding Standard name, or null when the JDK lacks it. */
    public static Charset charset(String encoding) {
        try {
            return Charset.forName(JAVA_NAMES.getOrDefault(encoding, encoding));
        } catch (IllegalArgumentException e) { // unsupported or illegal charset name
            return null;
        }
    }

    public static final class Decoder {
        private final CharsetDecoder decoder;
        private byte[] held = new byte[0]; // an unfinished sequence from the last streamed call

        Decoder(Charset charset, boolean fatal) {
            CodingErrorAction onError = fatal ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
            decoder = charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError).replaceWith("\ufffd");
        }

        /** The text of these bytes (plus any held ones), or null if {@code fatal} and they are invalid. */
        @HostAccess.Export
        public String decode(Value arrayBuffer, int offset, int length, boolean stream) {
            byte[] bytes = new byte[held.length + length];
            System.arraycopy(held, 0, bytes, 0, held.length);
            if (length > 0) arrayBuffer.readBuffer(offset, bytes, held.length, length);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 4);
            try {
                CoderResult r = decoder.decode(in, out, !stream);
                if (r.isError()) r.throwException();
                if (!stream) {
                    r = decoder.flush(out);
                    if (r.isError()) r.throwException();
                }
            } catch (CharacterCodingException e) {
                decoder.reset();
                held = new byte[0];
                return null;
            }
            held = new byte[in.remaining()];
            in.get(held);
            if (!stream) decoder.reset();
            return out.flip().toString();
        }
    }
}
