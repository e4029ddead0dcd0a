package dev.workersim.bindings.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Local Explorer API's bulk calls, paging and awkward keys, read back through the worker's own bindings. */
class LocalExplorerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Simulator sim;
    private static URI api;

    @BeforeAll
    static void start() {
        sim = Simulator.builder()
                .script("export default { async fetch(r, env) { const k = new URL(r.url).searchParams.get('k');"
                        + " return Response.json(await env.KV.getWithMetadata(k)); } };")
                .inlineConfig("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"ns1\"\n[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"d\"\ndatabase_id = \"db1\"\n")
                .build().start();
        api = sim.url().resolve("/cdn-cgi/local/explorer/api/");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(api.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static String viaWorker(String key) throws Exception {
        return sim.dispatchFetch(FetchRequest.get("/?k=" + java.net.URLEncoder.encode(key, "UTF-8"))).text();
    }

    @Test
    void bulkWritesPagesAndDeletes() throws Exception {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 25; i++) items.append(i > 0 ? "," : "").append("{\"key\":\"page/").append(String.format("%02d", i)).append("\",\"value\":\"v").append(i).append("\"}");
        items.append(",{\"key\":\"b64\",\"value\":\"aGk=\",\"base64\":true,\"metadata\":{\"x\":1}}]");
        JsonNode put = call("PUT", "storage/kv/namespaces/ns1/bulk", items.toString());
        assertEquals(26, put.at("/result/successful_key_count").asInt(), put.toString());
        assertEquals("{\"value\":\"hi\",\"metadata\":{\"x\":1},\"cacheStatus\":null}", viaWorker("b64"));

        JsonNode first = call("GET", "storage/kv/namespaces/ns1/keys?prefix=page/&limit=10", null);
        assertEquals(10, first.at("/result_info/count").asInt());
        String cursor = first.at("/result_info/cursor").asText();
        JsonNode second = call("GET", "storage/kv/namespaces/ns1/keys?prefix=page/&limit=10&cursor=" + java.net.URLEncoder.encode(cursor, "UTF-8"), null);
        assertEquals("page/10", second.at("/result/0/name").asText(), second.toString());

        JsonNode got = call("POST", "storage/kv/namespaces/ns1/bulk/get", "{\"keys\":[\"page/01\",\"nope\"]}");
        assertEquals("{\"page/01\":\"v1\",\"nope\":null}", got.at("/result/values").toString());

        call("POST", "storage/kv/namespaces/ns1/bulk/delete", "[\"page/00\",\"page/01\"]");
        assertEquals("{\"value\":null,\"metadata\":null,\"cacheStatus\":null}", viaWorker("page/00"));
    }

    @Test
    void aKeyWithASlashIsOneKey() throws Exception {
        call("PUT", "storage/kv/namespaces/ns1/values/a%2Fb%20c", "slashed");
        assertEquals("{\"value\":\"slashed\",\"metadata\":null,\"cacheStatus\":null}", viaWorker("a/b c"));
        JsonNode tooLong = call("PUT", "storage/kv/namespaces/ns1/values/" + "k".repeat(513), "x");
        assertEquals(false, tooLong.get("success").asBoolean());
        assertTrue(tooLong.at("/errors/0/message").asText().contains("512"), tooLong.toString());
    }

    @Test
    void d1RawRunsWithParameters() throws Exception {
        call("POST", "d1/database/db1/raw", "{\"sql\":\"CREATE TABLE IF NOT EXISTS t (x)\"}");
        call("POST", "d1/database/db1/raw", "{\"sql\":\"INSERT INTO t VALUES (?)\",\"params\":[42]}");
        JsonNode r = call("POST", "d1/database/db1/raw", "{\"sql\":\"SELECT x FROM t\"}");
        assertEquals("[[42]]", r.at("/result/0/results/rows").toString());
        assertEquals(false, call("POST", "d1/database/nope/raw", "{\"sql\":\"SELECT 1\"}").get("success").asBoolean());
    }

    @Test
    void d1QueryCannotReachHostFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path outside = dir.resolve("explorer-attach.db");
        JsonNode attach = call("POST", "d1/database/db1/raw", JSON.createObjectNode().put("sql", "ATTACH '" + outside + "' AS v").toString());
        assertEquals(false, attach.get("success").asBoolean(), attach.toString());
        assertTrue(attach.toString().contains("not authorized: SQLITE_AUTH"), attach.toString());
        JsonNode list = call("POST", "d1/database/db1/raw", "{\"sql\":\"PRAGMA database_list\"}");
        assertEquals(false, list.get("success").asBoolean(), list.toString());
        assertTrue(!java.nio.file.Files.exists(outside), "the explorer's ATTACH created " + outside);
    }
}
