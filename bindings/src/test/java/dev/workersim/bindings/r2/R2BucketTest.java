package dev.workersim.bindings.r2;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.obj;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.RouteWorker;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** R2Bucket through a worker: what it stores, what it reads back, and its errors. */
class R2BucketTest {
    /** One bucket, bound as env.B. */
    static final String BUCKET = "compatibility_date = \"2025-09-01\"\n[[r2_buckets]]\nbinding = \"B\"\nbucket_name = \"test-bucket\"\n";

    /** A worker of {@link RouteWorker} routes called with {@code (bucket, request, url)}, over {@link #BUCKET}. */
    static WorkerFixture r2(String routes) {
        return RouteWorker.fixture(routes, "env.B, req, url", BUCKET);
    }

    static final String ROUTES = """
            "/roundtrip": async (b) => {
              const put = await b.put("a/b.txt", "héllo", { httpMetadata: { contentType: "text/plain", cacheExpiry: new Date(0) },
                customMetadata: { who: "test" }, sha256: "%s" });
              const got = await b.get("a/b.txt");
              const h = new Headers();
              got.writeHttpMetadata(h);
              const before = got.bodyUsed;
              const text = await got.text();
              return { etag: put.etag, httpEtag: put.httpEtag, size: put.size, text, before, after: got.bodyUsed,
                checksums: got.checksums.toJSON(), headers: [...h], custom: got.customMetadata,
                sameVersion: put.version === got.version, head: (await b.head("a/b.txt")).range };
            },
            "/upload": async (b, req) => {
              const o = await b.put("big.bin", req.body);
              return { size: o.size, etag: o.etag };
            },
            "/download": async (b) => new Response((await b.get("big.bin")).body),
            "/slice": async (b, req, url) => {
              const o = await b.get("big.bin", { range: { offset: Number(url.searchParams.get("offset")), length: 5 } });
              return { range: o.range, bytes: [...new Uint8Array(await o.arrayBuffer())] };
            },
            "/conditional": async (b) => {
              const o = await b.put("c", "v1");
              const stale = await b.put("c", "v2", { onlyIf: { etagMatches: "0".repeat(32) } });
              const fresh = await b.put("c", "v2", { onlyIf: { etagMatches: o.etag } });
              const notModified = await b.get("c", { onlyIf: new Headers({ "if-none-match": fresh.httpEtag }) });
              return { stale, freshSize: fresh.size, notModifiedHasBody: "body" in notModified, now: await (await b.get("c")).text() };
            },
            "/list": async (b) => {
              for (const k of ["p/1", "p/2", "p/x/3", "p/x/4", "p/y/5", "q"]) await b.put(k, k);
              const pages = [];
              let cursor;
              do {
                const r = await b.list({ prefix: "p/", delimiter: "/", limit: 2, cursor });
                pages.push([...r.objects.map((o) => o.key), ...r.delimitedPrefixes]);
                cursor = r.truncated ? r.cursor : undefined;
              } while (cursor);
              const after = (await b.list({ startAfter: "p/x/3" })).objects.map((o) => o.key);
              const meta = (await b.list({ prefix: "q", include: ["customMetadata"] })).objects[0];
              await b.delete(["p/1", "p/2", "nothing"]);
              const left = (await b.list()).objects.map((o) => o.key);
              return { pages, after, custom: meta.customMetadata, http: meta.httpMetadata, left };
            },
            "/multipart": async (b) => {
              const up = await b.createMultipartUpload("mp", { customMetadata: { via: "mpu" } });
              const p1 = await up.uploadPart(1, new Uint8Array(5 * 1024 * 1024).fill(7));
              const p2 = await b.resumeMultipartUpload("mp", up.uploadId).uploadPart(2, "end");
              const done = await up.complete([p1, p2]);
              const tail = await (await b.get("mp", { range: { suffix: 4 } })).text();
              return { etag: done.etag, size: done.size, parts: [p1.etag, p2.etag], tail, custom: done.customMetadata };
            },
            "/errors": async (b) => ({
              longKey: await attempt(() => b.head("k".repeat(1025))),
              badRange: await attempt(() => b.get("c", { range: { offset: 99 } })),
              twoSums: await attempt(() => b.put("x", "y", { md5: "0".repeat(32), sha1: "0".repeat(40) })),
              badSha1: await attempt(() => b.put("x", "abc", { sha1: "0".repeat(40) })),
              bigMeta: await attempt(() => b.put("x", "y", { customMetadata: { k: "v".repeat(9000) } })),
              badValue: await attempt(() => b.put("x", 42)),
              tooSmall: await attempt(async () => {
                const up = await b.createMultipartUpload("s");
                return up.complete([await up.uploadPart(1, "a"), await up.uploadPart(2, "b")]);
              }),
              ctor: await attempt(() => new (Object.getPrototypeOf(b).constructor)()),
            }),
            """.formatted(sha256("héllo"));

