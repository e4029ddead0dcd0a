package dev.workersim.bindings.durableobjects;

import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.HostLoop;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Equips a worker to host the Durable Object classes it exports: not an entry of {@code env}, but
 * the runtime half (durable-objects.js) that creates the objects in this worker's isolate, runs
 * their events one gate at a time, and gives them their storage.
 */
final class HostBinding implements Binding {
    private final String script;
    private final Migrations migrations;
    private final ObjectDirectory directory;

    HostBinding(String script, Migrations migrations, ObjectDirectory directory) {
        this.script = script;
        this.migrations = migrations;
        this.directory = directory;
        directory.host(script, migrations);
    }

    @Override
    public String name() {
        return "__durable_object_host";
    }

    @Override
    public BindingKind kind() {
        return DurableObjectsProvider.HOST_KIND;
    }

    @Override
    public String configJson() {
        return Binding.json(Map.of("sqlite", migrations.classes()));
    }

    @Override
    public Object opsFor(HostLoop loop) {
        return new Ops(loop);
    }

    /** What the host side of durable-objects.js calls, on this isolate's loop. */
    public final class Ops {
        private final HostLoop loop;

        Ops(HostLoop loop) {
            this.loop = loop;
        }

        /** From now on events for objects of this worker go to {@code dispatcher} (this isolate). */
        @HostAccess.Export
        public void attach(Value dispatcher) {
            directory.attach(loop, dispatcher);
        }

        /** The host's end of a new WebSocket bridge for a 101 answer; the caller claims the other by its id. */
        @HostAccess.Export
        public SocketBridge.End newSocketBridge() {
            return directory.newBridge(loop);
        }

        /** The storage of one object of this worker, first reached by {@code name} (null: by id). */
        @HostAccess.Export
        public ObjectStorage storage(String className, String idHex, String name) {
            directory.named(script, className, idHex, name);
            return directory.storage(script, className, idHex);
        }

        /**
         * Runs {@code task} as a task of its own, after those already queued on this loop: storage
         * commits wait there so the writes of every event queued meanwhile share one sync.
         */
        @HostAccess.Export
        public void later(Value task) {
            loop.post(() -> task.executeVoid());
        }

        /** The name an object was made by, or null. */
        @HostAccess.Export
        public String nameOf(String className, String idHex) {
            return directory.nameOf(script, className, idHex);
        }
    }
}
