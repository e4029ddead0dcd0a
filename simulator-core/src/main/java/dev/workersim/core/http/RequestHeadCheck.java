package dev.workersim.core.http;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Reads a connection's bytes as they arrive and says when a request head is one a careful server
 * refuses. Undertow's parser is lenient: it takes a header line without a colon as a header, a lone
 * CR inside a value as the end of the line (so "X-A: a\rX-B: b" becomes two headers), and any URL
 * length. This check sits under it (see {@link HttpSocket}) and answers as workerd does (statuses
 * and texts recorded from wrangler dev 4.168):
 * <ul>
 * <li>400 for a bad method, target or version, a header line without a colon or with whitespace
 * before it, an obs-fold continuation line, a CR not followed by LF or a NUL in a value, a bad or
 * conflicting Content-Length, and a Transfer-Encoding whose last coding is not chunked;</li>
 * <li>414 "URI too long" for a request target of {@value #MAX_TARGET} bytes or more;</li>
 * <li>431 "message head is too large" past {@value #MAX_HEAD} bytes of head.</li>
 * </ul>
 * Like workerd it accepts bare LF line ends, empty lines before a request, and other control
 * characters in values. To find where the next request starts it follows each body's framing
 * (Content-Length or chunked); once a connection asks for a WebSocket (or CONNECTs), or a chunked body is
 * malformed (Undertow refuses that itself), it stops looking.
 */
final class RequestHeadCheck {
    /** workerd answers 414 from a 65,535-byte request target. */
    static final int MAX_TARGET = 65_535;
    /** workerd's head limit lies a little under 512 KiB; ours is that. */
    static final int MAX_HEAD = 512 * 1024;

    /** Why a head is refused: the status line's code and reason, and the body text. */
    record Refusal(int status, String reason, String text) {
        static final Refusal METHOD = new Refusal(400, "Bad Request", "invalid HTTP method parsed");
        static final Refusal URI = new Refusal(400, "Bad Request", "invalid URI");
        static final Refusal VERSION = new Refusal(400, "Bad Request", "invalid HTTP version parsed");
        static final Refusal HEADER = new Refusal(400, "Bad Request", "invalid HTTP header parsed");
        static final Refusal CONTENT_LENGTH = new Refusal(400, "Bad Request", "invalid content-length parsed");
        static final Refusal TRANSFER_ENCODING = new Refusal(400, "Bad Request", "invalid transfer-encoding parsed");
        static final Refusal URI_TOO_LONG = new Refusal(414, "URI Too Long", "URI too long");
        static final Refusal HEAD_TOO_LARGE = new Refusal(431, "Request Header Fields Too Large", "message head is too large");

        /** The whole response, closing the connection. */
        byte[] response() {
            return ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                    + "Content-Length: " + text.length() + "\r\n\r\n" + text).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private enum State {
        START, METHOD, TARGET, VERSION, VERSION_CR, LINE_START, NAME, VALUE, VALUE_CR, HEAD_END_CR,
        BODY, CHUNK_SIZE, CHUNK_EXT, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, PASS
    }

    private enum Framing { NONE, LENGTH, CHUNKED }

    private State state = State.START;
    private long headBytes;
    private int targetLength;
    private final StringBuilder method = new StringBuilder(8);
    private final StringBuilder version = new StringBuilder(8);
    private final StringBuilder name = new StringBuilder(24);
    private final StringBuilder value = new StringBuilder(32);
    private boolean inTrailer;   // the header lines after a chunked body's last chunk
    private long contentLength;  // -1: none seen
    private boolean badContentLength;
    private String transferEncoding;
    private boolean upgrade;
    private long remaining;      // of the body or the current chunk
    private int sizeDigits;

    /** Looks at {@code buf}'s bytes from {@code from} to {@code to}; a refusal ends the connection. */
    Refusal scan(ByteBuffer buf, int from, int to) {
        for (int i = from; i < to; i++) {
            switch (state) {
                case PASS:
                    return null;
                case BODY:
                case CHUNK_DATA: {
                    long skip = Math.min(remaining, to - i);
                    remaining -= skip;
                    i += (int) skip - 1;
                    if (remaining == 0) state = state == State.BODY ? State.START : State.CHUNK_DATA_CR;
                    continue;
                }
                default:
                    break;
            }
            byte b = buf.get(i);
            if (state.ordinal() <= State.HEAD_END_CR.ordinal() && state != State.START && ++headBytes > MAX_HEAD) {
                return Refusal.HEAD_TOO_LARGE;
            }
            Refusal r = step(b);
            if (r != null) return r;
        }
        return null;
    }

    private Refusal step(byte b) {
        switch (state) {
            case START:
                if (b == '\r' || b == '\n') return null; // empty lines before a request are allowed
                newRequest();
                state = State.METHOD;
                return step(b);
            case METHOD:
                if (b == ' ' && method.length() > 0) {
                    state = State.TARGET;
                } else if (isTokenChar(b)) {
                    if (method.length() < 8) method.append((char) b);
                } else {
                    return Refusal.METHOD;
                }
                return null;
            case TARGET:
                if (b == ' ') {
                    if (targetLength == 0) return Refusal.URI;
                    state = State.VERSION;
                } else if ((b & 0xff) <= 0x20 || b == 0x7f) {
                    return Refusal.URI;
                } else if (++targetLength >= MAX_TARGET) {
                    return Refusal.URI_TOO_LONG;
                }
                return null;
            case VERSION:
                if (b == '\r' || b == '\n') {
                    String v = version.toString();
                    if (!v.equals("HTTP/1.1") && !v.equals("HTTP/1.0")) return Refusal.VERSION;
                    state = b == '\r' ? State.VERSION_CR : State.LINE_START;
                } else if (version.length() < 8) {
                    version.append((char) b);
                } else {
                    return Refusal.VERSION;
                }
                return null;
            case VERSION_CR:
                if (b != '\n') return Refusal.VERSION;
                state = State.LINE_START;
                return null;
            case LINE_START:
                if (b == '\r') {
                    state = State.HEAD_END_CR;
                    return null;
                }
                if (b == '\n') return headEnd();
                if (!isTokenChar(b)) return Refusal.HEADER; // obs-fold (SP/HT) included, as workerd
                name.setLength(0);
                value.setLength(0);
                state = State.NAME;
                return step(b);
            case NAME:
                if (b == ':' && name.length() > 0) {
                    state = State.VALUE;
                } else if (isTokenChar(b)) {
                    if (name.length() < 24) name.append((char) (b | 0x20));
                } else {
                    return Refusal.HEADER; // no colon on the line, or whitespace before it
                }
                return null;
            case VALUE:
                if (b == '\r') state = State.VALUE_CR;
                else if (b == '\n') return headerEnd();
                else if (b == 0) return Refusal.HEADER;
                else if (value.length() < 256) value.append((char) (b & 0xff));
                return null;
            case VALUE_CR:
                if (b != '\n') return Refusal.HEADER; // a CR inside a value
                return headerEnd();
            case HEAD_END_CR:
                if (b != '\n') return Refusal.HEADER;
                return headEnd();
            case CHUNK_SIZE:
                int digit = Character.digit(b, 16);
                if (digit >= 0 && sizeDigits < 15) {
                    remaining = remaining * 16 + digit;
                    sizeDigits++;
                } else if (sizeDigits > 0 && (b == ';' || b == ' ' || b == '\t')) {
                    state = State.CHUNK_EXT;
                } else if (sizeDigits > 0 && b == '\r') {
                    state = State.CHUNK_SIZE_LF;
                } else if (sizeDigits > 0 && b == '\n') {
                    chunkSizeEnd();
                } else {
                    state = State.PASS; // malformed: Undertow refuses it itself
                }
                return null;
            case CHUNK_EXT:
                if (b == '\n') chunkSizeEnd();
                return null;
            case CHUNK_SIZE_LF:
                if (b == '\n') chunkSizeEnd();
                else state = State.PASS;
                return null;
            case CHUNK_DATA_CR:
                if (b == '\r') state = State.CHUNK_DATA_LF;
                else if (b == '\n') startChunk();
                else state = State.PASS;
                return null;
            case CHUNK_DATA_LF:
                if (b == '\n') startChunk();
                else state = State.PASS;
                return null;
            default:
                return null;
        }
    }

    private void newRequest() {
        headBytes = 1;
        targetLength = 0;
        method.setLength(0);
        version.setLength(0);
        inTrailer = false;
        contentLength = -1;
        badContentLength = false;
        transferEncoding = null;
        upgrade = false;
    }

    private Refusal headerEnd() {
        state = State.LINE_START;
        if (inTrailer) return null;
        switch (name.toString()) {
            case "content-length" -> contentLength(value.toString());
            case "transfer-encoding" -> transferEncoding = transferEncoding == null ? value.toString() : transferEncoding + "," + value;
            // h2c (java.net.http asks for it on every request) is declined and the connection stays HTTP/1.1
            case "upgrade" -> upgrade |= value.toString().toLowerCase(Locale.ROOT).contains("websocket");
            default -> { }
        }
        return null;
    }

    /** Every Content-Length (and every element of a list in one) must be the same number. */
    private void contentLength(String v) {
        for (String part : v.split(",", -1)) {
            String digits = part.strip();
            if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                badContentLength = true;
                return;
            }
            long n = Long.parseLong(digits);
            if (contentLength >= 0 && contentLength != n) badContentLength = true;
            contentLength = n;
        }
    }

    private Refusal headEnd() {
        if (inTrailer) {
            state = State.START;
            return null;
        }
        Framing framing = Framing.NONE;
        if (transferEncoding != null) {
            String[] codings = transferEncoding.split(",");
            if (!codings[codings.length - 1].strip().toLowerCase(Locale.ROOT).equals("chunked")) return Refusal.TRANSFER_ENCODING;
            framing = Framing.CHUNKED; // chunked wins over a Content-Length, as in workerd
        } else if (badContentLength) {
            return Refusal.CONTENT_LENGTH;
        } else if (contentLength > 0) {
            framing = Framing.LENGTH;
        }
        if (upgrade || method.toString().equals("CONNECT")) {
            state = State.PASS; // what follows is another protocol's
        } else if (framing == Framing.LENGTH) {
            remaining = contentLength;
            state = State.BODY;
        } else if (framing == Framing.CHUNKED) {
            startChunk();
        } else {
            state = State.START;
        }
        return null;
    }

    private void startChunk() {
        remaining = 0;
        sizeDigits = 0;
        state = State.CHUNK_SIZE;
    }

    private void chunkSizeEnd() {
        if (remaining == 0) {
            inTrailer = true;
            state = State.LINE_START;
        } else {
            state = State.CHUNK_DATA;
        }
    }

    /** RFC 9110's tchar. */
    private static boolean isTokenChar(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') return true;
        return b > 0x20 && b < 0x7f && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }
}
