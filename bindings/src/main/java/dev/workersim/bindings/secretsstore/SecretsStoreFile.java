package dev.workersim.bindings.secretsstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One local secrets store: a JSON object of secret names to values, e.g.
 * {@code {"api_key": "s3cr3t"}}, in {@code <persist root>/secrets-store/<store_id>.json}. It is read
 * on every get(), so an edit applies without a restart. Without a persist root (in memory) or a
 * file, the store is empty.
 */
public final class SecretsStoreFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    SecretsStoreFile(Path file) {
        this.file = file;
    }

    /** The store {@code storeId} under {@code persistRoot} (where `sim dev` keeps state). */
    public static SecretsStoreFile of(Path persistRoot, String storeId) {
        if (!storeId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("The store id \"" + storeId + "\" may only hold letters, digits, '.', '_' and '-'.");
        }
        return new SecretsStoreFile(persistRoot.resolve("secrets-store").resolve(storeId + ".json"));
    }

    /**
     * Sets a secret (replacing one of that name), durably: the whole store is written to a temporary
     * file, synced, then moved over the old one, so a reader sees the old store or the new one.
     */
    public synchronized void put(String secretName, String value) throws IOException {
        ObjectNode all = JSON.createObjectNode();
        if (Files.exists(file)) {
            JsonNode old = JSON.readTree(Files.readString(file));
            if (old instanceof ObjectNode o) all = o;
        }
        all.put(secretName, value);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The secret's value, or null when the store has no such secret. */
    String read(String secretName) {
        if (file == null) return null;
        JsonNode all;
        try {
            all = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("secrets store " + file + " is not a JSON object of names to values: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading secrets store " + file + ": " + e.getMessage(), e);
        }
        JsonNode v = all == null ? null : all.get(secretName);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
