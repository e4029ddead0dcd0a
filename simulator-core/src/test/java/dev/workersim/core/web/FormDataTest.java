package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FormData (web/formdata.js): the entry list, multipart serialisation, and request.formData() parsing. */
class FormDataTest {

    private static final String WORKER = """
            async function describe(v) {
              return typeof v === "string" ? v : { file: v instanceof File, name: v.name, type: v.type, bytes: [...await v.bytes()] };
            }
            async function entries(fd) { const out = []; for (const [k, v] of fd) out.push([k, await describe(v)]); return out; }
            export default {
              async fetch(request) {
                const path = new URL(request.url).pathname;
                if (path === "/list") {
                  const fd = new FormData();
                  fd.append("a", "1");
                  fd.append("b", new Blob(["bb"], { type: "text/b" }));
                  fd.append("a", 2);
                  fd.set("c", new Blob(["cc"]), "c.txt");
                  const before = await entries(fd);
                  fd.set("a", "only");
                  fd.delete("c");
                  return Response.json({ before, after: await entries(fd), get: fd.get("a"), getAll: fd.getAll("a"),
                    has: [fd.has("b"), fd.has("c")], missing: fd.get("zz"), keys: [...fd.keys()] });
                }
                if (path === "/serialize") {
                  const fd = new FormData();
                  fd.append("name", "v\\u2713");
                  fd.append("up", new File([new Uint8Array([0, 255, 10])], "x.bin", { type: "application/x-bin" }));
                  return new Response(fd);
                }
                if (path === "/roundtrip") {
                  const fd = new FormData();
                  fd.append("q\\"uote", "line1\\nline2");
                  fd.append("f", new File(["file text"], "f.txt", { type: "text/plain" }));
                  return Response.json(await entries(await new Response(fd).formData()));
                }
                if (path === "/parse") {
                  try { return Response.json(await entries(await request.formData())); }
                  catch (e) { return Response.json({ threw: e.name, message: e.message }); }
                }
                return new Response("not found", { status: 404 });
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER);

    @Test
    void entryListKeepsOrderAndSetReplacesInPlace() throws Exception {
        JsonNode j = sim.fetch(FetchRequest.get("http://localhost/list")).ok().json();
        assertJson(List.of(List.of("a", "1"),
                List.of("b", Map.of("file", true, "name", "b", "type", "text/b", "bytes", List.of(98, 98))),
                List.of("a", "2"),
                List.of("c", Map.of("file", true, "name", "c.txt", "type", "", "bytes", List.of(99, 99)))), j.get("before"));
        assertJson(List.of(List.of("a", "only"),
                List.of("b", Map.of("file", true, "name", "b", "type", "text/b", "bytes", List.of(98, 98)))),
                j.get("after"));
        assertJson(List.of("only"), j.get("getAll"));
        assertJson(List.of(true, false), j.get("has"));
        assertTrue(j.get("missing").isNull());
        assertJson(List.of("a", "b"), j.get("keys"));
    }

    @Test
    void responseFromFormDataIsMultipartWithItsBoundary() {
        WorkerResponse r = sim.fetch(FetchRequest.get("http://localhost/serialize"));
        Matcher m = Pattern.compile("^multipart/form-data; boundary=(\\S+)$").matcher(r.header("content-type"));
        assertTrue(m.matches(), r.header("content-type"));
        String b = m.group(1);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nv\u2713\r\n"
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"up\"; filename=\"x.bin\"\r\n"
                + "Content-Type: application/x-bin\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        want.writeBytes(new byte[] {0, (byte) 255, 10});
        want.writeBytes(("\r\n--" + b + "--").getBytes(StandardCharsets.UTF_8));
        assertEquals(new String(want.toByteArray(), StandardCharsets.ISO_8859_1), new String(r.bytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void serialisedFormDataParsesBack() throws Exception {
        JsonNode j = sim.fetch(FetchRequest.get("http://localhost/roundtrip")).ok().json();
        assertJson(List.of(List.of("q%22uote", "line1\nline2"),
                List.of("f",
                Map.of("file", true, "name", "f.txt", "type", "text/plain",
                "bytes", List.of(102, 105, 108, 101, 32, 116, 101, 120, 116)))), j);
    }

    @Test
    void parsesAHandBuiltMultipartBodyWithBinaryFile() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue 1\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"a.bin\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 0, (byte) 0xff});
        body.writeBytes(("\r\n--XyZ\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"utf\"\r\n\r\n\u00e9\u2713\r\n--XyZ--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        JsonNode j = sim.fetch(FetchRequest.of("POST", "http://localhost/parse")
                .header("content-type", "multipart/form-data; boundary=\"XyZ\"").body(body.toByteArray())).ok().json();
        assertJson(List.of(List.of("field", "value 1"),
                List.of("up",
                Map.of("file", true, "name", "a.bin", "type", "image/png",
                "bytes", List.of(137, 80, 78, 71, 13, 10, 0, 255))), List.of("empty", ""), List.of("utf", "é✓")), j);
    }

    @Test
    void parsesUrlencoded() throws Exception {
        JsonNode j = sim.fetch(FetchRequest.post("http://localhost/parse", "a=1&b=x+y&c=%E2%9C%93&a=2&noval")
                .header("content-type", "application/x-www-form-urlencoded;charset=UTF-8")).ok().json();
        assertJson(List.of(List.of("a", "1"), List.of("b", "x y"), List.of("c", "✓"), List.of("a", "2"),
                List.of("noval", "")), j);
    }

    @Test
    void rejectsOtherTypesAndBrokenBodies() throws Exception {
        JsonNode plain = sim.fetch(FetchRequest.post("http://localhost/parse", "a=1").header("content-type", "text/plain")).ok().json();
        assertEquals("TypeError", plain.get("threw").asText());
        JsonNode noBoundary = sim.fetch(FetchRequest.post("http://localhost/parse", "x")
                .header("content-type", "multipart/form-data")).ok().json();
        assertTrue(noBoundary.get("message").asText().startsWith("No boundary string"), noBoundary.toString());
        JsonNode truncated = sim.fetch(FetchRequest.post("http://localhost/parse",
                "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end").header("content-type", "multipart/form-data; boundary=B")).ok().json();
        assertEquals("TypeError", truncated.get("threw").asText());
    }
}
