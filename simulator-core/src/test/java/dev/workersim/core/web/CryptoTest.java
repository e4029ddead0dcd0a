package dev.workersim.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerFixture;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Web Crypto (web/crypto.js over CryptoOps): known answers from the RFCs and NIST for every
 * algorithm with a deterministic output, round trips for the randomized ones, and JWK/SPKI/PKCS #8
 * import and export. Each GET /<group> answers a JSON object of results (hex strings, booleans, or
 * "Name: message" for an error). Error names, messages and CryptoKey shapes as workerd has them are
 * checked by the recorded conformance cases under resources/conformance/crypto/.
 */
class CryptoTest {

    private static final String WORKER = """
            const enc = new TextEncoder();
            const S = crypto.subtle;
            const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");
            const unhex = (s) => new Uint8Array(s.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
            const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
            const rsa = (name, hash) => ({ name, modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash });
            async function hmac(hash, key, data) {
              const k = await S.importKey("raw", key, { name: "HMAC", hash }, false, ["sign", "verify"]);
              const sig = await S.sign("HMAC", k, data);
              return [hex(sig), await S.verify("HMAC", k, sig, data)];
            }
            async function roundTrip(alg, genAlg, usages, signAlg) {
              const kp = await S.generateKey(genAlg, true, usages);
              const out = {};
              for (const format of ["jwk", "spki", "pkcs8"]) {
                const pub = format !== "pkcs8" ? await S.exportKey(format === "jwk" ? "jwk" : "spki", kp.publicKey) : null;
                const priv = format !== "spki" ? await S.exportKey(format === "jwk" ? "jwk" : "pkcs8", kp.privateKey) : null;
                const pub2 = pub && await S.importKey(format, pub, genAlg, true, kp.publicKey.usages);
                const priv2 = priv && await S.importKey(format, priv, genAlg, true, kp.privateKey.usages);
                if (pub2) out[format + "Pub"] = JSON.stringify(await S.exportKey(format === "jwk" ? "jwk" : "spki", pub2)) === JSON.stringify(pub) || hex(await S.exportKey("spki", pub2)) === hex(pub);
                if (priv2) out[format + "Priv"] = format === "jwk"
                  ? JSON.stringify(await S.exportKey("jwk", priv2)) === JSON.stringify(priv)
                  : hex(await S.exportKey("pkcs8", priv2)) === hex(priv);
                if (signAlg && priv2) {
                  const sig = await S.sign(signAlg, priv2, enc.encode("data"));
                  out[format + "Verify"] = await S.verify(signAlg, kp.publicKey, sig, enc.encode("data"));
                }
              }
              return out;
            }
            const groups = {
              async digests() {
                const abc = enc.encode("abc");
                return {
                  sha1: hex(await S.digest("SHA-1", abc)),
                  sha256: hex(await S.digest("SHA-256", abc)),
                  sha256long: hex(await S.digest("SHA-256", enc.encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
                  sha384: hex(await S.digest({ name: "SHA-384" }, abc)),
                  sha512: hex(await S.digest("sha-512", abc.buffer)),
                  md5: hex(await S.digest("MD5", new DataView(abc.buffer))),
                  view: hex(await S.digest("SHA-1", enc.encode("xxabcxx").subarray(2, 5))),
                };
              },
              async hmac() {
                const k1 = new Uint8Array(20).fill(0x0b);
                return {
                  tc1sha256: await hmac("SHA-256", k1, enc.encode("Hi There")),
                  tc1sha512: await hmac("SHA-512", k1, enc.encode("Hi There")),
                  tc2sha256: await hmac("SHA-256", enc.encode("Jefe"), enc.encode("what do ya want for nothing?")),
                  tc2sha384: await hmac("SHA-384", enc.encode("Jefe"), enc.encode("what do ya want for nothing?")),
                  badSig: await S.verify("HMAC", await S.importKey("raw", k1, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]), new Uint8Array(32), enc.encode("Hi There")),
                };
              },
              async kdf() {
                const pw = (p) => S.importKey("raw", enc.encode(p), "PBKDF2", false, ["deriveBits", "deriveKey"]);
                const pbkdf2 = async (p, salt, iterations, bits, hash = "SHA-1") =>
                  hex(await S.deriveBits({ name: "PBKDF2", salt: enc.encode(salt), iterations, hash }, await pw(p), bits));
                const ikm = await S.importKey("raw", new Uint8Array(22).fill(0x0b), "HKDF", false, ["deriveBits", "deriveKey"]);
                const salt = Uint8Array.from({ length: 13 }, (_, i) => i);
                const info = Uint8Array.from({ length: 10 }, (_, i) => 0xf0 + i);
                const derived = await S.deriveKey({ name: "HKDF", hash: "SHA-256", salt, info }, ikm, { name: "AES-GCM", length: 256 }, true, ["encrypt"]);
                return {
                  pbkdf2c1: await pbkdf2("password", "salt", 1, 160),
                  pbkdf2c2: await pbkdf2("password", "salt", 2, 160),
                  pbkdf2c4096: await pbkdf2("password", "salt", 4096, 160),
                  pbkdf2long: await pbkdf2("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 200),
                  pbkdf2sha256: await pbkdf2("password", "salt", 1, 256, "SHA-256"),
                  hkdf1: hex(await S.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, ikm, 336)),
                  hkdfKey: hex(await S.exportKey("raw", derived)),
                };
              },
              async aes() {
                const key = (bytes, name, usages = ["encrypt", "decrypt"]) => S.importKey("raw", bytes, name, true, usages);
                const z = new Uint8Array(16);
                const k3 = await key(unhex("feffe9928665731c6d6a8f9467308308"), "AES-GCM");
                const iv3 = unhex("cafebabefacedbaddecaf888");
                const p3 = unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
                const c3 = await S.encrypt({ name: "AES-GCM", iv: iv3 }, k3, p3);
                const sp = unhex("2b7e151628aed2a6abf7158809cf4f3c");
                const block = unhex("6bc1bee22e409f96e93d7e117393172a");
                const cbc = await S.encrypt({ name: "AES-CBC", iv: Uint8Array.from({ length: 16 }, (_, i) => i) }, await key(sp, "AES-CBC"), block);
                const ctrKey = await key(sp, "AES-CTR");
                const ctr = await S.encrypt({ name: "AES-CTR", counter: unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), length: 64 }, ctrKey, block);
                // With an 8-bit counter ending in ff, the second block's counter wraps to ...00.
                const two = await S.encrypt({ name: "AES-CTR", counter: unhex("000000000000000000000000000000ff"), length: 8 }, ctrKey, new Uint8Array(32));
                const wrapped = await S.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 8 }, ctrKey, new Uint8Array(16));
                const kek = await key(unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", ["wrapKey", "unwrapKey"]);
                const toWrap = await S.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-CBC", true, ["encrypt"]);
                const kw = await S.wrapKey("raw", toWrap, kek, "AES-KW");
                const unwrapped = await S.unwrapKey("raw", kw, kek, "AES-KW", "AES-CBC", true, ["encrypt"]);
                return {
                  gcm2: hex(await S.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, await key(z, "AES-GCM"), z)),
                  gcm3: hex(c3),
                  gcm3back: hex(await S.decrypt({ name: "AES-GCM", iv: iv3 }, k3, c3)) === hex(p3),
                  cbcFirstBlock: hex(cbc).slice(0, 32),
                  cbcLength: cbc.byteLength,
                  ctr: hex(ctr),
                  ctrWrap: hex(two).slice(32) === hex(wrapped),
                  kw: hex(kw),
                  kwBack: hex(await S.exportKey("raw", unwrapped)),
                };
              },
              async ed25519() {
                const d = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
                const x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
                const priv = await S.importKey("jwk", { kty: "OKP", crv: "Ed25519", d, x }, "Ed25519", true, ["sign"]);
                const pub = await S.importKey("raw", b64("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="), { name: "Ed25519" }, true, ["verify"]);
                const sig = await S.sign("Ed25519", priv, new Uint8Array(0));
                const legacy = await S.importKey("raw", await S.exportKey("raw", pub), { name: "NODE-ED25519", namedCurve: "NODE-ED25519" }, true, ["verify"]);
                return {
                  sig: hex(sig),
                  verify: await S.verify("Ed25519", pub, sig, new Uint8Array(0)),
                  verifyOther: await S.verify("Ed25519", pub, sig, new Uint8Array(1)),
                  legacyVerify: await S.verify("NODE-ED25519", legacy, sig, new Uint8Array(0)),
                  jwkX: (await S.exportKey("jwk", priv)).x,
                  roundTrip: await roundTrip("Ed25519", "Ed25519", ["sign", "verify"], "Ed25519"),
                };
              },
              async rsa() {
                // 2048 bits: OAEP-SHA-256 carries at most 190 bytes, enough for an AES key's JWK.
                const oaep = await S.generateKey({ ...rsa("RSA-OAEP", "SHA-256"), modulusLength: 2048 }, true, ["encrypt", "decrypt", "wrapKey", "unwrapKey"]);
                const ct = await S.encrypt({ name: "RSA-OAEP", label: enc.encode("L") }, oaep.publicKey, enc.encode("secret"));
                const aes = await S.generateKey({ name: "AES-GCM", length: 128 }, true, ["encrypt"]);
                const wrapped = await S.wrapKey("jwk", aes, oaep.publicKey, { name: "RSA-OAEP" });
                const back = await S.unwrapKey("jwk", wrapped, oaep.privateKey, { name: "RSA-OAEP" }, "AES-GCM", true, ["encrypt"]);
                return {
                  oaep: new TextDecoder().decode(await S.decrypt({ name: "RSA-OAEP", label: enc.encode("L") }, oaep.privateKey, ct)),
                  unwrap: hex(await S.exportKey("raw", back)) === hex(await S.exportKey("raw", aes)),
                  pss: await roundTrip("RSA-PSS", rsa("RSA-PSS", "SHA-256"), ["sign", "verify"], { name: "RSA-PSS", saltLength: 32 }),
                  pkcs1: await roundTrip("RSASSA-PKCS1-v1_5", rsa("RSASSA-PKCS1-v1_5", "SHA-512"), ["sign", "verify"], "RSASSA-PKCS1-v1_5"),
                  oaepJwk: await roundTrip("RSA-OAEP", rsa("RSA-OAEP", "SHA-1"), ["encrypt", "decrypt"]),
                };
              },
              async ec() {
                const out = {};
                for (const namedCurve of ["P-256", "P-384", "P-521"]) {
                  out["ecdsa" + namedCurve] = await roundTrip("ECDSA", { name: "ECDSA", namedCurve }, ["sign", "verify"], { name: "ECDSA", hash: "SHA-384" });
                  const a = await S.generateKey({ name: "ECDH", namedCurve }, true, ["deriveBits", "deriveKey"]);
                  const b = await S.generateKey({ name: "ECDH", namedCurve }, true, ["deriveBits"]);
                  const ab = await S.deriveBits({ name: "ECDH", public: b.publicKey }, a.privateKey, null);
                  const ba = await S.deriveBits({ name: "ECDH", public: a.publicKey }, b.privateKey, null);
                  const raw = await S.importKey("raw", await S.exportKey("raw", b.publicKey), { name: "ECDH", namedCurve }, true, []);
                  const viaRaw = await S.deriveBits({ name: "ECDH", public: raw }, a.privateKey, null);
                  out["ecdh" + namedCurve] = [hex(ab) === hex(ba), hex(ab) === hex(viaRaw), ab.byteLength];
                }
                const x1 = await S.generateKey("X25519", true, ["deriveBits"]);
                const x2 = await S.generateKey("X25519", true, ["deriveBits"]);
                const jwk = await S.exportKey("jwk", x1.privateKey);
                const x1again = await S.importKey("jwk", jwk, "X25519", true, ["deriveBits"]);
                // RFC 7748 section 6.1: Alice's private key with Bob's public key.
                const alice = await S.importKey("pkcs8", unhex("302e020100300506032b656e04220420"
                  + "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"), "X25519", true, ["deriveBits"]);
                const bob = await S.importKey("raw", unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), "X25519", true, []);
                out.rfc7748 = hex(await S.deriveBits({ name: "X25519", public: bob }, alice, 256));
                out.rfc7748AlicePublic = (await S.exportKey("jwk", alice)).x;
                out.x25519 = hex(await S.deriveBits({ name: "X25519", public: x2.publicKey }, x1again, 256))
                  === hex(await S.deriveBits({ name: "X25519", public: x1.publicKey }, x2.privateKey, 256));
                return out;
              },
              // A PKCS #8 EC key without its public key inside (as the JDK writes them): the public
              // point must be recovered for JWK export and must match what the JDK generated.
              async pkcs8NoPublic(url) {
                const der = b64(url.searchParams.get("der"));
                const k = await S.importKey("pkcs8", der, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
                const jwk = await S.exportKey("jwk", k);
                return { x: jwk.x, y: jwk.y, pkcs8Length: (await S.exportKey("pkcs8", k)).byteLength };
              },
              async random() {
                const a = crypto.getRandomValues(new Uint8Array(64));
                const b = crypto.getRandomValues(new Uint8Array(64));
                const uuids = new Set(Array.from({ length: 100 }, () => crypto.randomUUID()));
                const errs = {};
                for (const [k, f] of Object.entries({
                  float: () => crypto.getRandomValues(new Float64Array(1)),
                  quota: () => crypto.getRandomValues(new Uint8Array(65537)),
                  tse: () => crypto.subtle.timingSafeEqual(new Uint8Array(1), new Uint8Array(2)),
                  key: () => new CryptoKey(),
                })) {
                  try { f(); errs[k] = "no error"; } catch (e) { errs[k] = e.name + ": " + e.message; }
                }
                return {
                  differ: hex(a) !== hex(b),
                  uuids: uuids.size,
                  uuidForm: [...uuids].every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u)),
                  tseEqual: crypto.subtle.timingSafeEqual(enc.encode("same"), enc.encode("same")),
                  tseDiffer: crypto.subtle.timingSafeEqual(enc.encode("same"), enc.encode("sane")),
                  errs,
                };
              },
            };
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                const name = url.pathname.slice(1);
                if (name === "digest-stream") {
                  const ds = new crypto.DigestStream("SHA-256");
                  await request.body.pipeTo(ds);
                  return Response.json({ digest: hex(await ds.digest), bytes: String(ds.bytesWritten) });
                }
                try {
                  return Response.json(await groups[name](url));
                } catch (e) {
                  return Response.json({ error: e.name + ": " + e.message });
                }
              },
            };
            """;

