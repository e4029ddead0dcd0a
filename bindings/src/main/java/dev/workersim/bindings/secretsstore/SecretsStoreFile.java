package dev.workersim.bindings.secretsstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One local secrets store: a JSON object of secret names to values, e.g.
 * {@code {"api_key": "s3cr3t"}}, in {@code <persist root>/secrets-store/<store_id>.json}. It is read
 * on every get(), so an edit applies without a restart. Without a persist root (in memory) or a
 * file, the store is empty.
 */
final class SecretsStoreFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    SecretsStoreFile(Path file) {
        this.file = file;
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
