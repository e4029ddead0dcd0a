package dev.workersim.bindings.durableobjects;

import dev.workersim.bindings.d1.Json;
import dev.workersim.core.runtime.RpcCompletion;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.HostLoop;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One entry of {@code durable_objects.bindings}: {@code env[name]} is the DurableObjectNamespace of
 * {@code class_name} as exported by {@code script_name} (this worker when absent).
 *
 * <p>An id is 32 bytes shown as 64 hex digits: 16 bytes that name the object (a hash of the
 * namespace and the name for idFromName, random for newUniqueId) and 16 bytes of HMAC over them
 * keyed by the namespace, so idFromString can tell an id of another namespace, as workerd does.
 */
final class NamespaceBinding implements Binding {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final String name;
    private final String script;
    private final String className;
    private final ObjectDirectory directory;
    private final byte[] key;

    NamespaceBinding(String name, String script, String className, ObjectDirectory directory) {
        this.name = name;
        this.script = script;
        this.className = className;
        this.directory = directory;
        this.key = sha256((script + "\0" + className).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "durable_object_namespace";
    }

    @Override
    public String jsResource() {
        return DurableObjectsProvider.JS;
    }

    @Override
    public String configJson() {
        StringBuilder b = new StringBuilder("{\"className\":");
        Json.string(b, className);
        b.append(",\"script\":");
        Json.string(b, script);
        return b.append('}').toString();
    }

    @Override
    public Object opsFor(HostLoop loop) {
        return new Ops(loop);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String withMac(byte[] head) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal(head);
            return HEX.formatHex(head) + HEX.formatHex(tag, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the namespace side of durable-objects.js calls. */
    public final class Ops {
        private final HostLoop loop;

        Ops(HostLoop loop) {
            this.loop = loop;
        }

        @HostAccess.Export
        public String idFromName(String objectName) {
            byte[] in = ("name\0" + objectName).getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[key.length + in.length];
            System.arraycopy(key, 0, all, 0, key.length);
            System.arraycopy(in, 0, all, key.length, in.length);
            return withMac(Arrays.copyOf(sha256(all), 16));
        }

        @HostAccess.Export
        public String newUniqueId() {
            byte[] head = new byte[16];
            RANDOM.nextBytes(head);
            return withMac(head);
        }

        /** 0 when {@code hex} (64 lowercase hex digits) is an id of this namespace, else 1. */
        @HostAccess.Export
        public boolean belongs(String hex) {
            return withMac(HEX.parseHex(hex.substring(0, 32))).equals(hex);
        }

        /** This isolate's end of the WebSocket a Durable Object answered with. */
        @HostAccess.Export
        public SocketBridge.End socketBridge(String id) {
            return directory.claimBridge(id, loop);
        }

        /**
         * Delivers an event ("fetch" or "rpc") to the object; {@code resolve(resultWire)} or
         * {@code reject(name, message, stack)} runs later on this isolate's loop.
         */
        @HostAccess.Export
        public void invoke(String idHex, String objectName, String kind, String method, String payload, Value resolve,
                Value reject) {
            directory.deliver(script, className, idHex, objectName, kind, method, payload, new RpcCompletion.Listener() {
                @Override
                public void resolved(String resultWire) {
                    loop.post(() -> resolve.execute(resultWire));
                }

                @Override
                public void rejected(String errName, String message, String stack) {
                    loop.post(() -> reject.execute(errName, message, stack));
                }
            });
        }
    }
}