    @RegisterExtension
    static final WorkerFixture sim = WorkerFixture.script(WORKER);

    private static JsonNode get(String path) throws Exception {
        JsonNode body = sim.fetch(FetchRequest.of("GET", "http://localhost/" + path)).ok().json();
        assertTrue(body.path("error").isMissingNode(), () -> "worker failed: " + body);
        return body;
    }

    @Test
    void digestsMatchFips180AndRfc1321() throws Exception {
        JsonNode r = get("digests");
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", r.get("sha1").asText());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", r.get("sha256").asText());
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", r.get("sha256long").asText());
        assertEquals("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7", r.get("sha384").asText());
        assertEquals("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f", r.get("sha512").asText());
        assertEquals("900150983cd24fb0d6963f7d28e17f72", r.get("md5").asText());
        assertEquals(r.get("sha1").asText(), r.get("view").asText(), "a view hashes only its own bytes");
    }

    @Test
    void hmacMatchesRfc4231() throws Exception {
        JsonNode r = get("hmac");
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", r.get("tc1sha256").get(0).asText());
        assertEquals("87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4"
                + "be9d914eeb61f1702e696c203a126854", r.get("tc1sha512").get(0).asText());
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", r.get("tc2sha256").get(0).asText());
        assertEquals("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
                r.get("tc2sha384").get(0).asText());
        for (String tc : new String[] {"tc1sha256", "tc1sha512", "tc2sha256", "tc2sha384"}) assertTrue(r.get(tc).get(1).asBoolean(), tc);
        assertEquals(false, r.get("badSig").asBoolean());
    }

    @Test
    void pbkdf2MatchesRfc6070AndHkdfMatchesRfc5869() throws Exception {
        JsonNode r = get("kdf");
        assertEquals("0c60c80f961f0e71f3a9b524af6012062fe037a6", r.get("pbkdf2c1").asText());
        assertEquals("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957", r.get("pbkdf2c2").asText());
        assertEquals("4b007901b765489abead49d926f721d065a429c1", r.get("pbkdf2c4096").asText());
        assertEquals("3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038", r.get("pbkdf2long").asText());
        assertEquals("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b", r.get("pbkdf2sha256").asText());
        String okm = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865";
        assertEquals(okm, r.get("hkdf1").asText());
        assertEquals(okm.substring(0, 64), r.get("hkdfKey").asText(), "deriveKey takes the AES key's 256 bits");
    }

    @Test
    void aesModesMatchNistVectorsAndKeyWrapMatchesRfc3394() throws Exception {
        JsonNode r = get("aes");
        // GCM spec (McGrew & Viega) test cases 2 and 3: ciphertext || tag.
        assertEquals("0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf", r.get("gcm2").asText());
        assertEquals("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
                + "1ba30b396a0aac973d58e091473f5985" + "4d5c2af327cd64a62cf35abd2ba6fab4", r.get("gcm3").asText());
        assertTrue(r.get("gcm3back").asBoolean());
        // SP 800-38A F.2.1 (CBC) and F.5.1 (CTR), first block; CBC adds a PKCS #7 padding block.
        assertEquals("7649abac8119b246cee98e9b12e9197d", r.get("cbcFirstBlock").asText());
        assertEquals(32, r.get("cbcLength").asInt());
        assertEquals("874d6191b620e3261bef6864990db6ce", r.get("ctr").asText());
        assertTrue(r.get("ctrWrap").asBoolean(), "only the counter's low `length` bits increment");
        assertEquals("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5", r.get("kw").asText());
        assertEquals("00112233445566778899aabbccddeeff", r.get("kwBack").asText());
    }

    @Test
    void ed25519MatchesRfc8032TestOne() throws Exception {
        JsonNode r = get("ed25519");
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
                + "d25bf5f0595bbe24655141438e7a100b", r.get("sig").asText());
        assertTrue(r.get("verify").asBoolean());
        assertEquals(false, r.get("verifyOther").asBoolean());
        assertTrue(r.get("legacyVerify").asBoolean(), "NODE-ED25519 verifies the same signatures");
        assertEquals("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", r.get("jwkX").asText());
        assertAllTrue(r.get("roundTrip"));
    }

    @Test
    void rsaRoundTripsAndKeyFormats() throws Exception {
        JsonNode r = get("rsa");
        assertEquals("secret", r.get("oaep").asText());
        assertTrue(r.get("unwrap").asBoolean());
        assertAllTrue(r.get("pss"));
        assertAllTrue(r.get("pkcs1"));
        assertAllTrue(r.get("oaepJwk"));
        assertEquals(6, r.get("pss").size(), "jwk, spki and pkcs8 each round-trip and sign");
    }

    @Test
    void ecAndX25519RoundTripsAndAgreement() throws Exception {
        JsonNode r = get("ec");
        int[] bytes = {32, 48, 66};
        String[] curves = {"P-256", "P-384", "P-521"};
        for (int i = 0; i < 3; i++) {
            assertAllTrue(r.get("ecdsa" + curves[i]));
            JsonNode ecdh = r.get("ecdh" + curves[i]);
            assertTrue(ecdh.get(0).asBoolean() && ecdh.get(1).asBoolean(), curves[i]);
            assertEquals(bytes[i], ecdh.get(2).asInt());
        }
        assertTrue(r.get("x25519").asBoolean());
        assertEquals("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", r.get("rfc7748").asText());
        // Alice's public key 8520f009...4e6a, recomputed from the private key alone.
        assertEquals("hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo", r.get("rfc7748AlicePublic").asText());
    }

    @Test
    void ecPkcs8WithoutPublicKeyGetsItRecomputed() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        var kp = g.generateKeyPair();
        var pub = (java.security.interfaces.ECPublicKey) kp.getPublic();
        String der = Base64.getEncoder().encodeToString(kp.getPrivate().getEncoded());
        JsonNode r = get("pkcs8NoPublic?der=" + java.net.URLEncoder.encode(der, "UTF-8"));
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        assertEquals(url.encodeToString(fixed(pub.getW().getAffineX().toByteArray())), r.get("x").asText());
        assertEquals(url.encodeToString(fixed(pub.getW().getAffineY().toByteArray())), r.get("y").asText());
        assertEquals(138, r.get("pkcs8Length").asInt(), "exported with the public key inside, as OpenSSL writes it");
    }

    @Test
    void randomValuesUuidsAndTimingSafeEqual() throws Exception {
        JsonNode r = get("random");
        assertTrue(r.get("differ").asBoolean());
        assertEquals(100, r.get("uuids").asInt());
        assertTrue(r.get("uuidForm").asBoolean());
        assertTrue(r.get("tseEqual").asBoolean());
        assertEquals(false, r.get("tseDiffer").asBoolean());
        JsonNode e = r.get("errs");
        assertEquals("TypeMismatchError: ArrayBufferView argument to getRandomValues() must be an integer-typed view.", e.get("float").asText());
        assertEquals("QuotaExceededError: getRandomValues() only accepts buffers of size <= 64K but provided 65537 bytes.", e.get("quota").asText());
        assertEquals("TypeError: Input buffers must have the same byte length.", e.get("tse").asText());
        assertEquals("TypeError: Illegal constructor", e.get("key").asText());
    }

    @Test
    void digestStreamHashesAPipedBody() throws Exception {
        byte[] body = new byte[1 << 20];
        new Random(3).nextBytes(body);
        JsonNode r = sim.fetch(FetchRequest.of("POST", "http://localhost/digest-stream").body(body)).ok().json();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), r.get("digest").asText());
        assertEquals(String.valueOf(body.length), r.get("bytes").asText());
    }

    private static void assertAllTrue(JsonNode results) {
        assertTrue(results.size() > 0, "no results");
        results.fields().forEachRemaining(e -> assertTrue(e.getValue().asBoolean(), e.getKey() + " in " + results));
    }

    // A P-256 coordinate as exactly 32 bytes.
    private static byte[] fixed(byte[] signed) {
        byte[] out = new byte[32];
        int n = Math.min(32, signed.length);
        System.arraycopy(signed, signed.length - n, out, 32 - n, n);
        return out;
    }
}
