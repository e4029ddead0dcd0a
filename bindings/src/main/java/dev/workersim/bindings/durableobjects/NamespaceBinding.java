package dev.workersim.bindings.durableobjects;

import dev.workersim.core.runtime.RpcCompletion;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.ExplorerResource;
import dev.workersim.core.spi.HostLoop;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One entry of {@code durable_objects.bindings}: {@code env[name]} is the DurableObjectNamespace of
 * {@code class_name} as exported by {@code script_name} (this worker when absent).
 * Ids are {@link ObjectIds}.
 */
final class NamespaceBinding implements Binding {
    private final String name;
    private final String script;
    private final String className;
    private final ObjectDirectory directory;
    private final ObjectIds ids;
    private final ExplorerResource explorer;

    /** {@code explorer}: the namespace in the Local Explorer when this worker hosts the class, else null. */
    NamespaceBinding(String name, String script, String className, ObjectDirectory directory, ExplorerResource explorer) {
        this.explorer = explorer;
        this.name = name;
        this.script = script;
        this.className = className;
        this.directory = directory;
        this.ids = new ObjectIds(script, className);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BindingKind kind() {
        return DurableObjectsProvider.NAMESPACE_KIND;
    }

    @Override
    public String configJson() {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("className", className);
        fields.put("script", script); // may be null: the class is in this worker
        return Binding.json(fields);
    }

    @Override
    public ExplorerResource explorer() {
        return explorer;
    }

    @Override
    public Object opsFor(HostLoop loop) {
        return new Ops(loop);
    }

    /** What the namespace side of durable-objects.js calls. */
    public final class Ops {
        private final HostLoop loop;

        Ops(HostLoop loop) {
            this.loop = loop;
        }

        @HostAccess.Export
        public String idFromName(String objectName) {
            return ids.fromName(objectName);
        }

        @HostAccess.Export
        public String newUniqueId() {
            return ids.unique();
        }

        /** True when {@code hex} (64 lowercase hex digits) is an id of this namespace. */
        @HostAccess.Export
        public boolean belongs(String hex) {
            return ids.belongs(hex);
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
