package dev.workersim.core.web.crypto;

import static dev.workersim.core.web.crypto.KeyEncodings.curveName;
import static dev.workersim.core.web.crypto.KeyEncodings.derivePublic;
import static dev.workersim.core.web.crypto.KeyEncodings.unsigned;
import java.nio.ByteBuffer;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import org.graalvm.polyglot.HostAccess;

/**
 * A key as JS holds it (inside a CryptoKey's private state; never given to user code). Secret
 * keys keep their bytes; a private key keeps its public half when known.
 */
public final class KeyHandle {
    final byte[] secret;
    final Key key;
    PublicKey publicKey;
    private final Map<String, Mac> macs = new HashMap<>(2);

    KeyHandle(byte[] secret) {
        this.secret = secret;
        this.key = null;
    }

    KeyHandle(Key key, PublicKey publicKey) {
        this.secret = null;
        this.key = key;
        this.publicKey = publicKey;
    }

    Mac mac(String hash) {
        return macs.computeIfAbsent(hash, h -> CryptoOps.mac(h, secret)); // re-armed by doFinal
    }

    /** The key itself when public, else its public half (computed once when it came without it). */
    PublicKey pub() {
        if (key instanceof PublicKey) return (PublicKey) key;
        if (publicKey == null) publicKey = derivePublic(key);
        return publicKey;
    }

    /** Bits of the RSA modulus. */
    @HostAccess.Export
    public int modulusLength() {
        return ((RSAPublicKey) pub()).getModulus().bitLength();
    }

    @HostAccess.Export
    public ByteBuffer publicExponent() {
        return ByteBuffer.wrap(unsigned(((RSAPublicKey) pub()).getPublicExponent()));
    }

    /** The EC curve ("P-256"...), or null. */
    @HostAccess.Export
    public String curve() {
        if (key instanceof ECPublicKey) return curveName(((ECPublicKey) key).getParams());
        if (key instanceof ECPrivateKey) return curveName(((ECPrivateKey) key).getParams());
        return null;
    }

    @HostAccess.Export
    public int secretLength() {
        return secret.length;
    }
}
