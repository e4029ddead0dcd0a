package dev.workersim.bindings.store;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The redo record of a map write: a put of (key, value) or, with no value, a delete of key. */
public final class KeyValueRedo {
    private KeyValueRedo() {
    }

    public static byte[] encode(byte[] key, byte[] valueOrNull) {
        ByteBuffer b = ByteBuffer.allocate(5 + key.length + (valueOrNull == null ? 0 : valueOrNull.length));
        b.put((byte) (valueOrNull == null ? 0 : 1)).putInt(key.length).put(key);
        if (valueOrNull != null) b.put(valueOrNull);
        return b.array();
    }

    /** Calls {@code put(key, value)} or {@code delete(key)} for one record. */
    public static void decode(byte[] record, BiConsumer<byte[], byte[]> put, Consumer<byte[]> delete) {
        ByteBuffer b = ByteBuffer.wrap(record);
        boolean isPut = b.get() == 1;
        byte[] key = new byte[b.getInt()];
        b.get(key);
        if (isPut) {
            byte[] value = new byte[b.remaining()];
            b.get(value);
            put.accept(key, value);
        } else {
            delete.accept(key);
        }
    }
}