    /** A fresh bucket for each test (an instance field). */
    @RegisterExtension
    final WorkerFixture worker = r2(ROUTES);

    @Test
    void aPutObjectReadsBackWithItsMetadataChecksumsAndHeaders() {
        JsonNode put = worker.getJson("/roundtrip");
        String md5 = hex("MD5", "héllo");
        assertEquals(md5, put.get("etag").asText());
        assertEquals("\"" + md5 + "\"", put.get("httpEtag").asText());
        assertEquals(6, put.get("size").asInt());
        assertEquals("héllo", put.get("text").asText());
        assertJson(false, put.get("before"));
        assertJson(true, put.get("after"));
        assertJson(obj("md5", md5, "sha256", sha256("héllo")), put.get("checksums"));
        assertJson(List.of(List.of("content-type", "text/plain"), List.of("expires", "Thu, 01 Jan 1970 00:00:00 GMT")), put.get("headers"));
        assertJson(Map.of("who", "test"), put.get("custom"));
        assertJson(true, put.get("sameVersion"));
        assertJson(obj("offset", 0, "length", 6), put.get("head"));
    }

    /** 3 MiB in through request.body and out through a streamed body (above the whole-read limit) and ranges. */
    @Test
    void aLargeBodyStreamsInAndOut() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31 + i / 7);
        JsonNode up = worker.fetch(FetchRequest.of("PUT", "/upload").body(big)).ok().json();
        assertJson(obj("size", big.length, "etag", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(big))), up);
        WorkerResponse down = worker.get("/download");
        assertArrayEquals(big, down.bytes());
        int offset = big.length - 3;
        JsonNode slice = worker.getJson("/slice?offset=" + offset);
        assertJson(obj("offset", offset, "length", 3), slice.get("range"));
        assertJson(List.of(big[offset] & 0xff, big[offset + 1] & 0xff, big[offset + 2] & 0xff), slice.get("bytes"));
    }

    @Test
    void preconditionsDecidePutsAndGets() {
        assertJson(obj("stale", null, "freshSize", 2, "notModifiedHasBody", false, "now", "v2"), worker.getJson("/conditional"));
    }

    @Test
    void listPagesThroughDelimitedPrefixesAndHonoursInclude() {
        JsonNode list = worker.getJson("/list");
        assertJson(List.of(List.of("p/1", "p/2"), List.of("p/x/", "p/y/")), list.get("pages"));
        assertJson(List.of("p/x/4", "p/y/5", "q"), list.get("after"));
        assertJson(Map.of(), list.get("custom"));
        assertJson(Map.of(), list.get("http"));
        assertJson(List.of("p/x/3", "p/x/4", "p/y/5", "q"), list.get("left"));
    }

    /** The completed object's etag is the MD5 of the parts' binary MD5s, then "-2". */
    @Test
    void multipartJoinsPartsWithAnEtagOfTheirDigests() throws Exception {
        byte[] part1 = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(part1, (byte) 7);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] d1 = md5.digest(part1);
        byte[] d2 = md5.digest("end".getBytes());
        md5.update(d1);
        md5.update(d2);
        String etag = HexFormat.of().formatHex(md5.digest()) + "-2";
        assertJson(obj("etag", etag, "size", part1.length + 3, "parts", List.of(HexFormat.of().formatHex(d1), HexFormat.of().formatHex(d2)),
                "tail", "\u0007end", "custom", Map.of("via", "mpu")), worker.getJson("/multipart"));
    }

    @Test
    void errorsAreWorkerdsTypesAndMessages() {
        worker.getText("/conditional");
        JsonNode errors = worker.getJson("/errors");
        assertEquals("Error: head: The specified object name is not valid. (10020)", errors.get("longKey").asText());
        assertEquals("Error: get: The requested range is not satisfiable (10039)", errors.get("badRange").asText());
        assertEquals("TypeError: You cannot specify multiple hashing algorithms.", errors.get("twoSums").asText());
        assertEquals("Error: put: The SHA-1 checksum you specified did not match what we received.\n"
                + "You provided a SHA-1 checksum with value: 0000000000000000000000000000000000000000\n"
                + "Actual SHA-1 was: a9993e364706816aba3e25717850c26c9cd0d89d (10037)", errors.get("badSha1").asText());
        assertEquals("Error: put: Your metadata headers exceed the maximum allowed metadata size. (10012)", errors.get("bigMeta").asText());
        assertEquals("TypeError: Failed to execute 'put' on 'R2Bucket': parameter 2 is not of type "
                + "'JsReadableStream or ArrayBuffer or ArrayBufferView or string or Blob'.", errors.get("badValue").asText());
        assertEquals("Error: completeMultipartUpload: Your proposed upload is smaller than the minimum allowed object size. (10011)",
                errors.get("tooSmall").asText());
        assertEquals("TypeError: Illegal constructor", errors.get("ctor").asText());
        assertEquals(8, errors.size(), "no other error: " + errors);
    }

    static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return hex("SHA-256", text);
    }
}
