package dev.workersim.bindings.r2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.spi.HostLoop;
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
    public void head(String key, Value resolve, Value reject) {
        offLoop(() -> {
            ObjectMeta m = store.head(key);
            return m == null ? null : m.toJson(m.whole()).toString();
        }, resolve, reject);
    }

    /** {@code resolve(json | null, bytes | null, readerId)}: bytes for a small body, a reader id (≥ 0) for a large one. */
    @HostAccess.Export
    public void get(String key, String onlyIfJson, String rangeJson, Value resolve, Value reject) {
        loop.complete(pool, () -> {
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
        }, resolve, reject);
    }

    /** {@code resolve(bytes | null)}: the next chunk of a large body, null at its end. */
    @HostAccess.Export
    public void readChunk(int readerId, Value resolve, Value reject) {
        R2Store.BodySource body = readers.get(readerId);
        if (body == null) {
            reject.execute("body reader " + readerId + " is closed");
            return;
        }
        offLoop(() -> {
            ByteBuffer b = body.next(CHUNK);
            if (b == null) readers.remove(readerId);
            return b;
        }, resolve, reject);
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
    public void put(String key, int id, String optionsJson, Value resolve, Value reject) {
        StagedBody body = staged.remove(id);
        offLoopAsync(() -> {
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
        }, body::discard, resolve, reject);
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
    public void delete(String keysJson, Value resolve, Value reject) {
        offLoopAsync(() -> {
            List<String> keys = new ArrayList<>();
            for (JsonNode k : tree(keysJson)) keys.add(k.asText());
            return store.delete(keys).thenApply(v -> null);
        }, null, resolve, reject);
    }

    /** {@code resolve(json)}: {objects: [...], truncated, cursor?, delimitedPrefixes}. */
    @HostAccess.Export
    public void list(String optionsJson, Value resolve, Value reject) {
        offLoop(() -> {
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
        }, resolve, reject);
    }

    @HostAccess.Export
    public void createUpload(String key, String httpMetadataJson, String customMetadataJson, Value resolve, Value reject) {
        offLoopAsync(() -> store.createUpload(key, httpMetadataJson, customMetadataJson), null, resolve, reject);
    }

    /** Commits staged body {@code id} as a part; {@code resolve(etag)}. */
    @HostAccess.Export
    public void uploadPart(String uploadId, String key, int partNumber, int id, Value resolve, Value reject) {
        StagedBody body = staged.remove(id);
        offLoopAsync(() -> store.uploadPart(uploadId, key, partNumber, body), body::discard, resolve, reject);
    }

    /** {@code partsJson}: [{partNumber, etag}]; {@code resolve(json)}. */
    @HostAccess.Export
    public void complete(String uploadId, String key, String partsJson, Value resolve, Value reject) {
        offLoopAsync(() -> {
            List<R2Store.PartRef> parts = new ArrayList<>();
            for (JsonNode p : tree(partsJson)) parts.add(new R2Store.PartRef(p.get("partNumber").asInt(), p.get("etag").asText()));
            return store.complete(uploadId, key, parts).thenApply(m -> m.toJson(null).toString());
        }, null, resolve, reject);
    }

    @HostAccess.Export
    public void abort(String uploadId, String key, Value resolve, Value reject) {
        offLoopAsync(() -> store.abort(uploadId, key), null, resolve, reject);
    }

    // ---- plumbing ----

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private void offLoop(java.util.concurrent.Callable<?> work, Value resolve, Value reject) {
        loop.complete(pool, work, resolve, reject);
    }

    /** Starts {@code work} on the pool and answers when its future completes ({@code onFail} cleans up). */
    private <T> void offLoopAsync(Work<CompletableFuture<T>> work, Runnable onFail, Value resolve, Value reject) {
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
        loop.complete(done, resolve, reject);
    }

    private static JsonNode tree(String json) throws com.fasterxml.jackson.core.JsonProcessingException {
        return json == null ? null : JSON.readTree(json);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
