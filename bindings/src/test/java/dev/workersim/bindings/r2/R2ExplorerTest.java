package dev.workersim.bindings.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.testing.WorkerFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The Local Explorer's R2 API writes and deletes what the worker's binding reads, and lists what it wrote. */
class R2ExplorerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String call(URI api, String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("content-type", contentType);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void explorerAndWorkerSeeOneBucket() throws Exception {
        try (WorkerFixture worker = R2BucketTest.r2("""
                "/put": async (b) => { await b.put("dir/from-worker.txt", "w"); return "ok"; },
                "/read": async (b, req, url) => { const o = await b.get(url.searchParams.get("k")); return o && [await o.text(), o.httpMetadata.contentType ?? null]; },
                """).http().start()) {
            URI api = worker.url().resolve("/cdn-cgi/local/explorer/api/");
            worker.getText("/put");
            assertEquals("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"buckets\":[{\"name\":\"test-bucket\"}]},"
                    + "\"result_info\":{\"count\":1,\"total_count\":1}}", call(api, "GET", "r2/buckets", null, null));
            String put = call(api, "PUT", "r2/buckets/test-bucket/objects/note.txt", "text/x-note", "from the explorer");
            assertEquals(true, put.contains("\"key\":\"note.txt\",\"etag\":\"" + R2BucketTest.hex("MD5", "from the explorer") + "\",\"size\":17"), put);
            assertEquals("[\"from the explorer\",\"text/x-note\"]", worker.getText("/read?k=note.txt"));
            assertEquals("w", call(api, "GET", "r2/buckets/test-bucket/objects/dir%2Ffrom-worker.txt", null, null));
            String listed = call(api, "GET", "r2/buckets/test-bucket/objects?delimiter=/", null, null);
            assertEquals(true, listed.matches(".*\"result\":\\[\\{\"key\":\"note.txt\".*\\],\"result_info\":\\{\"delimited\":\\[\"dir/\"\\],\"is_truncated\":\"false\"\\}\\}"), listed);
            call(api, "DELETE", "r2/buckets/test-bucket/objects", "application/json", "[\"note.txt\",\"dir/from-worker.txt\"]");
            assertEquals("null", worker.get("/read?k=note.txt").text());
            assertEquals("{\"success\":false,\"errors\":[{\"code\":10007,\"message\":\"The specified key does not exist.\"}],"
                    + "\"messages\":[],\"result\":null}", call(api, "GET", "r2/buckets/test-bucket/objects/note.txt", null, null));
        }
    }
}
