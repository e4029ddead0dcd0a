package dev.workersim.bindings.r2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A body on its way into the bucket: written chunk by chunk to a new blob file (never held whole in
 * memory) while its MD5, and the one other checksum the put asked for, are computed. Once
 * {@link #finish} has synced it, a metadata row may name it.
 */
final class StagedBody implements AutoCloseable {
    /** The checksum algorithms R2 knows, by option name, in the order checksums list them. */
    static final Map<String, String> ALGORITHMS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256",
            "sha384", "SHA-384", "sha512", "SHA-512");
    static final String[] ORDER = {"md5", "sha1", "sha256", "sha384", "sha512"};

    final String blob;
    private final Path file;
    private final FileChannel channel;
    private final Map<String, MessageDigest> digests = new LinkedHashMap<>();
    private long size;
    private Map<String, byte[]> sums;
    private UncheckedIOException failure; // a write that failed: reported when the body is committed

    StagedBody(Path blobDir, String extraAlgorithm) {
        this.blob = UUID.randomUUID().toString();
        this.file = blobDir.resolve(blob);
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            digests.put("md5", MessageDigest.getInstance("MD5"));
            if (extraAlgorithm != null && !extraAlgorithm.equals("md5")) {
                digests.put(extraAlgorithm, MessageDigest.getInstance(ALGORITHMS.get(extraAlgorithm)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends a chunk. A failure (a full disk) is kept and thrown by {@link #finish}, off the worker's loop. */
    void write(byte[] bytes, int offset, int length) {
        if (failure != null) return;
        for (MessageDigest d : digests.values()) d.update(bytes, offset, length);
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
        try {
            while (b.hasRemaining()) channel.write(b);
        } catch (IOException e) {
            failure = new UncheckedIOException("writing the object's body: " + e.getMessage(), e);
        }
        size += length;
    }

    /** Syncs the file and closes it; the digests are final from here on. */
    StagedBody finish() {
        if (failure != null) throw failure;
        if (sums != null) return this;
        try {
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sums = new LinkedHashMap<>();
        for (String name : ORDER) {
            MessageDigest d = digests.get(name);
            if (d != null) sums.put(name, d.digest());
        }
        return this;
    }

    long size() {
        return size;
    }

    byte[] sum(String algorithm) {
        return sums.get(algorithm);
    }

    /** The checksums as stored: {"md5": hex, ...}. */
    String checksumsJson() {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, byte[]> e : sums.entrySet()) {
            if (b.length() > 1) b.append(',');
            b.append('"').append(e.getKey()).append("\":\"").append(HexFormat.of().formatHex(e.getValue())).append('"');
        }
        return b.append('}').toString();
    }

    /** Drops the file: the put failed or its precondition did. */
    void discard() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an orphan blob is removed when the store next opens
        }
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) channel.close();
        } catch (IOException ignored) {
            // nothing was promised about this file yet
        }
    }
}
