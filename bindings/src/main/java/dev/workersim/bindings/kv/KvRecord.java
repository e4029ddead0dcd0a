package dev.workersim.bindings.kv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One stored KV entry, as the bytes MapDB keeps: a flags byte, the expiration (epoch ms, or -1),
 * the metadata JSON (or none), then the value itself or, for a large value, the name of its blob file.
 */
record KvRecord(long expiresAtMillis, String metadataJson, byte[] inlineValue, String blobName, int valueLength) {
    private static final byte FLAG_BLOB = 1;

    static KvRecord inline(byte[] value, long expiresAtMillis, String metadataJson) {
        return new KvRecord(expiresAtMillis, metadataJson, value, null, value.length);
    }

    static KvRecord blob(String blobName, int length, long expiresAtMillis, String metadataJson) {
        return new KvRecord(expiresAtMillis, metadataJson, null, blobName, length);
    }

    boolean isBlob() {
        return blobName != null;
    }

    boolean expiredAt(long nowMillis) {
        return expiresAtMillis >= 0 && expiresAtMillis <= nowMillis;
    }

    byte[] encode() {
        byte[] meta = metadataJson == null ? null : metadataJson.getBytes(StandardCharsets.UTF_8);
        byte[] body = isBlob() ? blobName.getBytes(StandardCharsets.UTF_8) : inlineValue;
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + 4 + (meta == null ? 0 : meta.length) + body.length);
        b.put(isBlob() ? FLAG_BLOB : 0).putLong(expiresAtMillis).putInt(valueLength);
        b.putInt(meta == null ? -1 : meta.length);
        if (meta != null) b.put(meta);
        b.put(body);
        return b.array();
    }

    static KvRecord decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        boolean blob = b.get() == FLAG_BLOB;
        long expires = b.getLong();
        int length = b.getInt();
        int metaLen = b.getInt();
        String meta = null;
        if (metaLen >= 0) {
            meta = new String(bytes, b.position(), metaLen, StandardCharsets.UTF_8);
            b.position(b.position() + metaLen);
        }
        byte[] body = new byte[b.remaining()];
        b.get(body);
        return blob ? blob(new String(body, StandardCharsets.UTF_8), length, expires, meta) : inline(body, expires, meta);
    }
}
