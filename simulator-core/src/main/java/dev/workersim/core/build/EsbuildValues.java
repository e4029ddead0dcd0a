package dev.workersim.core.build;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of esbuild's service protocol (see {@link EsbuildService}), little-endian: tag 0
 * null, 1 bool (a byte), 2 int (int32), 3 string and 4 bytes (uint32 length + bytes), 5 array
 * (uint32 count + values), 6 object (uint32 count + (length-prefixed key, value) pairs).
 */
final class EsbuildValues {
    private EsbuildValues() {
    }

    static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    static void writeBytes(ByteArrayOutputStream out, byte[] b) {
        writeInt(out, b.length);
        out.write(b, 0, b.length);
    }

    static void encode(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            out.write(0);
        } else if (value instanceof Boolean b) {
            out.write(1);
            out.write(b ? 1 : 0);
        } else if (value instanceof Integer i) {
            out.write(2);
            writeInt(out, i);
        } else if (value instanceof String s) {
            out.write(3);
            writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] b) {
            out.write(4);
            writeBytes(out, b);
        } else if (value instanceof List<?> list) {
            out.write(5);
            writeInt(out, list.size());
            for (Object item : list) encode(out, item);
        } else if (value instanceof Map<?, ?> map) {
            out.write(6);
            writeInt(out, map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeBytes(out, String.valueOf(e.getKey()).getBytes(StandardCharsets.UTF_8));
                encode(out, e.getValue());
            }
        } else {
            throw new IllegalArgumentException("no esbuild encoding for " + value.getClass());
        }
    }

    static Object decode(ByteBuffer b) {
        int tag = b.get();
        switch (tag) {
            case 0:
                return null;
            case 1:
                return b.get() != 0;
            case 2:
                return b.getInt();
            case 3:
                return new String(bytes(b), StandardCharsets.UTF_8);
            case 4:
                return bytes(b);
            case 5: {
                int n = b.getInt();
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) list.add(decode(b));
                return list;
            }
            case 6: {
                int n = b.getInt();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String key = new String(bytes(b), StandardCharsets.UTF_8);
                    map.put(key, decode(b));
                }
                return map;
            }
            default:
                throw new IllegalStateException("esbuild sent an unknown value tag " + tag);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) throw new IllegalStateException("esbuild sent a truncated value");
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
