package dev.workersim.bindings.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The append-only file that makes a group of writes durable with one fdatasync. MapDB's own commit
 * syncs several files (measured: about three syncs' time per commit), so a store commits MapDB
 * only now and then (a checkpoint) and acknowledges writes once their records are here.
 *
 * <p>Each record is framed as length, CRC-32, bytes. A crash can leave a torn last record; replay
 * stops at the first record whose frame or checksum does not hold, which can only be one that was
 * never acknowledged (its sync had not returned).
 */
final class RedoLog implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private long size;

    RedoLog(Path file) {
        this.file = file;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            size = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Feeds every intact record, oldest first, to {@code apply}; returns how many. */
    int replay(Consumer<byte[]> apply) {
        try {
            ByteBuffer head = ByteBuffer.allocate(8);
            long at = 0;
            int n = 0;
            while (at + 8 <= size) {
                head.clear();
                readFully(head, at);
                head.flip();
                int length = head.getInt();
                int crc = head.getInt();
                if (length < 0 || at + 8 + length > size) break;
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(body, at + 8);
                byte[] record = body.array();
                if (crc32(record) != crc) break;
                apply.accept(record);
                at += 8 + length;
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void readFully(ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position()) < 0) throw new IOException("unexpected end of " + file);
        }
    }

    /** Appends the records and returns once they are on disk. */
    void appendAndSync(List<byte[]> records) throws IOException {
        int total = 0;
        for (byte[] r : records) total += 8 + r.length;
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (byte[] r : records) buf.putInt(r.length).putInt(crc32(r)).put(r);
        buf.flip();
        while (buf.hasRemaining()) size += channel.write(buf, size);
        channel.force(false);
    }

    long size() {
        return size;
    }

    /** Empties the log once everything in it is in a committed checkpoint. */
    void truncate() throws IOException {
        channel.truncate(0);
        channel.force(true);
        size = 0;
    }

    private static int crc32(byte[] bytes) {
        CRC32 c = new CRC32();
        c.update(bytes);
        return (int) c.getValue();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing at shutdown; nothing to recover
        }
    }

    static Path beside(Path dbFile) {
        return dbFile.resolveSibling(dbFile.getFileName() + ".redo");
    }

    static boolean exists(Path dbFile) {
        return Files.exists(beside(dbFile));
    }
}
