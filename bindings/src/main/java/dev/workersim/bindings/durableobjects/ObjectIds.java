package dev.workersim.bindings.durableobjects;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ids of one namespace (a script's class). An id is 32 bytes shown as 64 hex digits: 16 bytes
 * that name the object (a hash of the namespace and the name for idFromName, random for
 * newUniqueId) and 16 bytes of HMAC over them keyed by the namespace, so idFromString can tell an
 * id of another namespace, as workerd does.
 */
final class ObjectIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] key;

    ObjectIds(String script, String className) {
        this.key = sha256((script + "\0" + className).getBytes(StandardCharsets.UTF_8));
    }

    String fromName(String name) {
        byte[] in = ("name\0" + name).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(key, key.length + in.length);
        System.arraycopy(in, 0, all, key.length, in.length);
        return withMac(Arrays.copyOf(sha256(all), 16));
    }

    String unique() {
        byte[] head = new byte[16];
        RANDOM.nextBytes(head);
        return withMac(head);
    }

    /** True when {@code hex} (64 lowercase hex digits) is an id of this namespace. */
    boolean belongs(String hex) {
        return withMac(HEX.parseHex(hex.substring(0, 32))).equals(hex);
    }

    private String withMac(byte[] head) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(head) + HEX.formatHex(mac.doFinal(head), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
