package dev.workersim.core.node;

import dev.workersim.core.web.crypto.CryptoOps;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The byte work of node:crypto's Hash, Hmac, pbkdf2 and randomBytes (node/crypto.mjs) over
 * java.security. Algorithm names are Node's ("sha256"); anything unknown answers null and the JS
 * side throws Node's error.
 */
public final class NodeCryptoOps {
    private final SecureRandom random = new SecureRandom();

    /** Node's name (lower case) to the JCA digest name; HMAC uses "Hmac" + the name without the dash. */
    private static String jcaDigest(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "md5": return "MD5";
            case "sha1": case "sha-1": return "SHA-1";
            case "sha224": case "sha-224": return "SHA-224";
            case "sha256": case "sha-256": return "SHA-256";
            case "sha384": case "sha-384": return "SHA-384";
            case "sha512": case "sha-512": return "SHA-512";
            default: return null;
        }
    }

    /** A running hash, or null when Node would not know the algorithm. */
    @HostAccess.Export
    public Digest hash(String algorithm) {
        String jca = jcaDigest(algorithm);
        if (jca == null) return null;
        try {
            return new Digest(MessageDigest.getInstance(jca), null);
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** A running HMAC keyed with {@code key}, or null for an unknown digest. */
    @HostAccess.Export
    public Digest hmac(String algorithm, Value key, int offset, int length) {
        Mac mac = newMac(algorithm, bytes(key, offset, length));
        return mac == null ? null : new Digest(null, mac);
    }

    private static Mac newMac(String algorithm, byte[] key) {
        String jca = jcaDigest(algorithm);
        if (jca == null) return null;
        try {
            Mac mac = Mac.getInstance("Hmac" + jca.replace("-", ""));
            // An empty key is legal for HMAC but not for SecretKeySpec: a zero byte is the same key
            // once HMAC pads it with zeros to the block size.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            return null;
        }
    }

    /** PBKDF2 (RFC 8018) with HMAC-{@code algorithm}; null for an unknown digest. */
    @HostAccess.Export
    public ByteBuffer pbkdf2(Value password, int pwOff, int pwLen, Value salt, int saltOff, int saltLen,
            int iterations, int keyLength, String algorithm) {
        Mac mac = newMac(algorithm, bytes(password, pwOff, pwLen));
        if (mac == null) return null;
        return ByteBuffer.wrap(CryptoOps.pbkdf2(mac, bytes(salt, saltOff, saltLen), iterations, keyLength));
    }

    @HostAccess.Export
    public ByteBuffer randomBytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    /**
     * An AES cipher for node:crypto's Cipheriv/Decipheriv. {@code mode} is cbc, ctr, ecb, ofb, cfb or
     * gcm; the JS side has checked the key and IV lengths. Null when the JDK refuses it.
     */
    @HostAccess.Export
    public CipherHandle cipher(String mode, boolean encrypt, boolean padding, Value key, int keyOff, int keyLen,
            Value iv, int ivOff, int ivLen) {
        boolean block = mode.equals("cbc") || mode.equals("ecb");
        String transformation = "AES/" + mode.toUpperCase(java.util.Locale.ROOT) + "/"
                + (block && padding ? "PKCS5Padding" : "NoPadding");
        try {
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(transformation);
            SecretKeySpec k = new SecretKeySpec(bytes(key, keyOff, keyLen), "AES");
            int op = encrypt ? javax.crypto.Cipher.ENCRYPT_MODE : javax.crypto.Cipher.DECRYPT_MODE;
            byte[] ivBytes = ivLen > 0 ? bytes(iv, ivOff, ivLen) : null;
            if (mode.equals("gcm")) c.init(op, k, new javax.crypto.spec.GCMParameterSpec(128, ivBytes));
            else if (ivBytes != null) c.init(op, k, new javax.crypto.spec.IvParameterSpec(ivBytes));
            else c.init(op, k);
            return new CipherHandle(c);
        } catch (java.security.GeneralSecurityException e) {
            return null;
        }
    }

    /** A cipher between createCipheriv and final(): update, then final (null when it fails). */
    public static final class CipherHandle {
        private final javax.crypto.Cipher cipher;

        CipherHandle(javax.crypto.Cipher cipher) {
            this.cipher = cipher;
        }

        @HostAccess.Export
        public void aad(Value buffer, int offset, int length) {
            cipher.updateAAD(bytes(buffer, offset, length));
        }

        @HostAccess.Export
        public ByteBuffer update(Value buffer, int offset, int length) {
            byte[] out = cipher.update(bytes(buffer, offset, length));
            return ByteBuffer.wrap(out == null ? new byte[0] : out);
        }

        /** The last bytes (for GCM encryption, followed by the 16-byte tag), or null: bad padding or tag. */
        @HostAccess.Export
        public ByteBuffer finish() {
            try {
                return ByteBuffer.wrap(cipher.doFinal());
            } catch (java.security.GeneralSecurityException e) {
                return null;
            }
        }
    }

    static byte[] bytes(Value buffer, int offset, int length) {
        byte[] b = new byte[length];
        if (length > 0) buffer.readBuffer(offset, b, 0, length);
        return b;
    }

    /** One Hash or Hmac object's state: update until digest. */
    public static final class Digest {
        private final MessageDigest md;
        private final Mac mac;

        Digest(MessageDigest md, Mac mac) {
            this.md = md;
            this.mac = mac;
        }

        @HostAccess.Export
        public void update(Value buffer, int offset, int length) {
            byte[] b = bytes(buffer, offset, length);
            if (md != null) md.update(b); else mac.update(b);
        }

        @HostAccess.Export
        public ByteBuffer digest() {
            return ByteBuffer.wrap(md != null ? md.digest() : mac.doFinal());
        }

        /** hash.copy(): an independent hash with the same input so far. */
        @HostAccess.Export
        public Digest copy() {
            try {
                return md != null ? new Digest((MessageDigest) md.clone(), null) : new Digest(null, (Mac) mac.clone());
            } catch (CloneNotSupportedException e) {
                return null;
            }
        }
    }
}
