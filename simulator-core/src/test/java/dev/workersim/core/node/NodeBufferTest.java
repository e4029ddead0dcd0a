package dev.workersim.core.node;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** node:buffer: Node's encodings both ways, views, integer codecs and Node's errors (values from wrangler dev). */
class NodeBufferTest {
    private static final String WORKER = """
            import { Buffer } from "node:buffer";
            function t(fn) { try { return fn(); } catch (e) { return e.name + ": " + e.message + (e.code ? " [" + e.code + "]" : ""); } }
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                if (url.pathname === "/encode") {
                  // The request body's bytes in each encoding, and back.
                  const b = Buffer.from(await request.arrayBuffer());
                  const out = {};
                  for (const enc of ["hex", "base64", "base64url", "latin1", "utf16le", "utf8"]) {
                    out[enc] = b.toString(enc);
                    out[enc + "-back"] = Buffer.from(out[enc], enc).equals(b) || enc === "utf8" || enc === "utf16le";
                  }
                  return Response.json(out);
                }
                const b = Buffer.from("héllo wörld", "utf8");
                return Response.json({
                  ascii: b.toString("ascii"),
                  latin1: b.toString("latin1"),
                  fromHexOdd: Buffer.from("abc", "hex").toString("hex"),
                  fromHexBad: Buffer.from("zz12", "hex").length,
                  b64Loose: Buffer.from("aGVsbG8gd29ybGQ", "base64").toString(),
                  json: JSON.stringify(Buffer.from("ab")),
                  concat: Buffer.concat([Buffer.from("a"), Buffer.from("bc")], 5).toString("hex"),
                  compare: [Buffer.compare(Buffer.from("a"), Buffer.from("b")), Buffer.from("b").compare(Buffer.from("a")), Buffer.from("x").equals(Buffer.from("x"))],
                  indexOf: [b.indexOf("l"), b.indexOf("wör"), b.lastIndexOf("l"), b.includes("zz"), b.indexOf(0x6c, 4)],
                  slice: t(() => { const s = b.slice(1, 3); s[0] = 0x41; return [b.toString("hex", 0, 4), s instanceof Buffer, b.subarray(-3).toString()]; }),
                  ints: t(() => { const x = Buffer.alloc(16); x.writeUInt32BE(0xdeadbeef, 0); x.writeInt16LE(-2, 4); x.writeDoubleLE(1.5, 8);
                    return [x.toString("hex"), x.readUInt32LE(0), x.readInt16LE(4), x.readDoubleLE(8), x.readBigUInt64BE(0).toString(), x.readUIntBE(0, 3), x.readIntLE(4, 2)]; }),
                  oob: t(() => Buffer.alloc(2).readUInt32LE(0)),
                  readOOB: t(() => Buffer.alloc(4).readUInt8(4)),
                  writeRange: t(() => Buffer.alloc(1).writeUInt8(300)),
                  alloc: [Buffer.alloc(4, "ab").toString(), Buffer.alloc(3, 1).toString("hex"), Buffer.allocUnsafe(3).length],
                  byteLength: [Buffer.byteLength("héllo"), Buffer.byteLength("aGVsbG8=", "base64"), Buffer.byteLength("abcd", "hex")],
                  isBuffer: [Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(2)), b instanceof Uint8Array, Buffer.isEncoding("UTF-8"), Buffer.isEncoding("nope")],
                  fill: Buffer.alloc(5).fill("xy").toString(),
                  write: t(() => { const x = Buffer.alloc(6); const n = x.write("héllo", 1); return [n, x.toString("hex")]; }),
                  badEnc: t(() => Buffer.from("x", "nope")),
                  fromNum: t(() => Buffer.from(5)),
                  toStringRange: b.toString("utf8", 1, 3),
                  swap: Buffer.from("0102", "hex").swap16().toString("hex"),
                  copy: t(() => { const a = Buffer.from("hello"); const c = Buffer.alloc(3); return [a.copy(c, 0, 1), c.toString()]; }),
                  typed: Buffer.from(new Uint16Array([1, 258])).toString("hex"),
                  utf16le: [Buffer.from("hi€", "utf16le").toString("hex"), Buffer.from("68006900ac20", "hex").toString("ucs2")],
                });
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER).toml(AsyncLocalStorageTest.CONFIG);

    @Test
    void encodingsMatchJava() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < 256; i++) bytes[i] = (byte) (255 - i);
        JsonNode r = sim.fetch(FetchRequest.of("POST", "http://localhost/encode").body(bytes)).ok().json();
        assertEquals(HexFormat.of().formatHex(bytes), r.get("hex").asText());
        assertEquals(Base64.getEncoder().encodeToString(bytes), r.get("base64").asText());
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), r.get("base64url").asText());
        assertEquals(new String(bytes, StandardCharsets.ISO_8859_1), r.get("latin1").asText());
        for (String enc : new String[] {"hex", "base64", "base64url", "latin1"}) {
            assertEquals(true, r.get(enc + "-back").asBoolean(), enc + " round trip");
        }
    }

    @Test
    void behavesAsRecordedFromWorkerd() throws Exception {
        JsonNode r = sim.fetch(FetchRequest.get("http://localhost/")).ok().json();
        assertEquals("hC)llo wC6rld", r.get("ascii").asText());
        assertEquals("hÃ©llo wÃ¶rld", r.get("latin1").asText());
        assertEquals("ab", r.get("fromHexOdd").asText());
        assertEquals(0, r.get("fromHexBad").asInt());
        assertEquals("hello world", r.get("b64Loose").asText());
        assertEquals("{\"type\":\"Buffer\",\"data\":[97,98]}", r.get("json").asText());
        assertEquals("6162630000", r.get("concat").asText());
        assertJson(List.of(-1, 1, true), r.get("compare"));
        assertJson(List.of(3, 7, 11, false, 4), r.get("indexOf"));
        assertJson(List.of("6841a96c", true, "rld"), r.get("slice"), "slice() is a view");
        assertJson(List.of("deadbeeffeff0000000000000000f83f", 4022250974L, -2, 1.5, "16045690985375531008", 14593470, -2),
                r.get("ints"));
        assertEquals("RangeError: Attempt to access memory outside buffer bounds [ERR_BUFFER_OUT_OF_BOUNDS]", r.get("oob").asText());
        assertEquals("RangeError: The value of \"offset\" is out of range. It must be >= 0 and <= 3. Received 4 [ERR_OUT_OF_RANGE]", r.get("readOOB").asText());
        assertEquals("RangeError: The value of \"value\" is out of range. It must be >= 0 and <= 255. Received 300 [ERR_OUT_OF_RANGE]", r.get("writeRange").asText());
        assertJson(List.of("abab", "010101", 3), r.get("alloc"));
        assertJson(List.of(6, 5, 2), r.get("byteLength"));
        assertJson(List.of(true, false, true, true, false), r.get("isBuffer"));
        assertEquals("xyxyx", r.get("fill").asText());
        assertJson(List.of(5, "0068c3a96c6c"), r.get("write"), "only whole characters are written");
        assertEquals("TypeError: Unknown encoding: nope [ERR_UNKNOWN_ENCODING]", r.get("badEnc").asText());
        assertEquals("TypeError: The first argument must be of type string or an instance of Buffer, TypedArray, ArrayBuffer, "
                + "SharedArrayBuffer, or Array or an Array-like Object. Received type number (5) [ERR_INVALID_ARG_TYPE]", r.get("fromNum").asText());
        assertEquals("A\uFFFD", r.get("toStringRange").asText());
        assertEquals("0201", r.get("swap").asText());
        assertJson(List.of(3, "ell"), r.get("copy"));
        assertEquals("0102", r.get("typed").asText(), "other typed arrays copy element by element");
        assertJson(List.of("68006900ac20", "hi€"), r.get("utf16le"));
    }
}
