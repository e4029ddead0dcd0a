package dev.workersim.core.node;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** node:crypto: digests and HMACs agree with java.security, KDFs with their RFC test vectors. */
class NodeCryptoTest {
    private static final String WORKER = """
            import crypto, { createCipheriv, createDecipheriv, createHash, createHmac, pbkdf2Sync, hkdfSync, randomUUID, randomInt, randomBytes, timingSafeEqual, getRandomValues } from "node:crypto";
            function t(fn) { try { return fn(); } catch (e) { return e.name + ": " + e.message + (e.code ? " [" + e.code + "]" : ""); } }
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                if (url.pathname === "/cipher") {
                  // AES-256-GCM and AES-128-CBC of the body under fixed keys: ciphertext, tag, and the round trip.
                  const body = Buffer.from(await request.arrayBuffer());
                  const gcm = createCipheriv("aes-256-gcm", Buffer.alloc(32, 1), Buffer.alloc(12, 2));
                  const sealed = Buffer.concat([gcm.update(body), gcm.final()]);
                  const tag = gcm.getAuthTag();
                  const open = createDecipheriv("aes-256-gcm", Buffer.alloc(32, 1), Buffer.alloc(12, 2)).setAuthTag(tag);
                  const back = Buffer.concat([open.update(sealed), open.final()]);
                  const cbc = createCipheriv("aes-128-cbc", Buffer.alloc(16, 3), Buffer.alloc(16, 4));
                  const cbcOut = Buffer.concat([cbc.update(body), cbc.final()]);
                  return Response.json({ gcm: Buffer.concat([sealed, tag]).toString("base64"), back: back.equals(body), cbc: cbcOut.toString("base64") });
                }
                if (url.pathname === "/digest") {
                  // Each algorithm over the body, fed in two updates.
                  const body = Buffer.from(await request.arrayBuffer());
                  const half = body.length >> 1;
                  const out = {};
                  for (const alg of ["md5", "sha1", "sha256", "sha384", "sha512"]) {
                    out[alg] = createHash(alg).update(body.subarray(0, half)).update(body.subarray(half)).digest("hex");
                    out["hmac-" + alg] = createHmac(alg, "secret key").update(body).digest("hex");
                  }
                  return Response.json(out);
                }
                const uuids = new Set(Array.from({ length: 50 }, () => randomUUID()));
                const ints = Array.from({ length: 200 }, () => randomInt(3, 7));
                return Response.json({
                  sha1b64: createHash("sha1").update("a").update(Buffer.from("bc")).digest("base64"),
                  sha384url: createHash("sha384").update("abc").digest("base64url"),
                  digestTwice: t(() => { const h = createHash("sha256"); h.digest(); return h.digest("hex"); }),
                  badAlgo: t(() => createHash("nope")),
                  copy: t(() => { const h = createHash("sha1").update("a"); const c = h.copy(); c.update("b"); return [h.digest("hex"), c.digest("hex")]; }),
                  pbkdf2: pbkdf2Sync("password", "salt", 2, 20, "sha1").toString("hex"),
                  pbkdf2Recorded: pbkdf2Sync("pw", "salt", 1000, 16, "sha256").toString("hex"),
                  hkdf: Buffer.from(hkdfSync("sha256", Buffer.from("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "hex"),
                    Buffer.from("000102030405060708090a0b0c", "hex"), Buffer.from("f0f1f2f3f4f5f6f7f8f9", "hex"), 42)).toString("hex"),
                  uuids: [uuids.size, [...uuids].every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u))],
                  ints: [Math.min(...ints), Math.max(...ints)],
                  bytes: [randomBytes(8).length, Buffer.isBuffer(randomBytes(1)), getRandomValues(new Uint32Array(4)).length],
                  tse: [timingSafeEqual(Buffer.from("ab"), Buffer.from("ab")), timingSafeEqual(Buffer.from("ab"), Buffer.from("ac"))],
                  tseLen: t(() => timingSafeEqual(Buffer.from("ab"), Buffer.from("abc"))),
                  hashes: crypto.getHashes().includes("sha256"),
                });
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER).toml(AsyncLocalStorageTest.CONFIG);

    @Test
    void digestsAndHmacsMatchJavaSecurity() throws Exception {
        byte[] body = new byte[70_001];
        new Random(3).nextBytes(body);
        JsonNode r = sim.fetch(FetchRequest.of("POST", "http://localhost/digest").body(body)).ok().json();
        String[][] algs = {{"md5", "MD5", "HmacMD5"}, {"sha1", "SHA-1", "HmacSHA1"}, {"sha256", "SHA-256", "HmacSHA256"},
                {"sha384", "SHA-384", "HmacSHA384"}, {"sha512", "SHA-512", "HmacSHA512"}};
        for (String[] a : algs) {
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance(a[1]).digest(body)), r.get(a[0]).asText(), a[0]);
            Mac mac = Mac.getInstance(a[2]);
            mac.init(new SecretKeySpec("secret key".getBytes(), a[2]));
            assertEquals(HexFormat.of().formatHex(mac.doFinal(body)), r.get("hmac-" + a[0]).asText(), "hmac " + a[0]);
        }
    }

    @Test
    void aesMatchesJavaxCrypto() throws Exception {
        byte[] body = new byte[10_007];
        new Random(9).nextBytes(body);
        JsonNode r = sim.fetch(FetchRequest.of("POST", "http://localhost/cipher").body(body)).ok().json();
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(javax.crypto.Cipher.ENCRYPT_MODE, new SecretKeySpec(filled(32, 1), "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, filled(12, 2)));
        assertEquals(java.util.Base64.getEncoder().encodeToString(gcm.doFinal(body)), r.get("gcm").asText(), "ciphertext and tag");
        assertTrue(r.get("back").asBoolean());
        javax.crypto.Cipher cbc = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
        cbc.init(javax.crypto.Cipher.ENCRYPT_MODE, new SecretKeySpec(filled(16, 3), "AES"),
                new javax.crypto.spec.IvParameterSpec(filled(16, 4)));
        assertEquals(java.util.Base64.getEncoder().encodeToString(cbc.doFinal(body)), r.get("cbc").asText());
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void kdfsRandomAndErrors() throws Exception {
        JsonNode r = sim.fetch(FetchRequest.get("http://localhost/")).ok().json();
        assertEquals("qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", r.get("sha1b64").asText());
        assertEquals("ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP_W-2AhgcroefMI1i67KE0yCWn", r.get("sha384url").asText());
        assertEquals("Error: Digest already called [ERR_CRYPTO_HASH_FINALIZED]", r.get("digestTwice").asText());
        assertEquals("Error: Digest method not supported", r.get("badAlgo").asText());
        assertJson(List.of("86f7e437faa5a7fce15d1ddcb9eaeaea377667b8", "da23614e02469a0d7c7bd1bdab5c9c474b1904dc"),
                r.get("copy"));
        assertEquals("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957", r.get("pbkdf2").asText(), "RFC 6070 test 2");
        assertEquals("0a38253555ce37f5c72a6b703f996814", r.get("pbkdf2Recorded").asText(), "recorded from wrangler dev");
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", r.get("hkdf").asText(),
                "RFC 5869 test case 1");
        assertJson(List.of(50, true), r.get("uuids"));
        assertJson(List.of(3, 6), r.get("ints"), "randomInt(3, 7) covers 3..6 in 200 draws");
        assertJson(List.of(8, true, 4), r.get("bytes"));
        assertJson(List.of(true, false), r.get("tse"));
        assertEquals("TypeError: Input buffers must have the same byte length.", r.get("tseLen").asText());
        assertTrue(r.get("hashes").asBoolean());
    }
}
