package dev.workersim.core.web.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Key encodings for CryptoOps: fixed-size big-endian integers, the NIST curves' parameters, RFC 8410
 * prefixes for Ed25519/X25519, EC PKCS #8 as OpenSSL writes it, and a private key's public half.
 */
final class KeyEncodings {
    private KeyEncodings() {
    }

    /** Big-endian without leading zeros (JWK's and Web Crypto's publicExponent form). */
    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** {@code v} as exactly {@code n} big-endian bytes, written into {@code out} at {@code at}. */
    static byte[] fixed(BigInteger v, int n, byte[] out, int at) {
        byte[] b = unsigned(v);
        if (v.signum() == 0) b = new byte[0];
        System.arraycopy(b, 0, out, at + n - b.length, b.length);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // RFC 8410 encodings: the fixed DER prefix of a 32-byte Ed25519/X25519 public or private key.
    static byte[] okpHeader(String curve, boolean priv) {
        int oid = curve.equals("Ed25519") ? 0x70 : 0x6e;
        return priv
                ? new byte[] {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, (byte) oid, 0x04, 0x22, 0x04, 0x20}
                : new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, (byte) oid, 0x03, 0x21, 0x00};
    }

    static String stdCurve(String curve) {
        switch (curve) {
            case "P-256": return "secp256r1";
            case "P-384": return "secp384r1";
            default: return "secp521r1";
        }
    }

    static final Map<String, ECParameterSpec> CURVES = new HashMap<>();

    static synchronized ECParameterSpec curveParams(String curve) {
        return CURVES.computeIfAbsent(curve, c -> {
            try {
                java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
                p.init(new java.security.spec.ECGenParameterSpec(stdCurve(c)));
                return p.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String curveName(ECParameterSpec params) {
        for (String c : new String[] {"P-256", "P-384", "P-521"}) {
            if (curveParams(c).getOrder().equals(params.getOrder())) return c;
        }
        return null;
    }

    static int fieldBytes(ECParameterSpec params) {
        return (params.getCurve().getField().getFieldSize() + 7) / 8;
    }

    static boolean onCurve(ECParameterSpec params, BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) return false;
        BigInteger rhs = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        return y.pow(2).mod(p).equals(rhs);
    }

    /** The public key of a private key that came without it (PKCS #8 may omit it). */
    static PublicKey derivePublic(Key priv) {
        try {
            if (priv instanceof ECPrivateKey) {
                ECPrivateKey k = (ECPrivateKey) priv;
                ECPoint w = EcMath.multiply(k.getParams(), k.getS());
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, k.getParams()));
            }
            if (priv instanceof RSAPrivateCrtKey) {
                RSAPrivateCrtKey k = (RSAPrivateCrtKey) priv;
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
            }
            // Ed25519 / X25519: regenerate the pair from the same 32 private bytes.
            String alg = priv.getAlgorithm().equals("EdDSA") || priv.getAlgorithm().equals("Ed25519") ? "Ed25519" : "X25519";
            byte[] der = priv.getEncoded();
            byte[] seed = Arrays.copyOfRange(der, der.length - 32, der.length);
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            g.initialize(new NamedParameterSpec(alg), new FixedRandom(seed));
            return g.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A "random" source that yields given bytes: lets the JDK compute a public key from a seed. */
    static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(seed, 0, out, 0, Math.min(seed.length, out.length));
        }
    }

    /**
     * PKCS #8 for an EC private key with its public key inside (RFC 5915), as OpenSSL (and so
     * workerd) writes it; the JDK's own encoding leaves the public key out.
     */
    static byte[] ecPkcs8(ECPrivateKey k, ECPublicKey pub) {
        int n = fieldBytes(k.getParams());
        byte[] spki = pub.getEncoded();
        // The SPKI is SEQ { SEQ { ecPublicKey OID, curve OID }, BIT STRING point }: reuse both parts.
        Der.Reader r = new Der.Reader(spki).enter();
        byte[] algId = r.next();
        byte[] bitString = r.next();
        byte[] inner = Der.seq(Der.tlv(0x02, new byte[] {1}), Der.tlv(0x04, fixed(k.getS(), n, new byte[n], 0)), Der.tlv(0xa1, bitString));
        return Der.seq(Der.tlv(0x02, new byte[] {0}), algId, Der.tlv(0x04, inner));
    }
}
