package dev.workersim.core.web.crypto;

import static dev.workersim.core.web.crypto.KeyEncodings.concat;
import static dev.workersim.core.web.crypto.KeyEncodings.curveName;
import static dev.workersim.core.web.crypto.KeyEncodings.curveParams;
import static dev.workersim.core.web.crypto.KeyEncodings.ecPkcs8;
import static dev.workersim.core.web.crypto.KeyEncodings.fieldBytes;
import static dev.workersim.core.web.crypto.KeyEncodings.fixed;
import static dev.workersim.core.web.crypto.KeyEncodings.okpHeader;
import static dev.workersim.core.web.crypto.KeyEncodings.onCurve;
import static dev.workersim.core.web.crypto.KeyEncodings.stdCurve;
import static dev.workersim.core.web.crypto.KeyEncodings.unsigned;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The arithmetic behind Web Crypto (web/crypto/crypto-keys.js), over the JDK's JCA: hashes, HMAC, AES
 * modes, RSA, EC, Ed25519/X25519, PBKDF2 and HKDF, and key import/export ({@link KeyEncodings}).
 * The JS side owns the Web Crypto rules (algorithm names, usages, workerd's messages); this class
 * only computes, on keys held as {@link KeyHandle}s. Bytes arrive as
 * whole ArrayBuffers and leave as {@link ByteBuffer}s. An operation that fails on its input returns
 * null and leaves workerd's DOMException name and message in {@link #errorName()} / {@link #errorMessage()}.
 * The hash, HMAC and random members are general so node:crypto can use them too.
 */
public final class CryptoOps {
    private static final SecureRandom RANDOM = new SecureRandom();

    private String errorName;
    private String errorMessage;

    public CryptoOps() {
    }

    @HostAccess.Export
    public String errorName() {
        return errorName;
    }

    @HostAccess.Export
    public String errorMessage() {
        return errorMessage;
    }

    private <T> T fail(String name, String message) {
        errorName = name;
        errorMessage = message;
        return null;
    }

    // ---- random, hashes, HMAC --------------------------------------------------------------------

    @HostAccess.Export
    public ByteBuffer random(int length) {
        byte[] b = new byte[length];
        RANDOM.nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    @HostAccess.Export
    public String randomUUID() {
        return UUID.randomUUID().toString(); // version 4, lower case
    }

    /** The JCA name of a Web Crypto hash ("SHA-256", "MD5"...), or null. */
    static String jcaHash(String hash) {
        switch (hash) {
            case "SHA-1": case "SHA-256": case "SHA-384": case "SHA-512": case "MD5": return hash;
            default: return null;
        }
    }

    @HostAccess.Export
    public ByteBuffer digest(String hash, Value data) {
        return ByteBuffer.wrap(messageDigest(hash).digest(bytes(data)));
    }

    /** An incremental hash (DigestStream, node:crypto's createHash). */
    @HostAccess.Export
    public Hasher hasher(String hash) {
        MessageDigest md = messageDigest(hash);
        return new Hasher(md::update, md::digest);
    }

    /** An incremental HMAC (node:crypto's createHmac). */
    @HostAccess.Export
    public Hasher hmacHasher(String hash, Value key) {
        Mac mac = mac(hash, bytes(key));
        return new Hasher(mac::update, mac::doFinal);
    }

    public static final class Hasher {
        private final java.util.function.Consumer<byte[]> update;
        private final java.util.function.Supplier<byte[]> finish;

        Hasher(java.util.function.Consumer<byte[]> update, java.util.function.Supplier<byte[]> finish) {
            this.update = update;
            this.finish = finish;
        }

        @HostAccess.Export
        public void update(Value arrayBuffer, int offset, int length) {
            byte[] b = new byte[length];
            if (length > 0) arrayBuffer.readBuffer(offset, b, 0, length);
            update.accept(b);
        }

        @HostAccess.Export
        public ByteBuffer finish() {
            return ByteBuffer.wrap(finish.get());
        }
    }

    @HostAccess.Export
    public ByteBuffer hmac(String hash, KeyHandle key, Value data) {
        return ByteBuffer.wrap(key.mac(hash).doFinal(bytes(data)));
    }

    static MessageDigest messageDigest(String hash) {
        try {
            return MessageDigest.getInstance(jcaHash(hash));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(hash, e);
        }
    }

    static Mac mac(String hash, byte[] key) {
        try {
            Mac mac = Mac.getInstance("Hmac" + jcaHash(hash).replace("-", ""));
            mac.init(new RawKey(key));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(hash, e);
        }
    }

    /** A secret key of any length, even empty (SecretKeySpec refuses empty keys; HMAC allows them). */
    private static final class RawKey implements SecretKey {
        private final byte[] bytes;

        RawKey(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String getAlgorithm() {
            return "RAW";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }
    }

    // ---- keys ------------------------------------------------------------------------------------

    @HostAccess.Export
    public KeyHandle secret(Value data) {
        return new KeyHandle(bytes(data));
    }

    /** The public half of a private key, or the key itself when it is public. */
    @HostAccess.Export
    public KeyHandle publicOf(KeyHandle h) {
        return h.key instanceof PublicKey ? h : new KeyHandle(h.pub(), null);
    }

    @HostAccess.Export
    public KeyHandle generateRsa(int bits, Value exponent) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, new BigInteger(1, bytes(exponent))), RANDOM);
            return pairHandle(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            return fail("OperationError", "RSA key generation failed.");
        }
    }

    @HostAccess.Export
    public KeyHandle generateEc(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec(stdCurve(curve)), RANDOM);
            return pairHandle(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            return fail("OperationError", "EC key generation failed.");
        }
    }

    /** "Ed25519" or "X25519". */
    @HostAccess.Export
    public KeyHandle generateOkp(String curve) {
        try {
            return pairHandle(KeyPairGenerator.getInstance(curve).generateKeyPair());
        } catch (GeneralSecurityException e) {
            return fail("OperationError", curve + " key generation failed.");
        }
    }

    private static KeyHandle pairHandle(KeyPair kp) {
        return new KeyHandle(kp.getPrivate(), kp.getPublic());
    }

    // ---- import / export -------------------------------------------------------------------------

    private static final String[] KINDS = {"RSA", "EC", "Ed25519", "X25519"};

    /** kind: "RSA", "EC", "Ed25519", "X25519"; curve for EC. Null with DataError on bad input. */
    @HostAccess.Export
    public KeyHandle importSpki(String kind, String curve, Value der) {
        return importDer(kind, curve, bytes(der), false);
    }

    @HostAccess.Export
    public KeyHandle importPkcs8(String kind, String curve, Value der) {
        return importDer(kind, curve, bytes(der), true);
    }

    private KeyHandle importDer(String kind, String curve, byte[] der, boolean priv) {
        Key key = parseDer(kind, der, priv);
        if (key == null) {
            for (String other : KINDS) {
                if (parseDer(other, der, priv) != null) return fail("DataError", "Input was not an " + kind + " key.");
            }
            return fail("DataError", priv ? "Invalid PKCS8 input." : "Invalid SPKI input.");
        }
        if (curve != null) {
            ECParameterSpec params = priv ? ((ECPrivateKey) key).getParams() : ((ECPublicKey) key).getParams();
            if (!curve.equals(curveName(params))) {
                return fail("DataError", "\"algorithm.namedCurve\" \"" + curve + "\" does not match the curve specified by the input key data.");
            }
        }
        return new KeyHandle(key, null);
    }

    private static Key parseDer(String kind, byte[] der, boolean priv) {
        try {
            KeyFactory f = KeyFactory.getInstance(kind);
            return priv ? f.generatePrivate(new PKCS8EncodedKeySpec(der)) : f.generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    @HostAccess.Export
    public ByteBuffer exportSpki(KeyHandle h) {
        return ByteBuffer.wrap(((PublicKey) h.key).getEncoded());
    }

    @HostAccess.Export
    public ByteBuffer exportPkcs8(KeyHandle h) {
        if (h.key instanceof ECPrivateKey) return ByteBuffer.wrap(ecPkcs8((ECPrivateKey) h.key, ecPublic(h)));
        return ByteBuffer.wrap(h.key.getEncoded());
    }

    /** The raw public key: EC uncompressed point, or the 32 bytes of Ed25519/X25519. */
    @HostAccess.Export
    public ByteBuffer exportRawPublic(KeyHandle h) {
        if (h.key instanceof ECPublicKey) {
            ECPublicKey k = (ECPublicKey) h.key;
            int n = fieldBytes(k.getParams());
            byte[] out = new byte[1 + 2 * n];
            out[0] = 4;
            fixed(k.getW().getAffineX(), n, out, 1);
            fixed(k.getW().getAffineY(), n, out, 1 + n);
            return ByteBuffer.wrap(out);
        }
        byte[] spki = h.key.getEncoded();
        return ByteBuffer.wrap(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    @HostAccess.Export
    public KeyHandle importEcRaw(String curve, Value point) {
        byte[] p = bytes(point);
        ECParameterSpec params = curveParams(curve);
        int n = fieldBytes(params);
        String bad = "Failed to import raw EC key data: Invalid point encoding..";
        BigInteger x;
        BigInteger y;
        if (p.length == 1 + 2 * n && p[0] == 4) {
            x = new BigInteger(1, Arrays.copyOfRange(p, 1, 1 + n));
            y = new BigInteger(1, Arrays.copyOfRange(p, 1 + n, p.length));
        } else if (p.length == 1 + n && (p[0] == 2 || p[0] == 3)) { // compressed: y from x and its parity
            x = new BigInteger(1, Arrays.copyOfRange(p, 1, p.length));
            y = EcMath.y(params, x, p[0] == 3);
            if (y == null) return fail("DataError", bad);
        } else {
            return fail("DataError", bad);
        }
        return ecPublicHandle(params, x, y, "DataError", "Failed to import raw EC key data: Point is not on curve..");
    }

    /** Ed25519/X25519 key from its 32 raw bytes: the public key, or the private seed (JWK "d"). */
    @HostAccess.Export
    public KeyHandle importOkp(String curve, boolean priv, Value raw) {
        byte[] der = concat(okpHeader(curve, priv), bytes(raw));
        try {
            KeyFactory f = KeyFactory.getInstance(curve);
            return new KeyHandle(priv ? f.generatePrivate(new PKCS8EncodedKeySpec(der)) : f.generatePublic(new X509EncodedKeySpec(der)), null);
        } catch (GeneralSecurityException e) {
            return fail("DataError", "Invalid " + curve + " key.");
        }
    }

    /** The 32-byte seed of an Ed25519/X25519 private key. */
    @HostAccess.Export
    public ByteBuffer okpPrivate(KeyHandle h) {
        byte[] der = h.key.getEncoded();
        return ByteBuffer.wrap(Arrays.copyOfRange(der, der.length - 32, der.length));
    }

    @HostAccess.Export
    public KeyHandle importEcJwk(String curve, Value x, Value y, Value d) {
        ECParameterSpec params = curveParams(curve);
        KeyHandle pub = ecPublicHandle(params, new BigInteger(1, bytes(x)), new BigInteger(1, bytes(y)),
                "OperationError", "Invalid EC key; public key coordinates \"x\" and \"y\" are invalid: Point is not on curve..");
        if (pub == null || d == null || d.isNull()) return pub;
        try {
            PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, bytes(d)), params));
            return new KeyHandle(priv, (PublicKey) pub.key);
        } catch (GeneralSecurityException e) {
            return fail("DataError", "Invalid EC private key.");
        }
    }

    /** An EC JWK coordinate ("x", "y", "d"), padded to the field size. */
    @HostAccess.Export
    public ByteBuffer ecPart(KeyHandle h, String part) {
        if (part.equals("d")) {
            ECPrivateKey k = (ECPrivateKey) h.key;
            return ByteBuffer.wrap(fixed(k.getS(), fieldBytes(k.getParams()), new byte[fieldBytes(k.getParams())], 0));
        }
        ECPublicKey pub = ecPublic(h);
        int n = fieldBytes(pub.getParams());
        BigInteger v = part.equals("x") ? pub.getW().getAffineX() : pub.getW().getAffineY();
        return ByteBuffer.wrap(fixed(v, n, new byte[n], 0));
    }

    /** RSA from JWK parts (p..qi null for a public key). */
    @HostAccess.Export
    public KeyHandle importRsaJwk(Value n, Value e, Value d, Value p, Value q, Value dp, Value dq, Value qi) {
        try {
            KeyFactory f = KeyFactory.getInstance("RSA");
            BigInteger mod = big(n);
            BigInteger exp = big(e);
            PublicKey pub = f.generatePublic(new RSAPublicKeySpec(mod, exp));
            if (d == null || d.isNull()) return new KeyHandle(pub, null);
            PrivateKey priv = f.generatePrivate(new RSAPrivateCrtKeySpec(mod, exp, big(d), big(p), big(q), big(dp), big(dq), big(qi)));
            return new KeyHandle(priv, pub);
        } catch (GeneralSecurityException | NullPointerException ex) {
            return fail("DataError", "Invalid RSA key in JSON Web Key.");
        }
    }

    /** An RSA JWK part: "n", "e", "d", "p", "q", "dp", "dq", "qi". */
    @HostAccess.Export
    public ByteBuffer rsaPart(KeyHandle h, String part) {
        BigInteger v;
        if (h.key instanceof RSAPublicKey) {
            RSAPublicKey k = (RSAPublicKey) h.key;
            v = part.equals("n") ? k.getModulus() : k.getPublicExponent();
        } else {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) h.key;
            switch (part) {
                case "n": v = k.getModulus(); break;
                case "e": v = k.getPublicExponent(); break;
                case "d": v = k.getPrivateExponent(); break;
                case "p": v = k.getPrimeP(); break;
                case "q": v = k.getPrimeQ(); break;
                case "dp": v = k.getPrimeExponentP(); break;
                case "dq": v = k.getPrimeExponentQ(); break;
                default: v = k.getCrtCoefficient(); break;
            }
        }
        return ByteBuffer.wrap(unsigned(v));
    }

    @HostAccess.Export
    public boolean isPrivate(KeyHandle h) {
        return h.key instanceof PrivateKey;
    }

    // ---- ciphers ---------------------------------------------------------------------------------

    @HostAccess.Export
    public ByteBuffer aesGcm(boolean encrypt, KeyHandle k, Value iv, Value aad, int tagBits, Value data) {
        byte[] in = bytes(data);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, aesKey(k), new GCMParameterSpec(tagBits, bytes(iv)));
            if (aad != null && !aad.isNull()) c.updateAAD(bytes(aad));
            return ByteBuffer.wrap(c.doFinal(in));
        } catch (GeneralSecurityException e) {
            int n = in.length - tagBits / 8;
            return fail("OperationError", decryptFailed(n, n, "AES-GCM"));
        }
    }

    @HostAccess.Export
    public ByteBuffer aesCbc(boolean encrypt, KeyHandle k, Value iv, Value data) {
        byte[] in = bytes(data);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, aesKey(k), new IvParameterSpec(bytes(iv)));
            return ByteBuffer.wrap(c.doFinal(in));
        } catch (GeneralSecurityException e) {
            // What OpenSSL had written before the final block failed: it holds back the last whole block.
            int out = in.length % 16 == 0 ? Math.max(0, in.length - 16) : in.length / 16 * 16;
            return fail("OperationError", decryptFailed(in.length, out, "AES-CBC"));
        }
    }

    private static String decryptFailed(int in, int out, String alg) {
        return "Decryption failed. This could be due to a ciphertext authentication failure, bad padding, incorrect CryptoKey,"
                + " or another algorithm-specific reason. Input length was " + in + ", output length expected to be " + out + " for " + alg;
    }

    /**
     * AES-CTR as Web Crypto defines it: only the rightmost {@code lengthBits} of the counter block
     * increment (and wrap), which JCA's CTR mode (a 128-bit counter) does not do; so the key stream
     * is made here from AES-ECB of each counter block.
     */
    @HostAccess.Export
    public ByteBuffer aesCtr(KeyHandle k, Value counter, int lengthBits, Value data) {
        byte[] in = bytes(data);
        try {
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, aesKey(k));
            byte[] block = bytes(counter);
            BigInteger mask = BigInteger.ONE.shiftLeft(lengthBits).subtract(BigInteger.ONE);
            BigInteger whole = new BigInteger(1, block);
            BigInteger fixedPart = whole.andNot(mask);
            BigInteger count = whole.and(mask);
            byte[] out = new byte[in.length];
            for (int at = 0; at < in.length; at += 16) {
                byte[] ks = ecb.doFinal(fixed(fixedPart.or(count), 16, new byte[16], 0));
                for (int i = 0; i < 16 && at + i < in.length; i++) out[at + i] = (byte) (in[at + i] ^ ks[i]);
                count = count.add(BigInteger.ONE).and(mask);
            }
            return ByteBuffer.wrap(out);
        } catch (GeneralSecurityException e) {
            return fail("OperationError", "AES-CTR failed.");
        }
    }

    /** AES key wrap (RFC 3394). */
    @HostAccess.Export
    public ByteBuffer aesKw(boolean wrap, KeyHandle k, Value data) {
        try {
            Cipher c = Cipher.getInstance("AES/KW/NoPadding");
            c.init(wrap ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, aesKey(k));
            return ByteBuffer.wrap(c.doFinal(bytes(data)));
        } catch (GeneralSecurityException e) {
            return fail("OperationError", wrap ? "AES-KW key wrapping failed." : "AES-KW key unwrapping failed.");
        }
    }

    private static SecretKeySpec aesKey(KeyHandle k) {
        return new SecretKeySpec(k.secret, "AES");
    }

    @HostAccess.Export
    public ByteBuffer rsaOaep(boolean encrypt, String hash, KeyHandle k, Value label, Value data) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            byte[] l = label == null || label.isNull() ? new byte[0] : bytes(label);
            OAEPParameterSpec spec = new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), new PSource.PSpecified(l));
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, k.key, spec);
            return ByteBuffer.wrap(c.doFinal(bytes(data)));
        } catch (GeneralSecurityException e) {
            return fail("OperationError", "RSA-OAEP failed encrypt/decrypt.");
        }
    }

    // ---- signatures ------------------------------------------------------------------------------

    /**
     * scheme: "RSASSA-PKCS1-v1_5", "RSA-PSS", "ECDSA" (IEEE P1363 r||s, as Web Crypto wants),
     * "Ed25519". Returns the signature.
     */
    @HostAccess.Export
    public ByteBuffer sign(String scheme, String hash, int saltLength, KeyHandle k, Value data) {
        try {
            Signature s = signature(scheme, hash, saltLength);
            s.initSign((PrivateKey) k.key);
            s.update(bytes(data));
            return ByteBuffer.wrap(s.sign());
        } catch (GeneralSecurityException e) {
            return fail("OperationError", "Signing failed.");
        }
    }

    @HostAccess.Export
    public boolean verify(String scheme, String hash, int saltLength, KeyHandle k, Value signature, Value data) {
        try {
            Signature s = signature(scheme, hash, saltLength);
            s.initVerify((PublicKey) k.key);
            s.update(bytes(data));
            return s.verify(bytes(signature));
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature does not verify
        }
    }

    private static Signature signature(String scheme, String hash, int saltLength) throws GeneralSecurityException {
        String h = hash == null ? null : hash.replace("-", "");
        switch (scheme) {
            case "RSASSA-PKCS1-v1_5":
                return Signature.getInstance(h + "withRSA");
            case "RSA-PSS": {
                Signature s = Signature.getInstance("RSASSA-PSS");
                AlgorithmParameterSpec p = new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1);
                s.setParameter(p);
                return s;
            }
            case "ECDSA":
                return Signature.getInstance(h + "withECDSAinP1363Format");
            default:
                return Signature.getInstance("Ed25519");
        }
    }

    // ---- derivation ------------------------------------------------------------------------------

    /** ECDH or X25519 shared secret ("ECDH" / "X25519"). */
    @HostAccess.Export
    public ByteBuffer agree(String algorithm, KeyHandle priv, KeyHandle pub) {
        try {
            KeyAgreement ka = KeyAgreement.getInstance(algorithm);
            ka.init(priv.key);
            ka.doPhase(pub.key, true);
            return ByteBuffer.wrap(ka.generateSecret());
        } catch (GeneralSecurityException e) {
            return fail("OperationError", "Failed to derive shared secret.");
        }
    }

    /** PBKDF2 (RFC 8018) over HMAC: the JDK's PBKDF2 takes passwords as chars, Web Crypto's are bytes. */
    @HostAccess.Export
    public ByteBuffer pbkdf2(String hash, KeyHandle k, Value salt, int iterations, int length) {
        return ByteBuffer.wrap(pbkdf2(mac(hash, k.secret), bytes(salt), iterations, length));
    }

    /** PBKDF2's block loop over a keyed HMAC; node:crypto's pbkdf2 uses it too. */
    public static byte[] pbkdf2(Mac mac, byte[] salt, int iterations, int length) {
        byte[] out = new byte[length];
        int hLen = mac.getMacLength();
        for (int block = 1, at = 0; at < length; block++, at += hLen) {
            mac.update(salt);
            mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            byte[] u = mac.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < t.length; j++) t[j] ^= u[j];
            }
            System.arraycopy(t, 0, out, at, Math.min(hLen, length - at));
        }
        return out;
    }

    /** HKDF (RFC 5869) over HMAC; null with OperationError when more than 255 blocks are asked for. */
    @HostAccess.Export
    public ByteBuffer hkdf(String hash, KeyHandle k, Value salt, Value info, int length) {
        byte[] s = bytes(salt);
        int hLen = messageDigest(hash).getDigestLength();
        if (length > 255 * hLen) return fail("OperationError", "HKDF deriveBits failed.");
        byte[] prk = mac(hash, s.length == 0 ? new byte[hLen] : s).doFinal(k.secret);
        Mac mac = mac(hash, prk);
        byte[] inf = bytes(info);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, at = 0; at < length; i++, at += hLen) {
            mac.update(t);
            mac.update(inf);
            mac.update((byte) i);
            t = mac.doFinal();
            System.arraycopy(t, 0, out, at, Math.min(hLen, length - at));
        }
        return ByteBuffer.wrap(out);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static byte[] bytes(Value arrayBuffer) {
        int n = (int) arrayBuffer.getBufferSize();
        byte[] b = new byte[n];
        if (n > 0) arrayBuffer.readBuffer(0, b, 0, n);
        return b;
    }

    private static BigInteger big(Value v) {
        return new BigInteger(1, bytes(v));
    }

    private KeyHandle ecPublicHandle(ECParameterSpec params, BigInteger x, BigInteger y, String errName, String errMessage) {
        if (!onCurve(params, x, y)) return fail(errName, errMessage);
        try {
            return new KeyHandle(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params)), null);
        } catch (GeneralSecurityException e) {
            return fail(errName, errMessage);
        }
    }

    private static ECPublicKey ecPublic(KeyHandle h) {
        return (ECPublicKey) h.pub();
    }

}
