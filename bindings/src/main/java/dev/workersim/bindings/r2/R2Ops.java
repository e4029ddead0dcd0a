package dev.workersim.bindings.r2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.spi.HostLoop;
import dev.workersim.core.spi.Pending;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The Java half of R2Bucket, called on the worker's loop with strings, numbers and byte buffers.
 * r2.js validates arguments and raises workerd's TypeErrors; this class stores and reads, and
 * answers service errors as their message ("... (10020)"), which r2.js prefixes with the operation.
 *
 * <p>A body goes in as a staged file: {@link #stage} opens it, {@link #write} appends chunks as the
 * worker's stream yields them, and {@link #put} or {@link #uploadPart} commits it. A body comes out
 * whole when small, else chunk by chunk through {@link #readChunk}.
 */
public final class R2Ops {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 64 * 1024;
    /** R2's limit for one put: 5 GiB less 5 MiB (larger objects need a multipart upload). */
    static final long MAX_PUT_BYTES = 5L * 1024 * 1024 * 1024 - 5L * 1024 * 1024;

    private final R2Store store;
    private final ExecutorService pool;
    private final HostLoop loop;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, StagedBody> staged = new ConcurrentHashMap<>();
    private final Map<Integer, R2Store.BodySource> readers = new ConcurrentHashMap<>();

    R2Ops(R2Store store, ExecutorService pool, HostLoop loop) {
        this.store = store;
        this.pool = pool;
        this.loop = loop;
    }

    /** {@code resolve(json | null)}. */
    @HostAccess.Export
    public Pending head(String key) {
        return offLoop(() -> {
            ObjectMeta m = store.head(key);
            return m == null ? null : m.toJson(m.whole()).toString();
        });
    }

    /** {@code resolve(json | null, bytes | null, readerId)}: bytes for a small body, a reader id (≥ 0) for a large one. */
    @HostAccess.Export
    public Pending get(String key, String onlyIfJson, String rangeJson) {
        return loop.complete(pool, () -> {
            R2Store.Got g = store.get(key, Conditions.parse(tree(onlyIfJson)), RangeSpec.parse(tree(rangeJson)));
            if (g == null) return HostLoop.Results.of(null, null, -1);
            String json = g.meta().toJson(g.range()).put("hasBody", g.body() != null).toString();
            R2Store.BodySource body = g.body();
            if (body == null || body.bytes != null) {
                return HostLoop.Results.of(json, body == null ? null : ByteBuffer.wrap(body.bytes), -1);
            }
            int id = ids.incrementAndGet();
            readers.put(id, body);
            return HostLoop.Results.of(json, null, id);
        });
    }

    /** {@code resolve(bytes | null)}: the next chunk of a large body, null at its end. */
    @HostAccess.Export
    public Pending readChunk(int readerId) {
        R2Store.BodySource body = readers.get(readerId);
        if (body == null) {
            return Pending.rejected("body reader " + readerId + " is closed");
        }
        return offLoop(() -> {
            ByteBuffer b = body.next(CHUNK);
            if (b == null) readers.remove(readerId);
            return b;
        });
    }

    @HostAccess.Export
    public void cancelRead(int readerId) {
        R2Store.BodySource body = readers.remove(readerId);
        if (body != null) body.close();
    }

    /** Opens a body to write; {@code checksum} names one algorithm to compute besides MD5, or null. */
    @HostAccess.Export
    public int stage(String checksum) {
        int id = ids.incrementAndGet();
        staged.put(id, store.stage(checksum));
        return id;
    }

    @HostAccess.Export
    public void write(int id, Value buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        if (length > 0) buffer.readBuffer(offset, bytes, 0, length);
        staged.get(id).write(bytes, 0, length);
    }

    @HostAccess.Export
    public void discard(int id) {
        StagedBody b = staged.remove(id);
        if (b != null) b.discard();
    }

    /**
     * Commits staged body {@code id} as {@code key}. {@code optionsJson}: {httpMetadata, customMetadata,
     * onlyIf, checksum: {name, hex}?}. {@code resolve(json | null)}: null when onlyIf failed.
     */
    @HostAccess.Export
    public Pending put(String key, int id, String optionsJson) {
        StagedBody body = staged.remove(id);
        return offLoopAsync(() -> {
            JsonNode o = tree(optionsJson);
            body.finish();
            if (body.size() > MAX_PUT_BYTES) {
                throw new R2Error(R2Error.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed object size.");
            }
            JsonNode expected = o.get("checksum");
            if (expected != null && !expected.isNull()) verify(body, expected.get("name").asText(), expected.get("hex").asText());
            R2Store.PutOptions p = new R2Store.PutOptions(o.get("httpMetadata").toString(), o.get("customMetadata").toString(),
                    Conditions.parse(o.get("onlyIf")));
            return store.put(key, body, p).thenApply(m -> m == null ? null : m.toJson(null).toString());
        }, body::discard);
    }

    private static void verify(StagedBody body, String algorithm, String hex) {
        String actual = HexFormat.of().formatHex(body.sum(algorithm));
        if (actual.equals(hex)) return;
        String name = StagedBody.ALGORITHMS.get(algorithm);
        throw new R2Error(R2Error.BAD_DIGEST, "The " + name + " checksum you specified did not match what we received.\nYou provided a "
                + name + " checksum with value: " + hex + "\nActual " + name + " was: " + actual);
    }

    /** {@code keysJson}: an array of keys. */
    @HostAccess.Export
    public Pending delete(String keysJson) {
        return offLoopAsync(() -> {
            List<String> keys = new ArrayList<>();
            for (JsonNode k : tree(keysJson)) keys.add(k.asText());
            return store.delete(keys).thenApply(v -> null);
        }, null);
    }

    /** {@code resolve(json)}: {objects: [...], truncated, cursor?, delimitedPrefixes}. */
    @HostAccess.Export
    public Pending list(String optionsJson) {
        return offLoop(() -> {
            JsonNode o = tree(optionsJson);
            R2Store.Page page = store.list(o.path("prefix").asText(""), o.path("limit").asInt(1000), text(o, "cursor"),
                    text(o, "startAfter"), text(o, "delimiter"));
            ObjectNode out = JSON.createObjectNode();
            ArrayNode objects = out.putArray("objects");
            for (ObjectMeta m : page.objects()) objects.add(m.toJson(null));
            out.put("truncated", page.cursor() != null);
            if (page.cursor() != null) out.put("cursor", page.cursor());
            ArrayNode prefixes = out.putArray("delimitedPrefixes");
            page.delimitedPrefixes().forEach(prefixes::add);
            return out.toString();
        });
    }

    @HostAccess.Export
    public Pending createUpload(String key, String httpMetadataJson, String customMetadataJson) {
        return offLoopAsync(() -> store.createUpload(key, httpMetadataJson, customMetadataJson), null);
    }

    /** Commits staged body {@code id} as a part; {@code resolve(etag)}. */
    @HostAccess.Export
    public Pending uploadPart(String uploadId, String key, int partNumber, int id) {
        StagedBody body = staged.remove(id);
        return offLoopAsync(() -> store.uploadPart(uploadId, key, partNumber, body), body::discard);
    }

    /** {@code partsJson}: [{partNumber, etag}]; {@code resolve(json)}. */
    @HostAccess.Export
    public Pending complete(String uploadId, String key, String partsJson) {
        return offLoopAsync(() -> {
            List<R2Store.PartRef> parts = new ArrayList<>();
            for (JsonNode p : tree(partsJson)) parts.add(new R2Store.PartRef(p.get("partNumber").asInt(), p.get("etag").asText()));
            return store.complete(uploadId, key, parts).thenApply(m -> m.toJson(null).toString());
        }, null);
    }

    @HostAccess.Export
    public Pending abort(String uploadId, String key) {
        return offLoopAsync(() -> store.abort(uploadId, key), null);
    }

    // ---- plumbing ----

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private Pending offLoop(java.util.concurrent.Callable<?> work) {
        return loop.complete(pool, work);
    }

    /** Starts {@code work} on the pool and answers when its future completes ({@code onFail} cleans up). */
    private <T> Pending offLoopAsync(Work<CompletableFuture<T>> work, Runnable onFail) {
        CompletableFuture<T> done = CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, pool).thenCompose(f -> f);
        if (onFail != null) done = done.whenComplete((v, err) -> {
            if (err != null) onFail.run();
        });
        return loop.complete(done);
    }

    private static JsonNode tree(String json) throws com.fasterxml.jackson.core.JsonProcessingException {
        return json == null ? null : JSON.readTree(json);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
