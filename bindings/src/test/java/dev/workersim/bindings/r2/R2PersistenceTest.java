package dev.workersim.bindings.r2;

import static dev.workersim.bindings.r2.R2BucketTest.r2;
import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bucket outlives a reload and a restart: metadata in H2, bodies as files, uploads resumable. */
class R2PersistenceTest {
    static final String ROUTES = """
            "/write": async (b) => {
              const big = new Uint8Array(2 * 1024 * 1024 + 5);
              for (let i = 0; i < big.length; i++) big[i] = i % 251;
              await b.put("big", big, { customMetadata: { kind: "big" } });
              await b.put("small", "s", { httpMetadata: { contentType: "text/x" } });
              await b.put("replaced", "first");
              await b.put("replaced", "second");
              const up = await b.createMultipartUpload("joined");
              const p1 = await up.uploadPart(1, new Uint8Array(5 * 1024 * 1024).fill(1));
              return { uploadId: up.uploadId, p1 };
            },
            "/finish": async (b, req, url) => {
              const up = b.resumeMultipartUpload("joined", url.searchParams.get("id"));
              const p2 = await up.uploadPart(2, "tail");
              const p1 = JSON.parse(url.searchParams.get("p1"));
              return (await up.complete([p1, p2])).size;
            },
            "/read": async (b) => {
              const big = new Uint8Array(await (await b.get("big")).arrayBuffer());
              let ok = big.length === 2 * 1024 * 1024 + 5;
              for (let i = 0; ok && i < big.length; i++) ok = big[i] === i % 251;
              const small = await b.get("small");
              return { big: ok, bigMeta: (await b.head("big")).customMetadata, small: await small.text(),
                type: small.httpMetadata.contentType, replaced: await (await b.get("replaced")).text(),
                keys: (await b.list()).objects.map((o) => o.key + ":" + o.size) };
            },
            "/drop": async (b) => { await b.delete(["big", "small", "replaced", "joined"]); return (await b.list()).objects.length; },
            """;

    @Test
    void objectsAndOpenUploadsSurviveAReloadAndARestart(@TempDir Path dir) throws Exception {
        JsonNode upload;
        try (WorkerFixture worker = r2(ROUTES).persistTo(dir).start()) {
            upload = worker.getJson("/write");
            assertEquals(null, worker.simulator().reload());
        }
        assertTrue(Files.exists(dir.resolve("r2/test-bucket/meta.mv.db")), "metadata under <persist>/r2/<bucket>/");
        assertEquals(4, blobs(dir), "big, small, the second 'replaced' and one part; the first 'replaced' is gone");
        String id = upload.get("uploadId").asText();
        String p1 = upload.get("p1").toString();
        Map<String, Object> read = obj("big", true, "bigMeta", Map.of("kind", "big"), "small", "s", "type", "text/x", "replaced", "second",
                "keys", List.of("big:2097157", "joined:5242884", "replaced:6", "small:1"));
        try (WorkerFixture worker = r2(ROUTES).persistTo(dir).start()) {
            assertEquals("5242884", worker.getText("/finish?id=" + id + "&p1=" + java.net.URLEncoder.encode(p1, "UTF-8")));
            assertJson(read, worker.getJson("/read"));
        }
        assertEquals(4, blobs(dir), "the parts' files are gone once joined");
        try (WorkerFixture worker = r2(ROUTES).persistTo(dir).start()) {
            assertJson(read, worker.getJson("/read"));
            assertEquals("0", worker.getText("/drop"));
        }
        assertEquals(0, blobs(dir));
    }

    /** Two workers of one simulator that bind the same bucket name see one bucket. */
    @Test
    void workersBindingOneBucketShareIt(@TempDir Path dir) {
        String writer = "export default { async fetch(req, env) { await env.MINE.put('k', 'from a'); return env.B.fetch(req); } };";
        String reader = "export default { async fetch(req, env) { return new Response(await (await env.THEIRS.get('k')).text()); } };";
        try (WorkerFixture worker = WorkerFixture.script(writer).toml("name = \"a\"\n[[r2_buckets]]\nbinding = \"MINE\"\nbucket_name = \"shared\"\n"
                + "[[services]]\nbinding = \"B\"\nservice = \"b\"\n").configure(b -> b.auxiliaryScript("b", reader,
                "name = \"b\"\n[[r2_buckets]]\nbinding = \"THEIRS\"\nbucket_name = \"shared\"\n")).persistTo(dir).start()) {
            assertEquals("from a", worker.getText("/"));
        }
    }

    private static long blobs(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("r2/test-bucket/blobs"))) {
            return s.count();
        }
    }
}
