package dev.workersim.bindings.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.spi.HostLoop;
import dev.workersim.core.spi.Pending;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The Java half of KvNamespace, called on the worker's loop with plain values. kv.js validates
 * arguments and shapes errors; this class only reads and writes.
 *
 * <p>Reads of values kept in the B-tree answer on the loop at once: a lookup in a page-cached file
 * costs microseconds, less than the two thread hand-offs an executor round trip would. Blob reads,
 * blob writes and every commit wait happen off the loop.
 */
public final class KvOps {
    static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KvStore store;
    private final ExecutorService pool;
    private final SimClock clock;
    private final HostLoop loop;

    KvOps(KvStore store, ExecutorService pool, SimClock clock, HostLoop loop) {
        this.store = store;
        this.pool = pool;
        this.clock = clock;
        this.loop = loop;
    }

    /** The simulator's clock in ms: expirations are checked against it, not the host's. */
    @HostAccess.Export
    public double now() {
        return clock.millis();
    }

    /** {@code resolve(value: string | ByteBuffer | null, metadataJson: string | null)}. */
    @HostAccess.Export
    public Pending get(String key, boolean asText) {
        KvRecord r;
        try {
            r = store.get(key);
        } catch (RuntimeException e) {
            return Pending.rejected(message(e));
        }
        if (r == null) return Pending.resolved(HostLoop.Results.of(null, null));
        // An inline value answers in the same call; a blob is read off the loop.
        return loop.complete(r.isBlob() ? pool : HostLoop.ON_LOOP,
                () -> HostLoop.Results.of(shape(r.isBlob() ? store.value(r) : r.inlineValue(), asText), r.metadataJson()));
    }

    /** Bulk text read: {@code resolve(json)} with {@code [[value, metadataJson], ...]} (null for a miss). */
    @HostAccess.Export
    public Pending getMany(Value keys) {
        String[] names = new String[(int) keys.getArraySize()];
        for (int i = 0; i < names.length; i++) names[i] = keys.getArrayElement(i).asString();
        return loop.complete(pool, () -> {
            ArrayNode out = JSON.createArrayNode();
            for (String k : names) {
                KvRecord r = store.get(k);
                if (r == null) {
                    out.addNull();
                    continue;
                }
                ArrayNode pair = out.addArray();
                pair.add(new String(store.value(r), StandardCharsets.UTF_8));
                if (r.metadataJson() == null) pair.addNull(); else pair.add(r.metadataJson());
            }
            return JSON.writeValueAsString(out);
        });
    }

    @HostAccess.Export
    public Pending putText(String key, String value, double expiresAtMillis, String metadataJson) {
        return store(key, value.getBytes(StandardCharsets.UTF_8), expiresAtMillis, metadataJson);
    }

    @HostAccess.Export
    public Pending putBytes(String key, Value buffer, int offset, int length, double expiresAtMillis, String metadataJson) {
        byte[] bytes = new byte[length];
        if (length > 0) buffer.readBuffer(offset, bytes, 0, length);
        return store(key, bytes, expiresAtMillis, metadataJson);
    }

    private Pending store(String key, byte[] bytes, double expiresAtMillis, String metadataJson) {
        if (bytes.length > MAX_VALUE_BYTES) {
            return Pending.rejected("KV PUT failed: 413 Value length of " + bytes.length + " exceeds limit of " + MAX_VALUE_BYTES + ".");
        }
        long expires = expiresAtMillis < 0 ? -1 : (long) expiresAtMillis;
        if (bytes.length <= KvStore.BLOB_THRESHOLD) {
            return loop.complete(store.put(key, bytes, expires, metadataJson));
        } else {
            // A large value is written (and synced) to its blob file off the loop, then waits for its commit.
            return loop.complete(CompletableFuture.supplyAsync(() -> store.put(key, bytes, expires, metadataJson), pool)
                    .thenCompose(committed -> committed));
        }
    }

    @HostAccess.Export
    public Pending delete(String key) {
        return loop.complete(store.delete(key));
    }

    /**
     * {@code resolve(json)}: {@code {keys: [{name, expiration?, metadata?}], list_complete, cursor?}}.
     * The cursor is the base64 of the last key returned (as Miniflare's is); the next page starts after it.
     */
    @HostAccess.Export
    public Pending list(String prefix, int limit, String cursor) {
        return loop.complete(HostLoop.ON_LOOP, () -> {
            byte[] after = cursor == null || cursor.isEmpty() ? null : decodeCursor(cursor);
            KvStore.Page page = store.list(prefix == null ? "" : prefix, limit, after);
            ObjectNode out = JSON.createObjectNode();
            ArrayNode keys = out.putArray("keys");
            for (KvStore.Listed k : page.keys()) {
                ObjectNode o = keys.addObject().put("name", k.name());
                if (k.expiresAtMillis() >= 0) o.put("expiration", k.expiresAtMillis() / 1000);
                if (k.metadataJson() != null) o.putRawValue("metadata", new RawValue(k.metadataJson()));
            }
            out.put("list_complete", page.complete());
            if (!page.complete()) {
                String last = page.keys().get(page.keys().size() - 1).name();
                out.put("cursor", Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
            }
            return JSON.writeValueAsString(out);
        });
    }

    /** Decodes base64 as leniently as Node does: junk characters skipped, a dangling character dropped. */
    static byte[] decodeCursor(String cursor) {
        StringBuilder b = new StringBuilder(cursor.length());
        for (char c : cursor.toCharArray()) {
            if (c == '-') b.append('+');
            else if (c == '_') b.append('/');
            else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') b.append(c);
        }
        if (b.length() % 4 == 1) b.setLength(b.length() - 1);
        while (b.length() % 4 != 0) b.append('=');
        return Base64.getDecoder().decode(b.toString());
    }

    private static Object shape(byte[] value, boolean asText) {
        return asText ? new String(value, StandardCharsets.UTF_8) : ByteBuffer.wrap(value);
    }

    private static String message(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
