package dev.workersim.bindings.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacks issue 14 names, against the Local Explorer's API: a page on another site POSTing
 * text/plain SQL (no CORS preflight), and a DNS-rebinding page writing KV under its own Host name.
 * Both get wrangler dev's 403 and the data stays as it was, read back through the worker.
 */
class ExplorerRequestOriginTest {
    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.builder()
                .script("export default { async fetch(r, env) {"
                        + " await env.DB.exec('CREATE TABLE IF NOT EXISTS t (v TEXT)');"
                        + " const rows = await env.DB.prepare('SELECT count(*) AS n FROM t').first();"
                        + " return Response.json({ rows: rows.n, kv: await env.KV.get('k') }); } };")
                .inlineConfig("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"ns1\"\n[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"d\"\ndatabase_id = \"db1\"\n")
                .build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String state() {
        return sim.dispatchFetch(FetchRequest.get("/")).text();
    }

    private static String send(String method, String path, String host, String origin, String contentType, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " /cdn-cgi/local/explorer/api/" + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        try (Socket s = new Socket(sim.url().getHost(), sim.url().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(bytes);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            s.getInputStream().transferTo(got);
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void sqlFromAPageOnAnotherSiteIsRefused() throws Exception {
        String host = "127.0.0.1:" + sim.url().getPort();
        assertTrue(state().startsWith("{\"rows\":0,"), state());
        String r = send("POST", "d1/database/db1/query", host, "https://attacker.example", "text/plain",
                "{\"sql\":\"INSERT INTO t VALUES ('pwned')\"}");
        assertTrue(r.startsWith("HTTP/1.1 403 Invalid Origin header\r\n"), r);
        assertTrue(state().startsWith("{\"rows\":0,"), state());
        // the explorer's own page (same origin) still runs SQL
        String own = send("POST", "d1/database/db1/query", host, "http://" + host, "application/json",
                "{\"sql\":\"INSERT INTO t VALUES ('mine')\"}");
        assertTrue(own.startsWith("HTTP/1.1 200 "), own);
        assertTrue(state().startsWith("{\"rows\":1,"), state());
        send("POST", "d1/database/db1/query", host, null, "application/json", "{\"sql\":\"DELETE FROM t\"}");
    }

    @Test
    void kvWritesUnderARebindingHostNameAreRefused() throws Exception {
        String r = send("PUT", "storage/kv/namespaces/ns1/values/k", "rebind.attacker.example:" + sim.url().getPort(), null,
                "text/plain", "pwned");
        assertTrue(r.startsWith("HTTP/1.1 403 Invalid Host header\r\n"), r);
        assertTrue(state().endsWith("\"kv\":null}"), state());
        String own = send("PUT", "storage/kv/namespaces/ns1/values/k", "localhost:" + sim.url().getPort(), null, "text/plain", "mine");
        assertTrue(own.startsWith("HTTP/1.1 200 "), own);
        assertTrue(state().endsWith("\"kv\":\"mine\"}"), state());
    }
}
