package dev.workersim.bindings.durableobjects;

import dev.workersim.core.runtime.RpcCompletion;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.runtime.WorkerHost;
import dev.workersim.core.services.ServiceRegistry;
import dev.workersim.core.spi.HostLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * The Durable Objects of one simulator (shared by its workers through {@link ServiceRegistry#shared}):
 * where each script's objects are hosted (the JS dispatcher of that worker's current isolate), the
 * open storage of every object, and the alarms. A call from any worker's namespace binding comes
 * here and is posted to the loop of the worker that exports the class, so each object lives in
 * exactly one isolate, as in workerd.
 */
final class ObjectDirectory implements AutoCloseable {
    static final String KEY = "durable-objects";

    private final ServiceRegistry registry;
    private final Path persistRoot;
    private final Map<HostLoop, Value> dispatchers = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, ObjectStorage> storages = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Alarms alarms;
    private final Map<String, SocketBridge> bridges = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong bridgeIds = new java.util.concurrent.atomic.AtomicLong();

    ObjectDirectory(ServiceRegistry registry, Path persistRoot, SimClock clock) {
        this.registry = registry;
        this.persistRoot = persistRoot;
        this.alarms = new Alarms(clock, this);
    }

    /** The object directory of the simulator {@code registry} belongs to. */
    static ObjectDirectory of(ServiceRegistry registry, Path persistRoot, SimClock clock) {
        if (registry == null) return new ObjectDirectory(null, persistRoot, clock); // a worker built alone
        return registry.shared(KEY, () -> new ObjectDirectory(registry, persistRoot, clock));
    }

    /** The isolate on {@code loop} hosts objects: events for them go to {@code dispatcher}. */
    void attach(HostLoop loop, Value dispatcher) {
        dispatchers.put(loop, dispatcher);
    }

    /** Where a class's objects keep their files: {@code do/<script>-<Class>/} under the persist root. */
    private Path classDir(String script, String className) {
        return persistRoot.resolve("do").resolve(script + "-" + className);
    }

    /** The storage of one object, opened on first use and kept open until the simulator stops. */
    ObjectStorage storage(String script, String className, String idHex) {
        return storages.computeIfAbsent(script + "/" + className + "/" + idHex, k -> {
            ObjectStorage s = ObjectStorage.open(persistRoot == null ? null : classDir(script, className).resolve(idHex + ".sqlite"),
                    "storage of Durable Object " + className + " (script " + script + "), object " + idHex);
            alarms.watch(s, new Alarms.Target(script, className, idHex));
            return s;
        });
    }

    /** Remembers the name an object was first reached by (workerd keeps it: ctx.id.name, the explorer). */
    void named(String script, String className, String idHex, String name) {
        if (name == null || nameOf(script, className, idHex) != null) return;
        names.put(script + "/" + className + "/" + idHex, name);
        if (persistRoot == null) return;
        try {
            Path dir = classDir(script, className);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(idHex + ".name"), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name an object was made by, or null (an id from newUniqueId, or never named). */
    String nameOf(String script, String className, String idHex) {
        String key = script + "/" + className + "/" + idHex;
        String name = names.get(key);
        if (name != null || persistRoot == null) return name;
        Path file = classDir(script, className).resolve(idHex + ".name");
        try {
            if (!Files.exists(file)) return null;
            name = Files.readString(file);
            names.put(key, name);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of a class's objects that have storage, sorted. */
    java.util.List<String> storedIds(String script, String className) {
        if (persistRoot == null) {
            String prefix = script + "/" + className + "/";
            return storages.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).sorted().toList();
        }
        Path dir = classDir(script, className);
        if (!Files.isDirectory(dir)) return java.util.List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}\\.sqlite"))
                    .map(n -> n.substring(0, 64)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A worker hosts these classes: apply renames and deletions of its migrations to the stored
     * data, then open the objects that have files so their pending alarms are scheduled again.
     */
    void host(String script, Migrations migrations) {
        if (persistRoot == null) return;
        try {
            for (Map.Entry<String, String> r : migrations.renamed().entrySet()) {
                Path from = classDir(script, r.getKey());
                Path to = classDir(script, r.getValue());
                if (Files.isDirectory(from) && !Files.exists(to)) Files.move(from, to);
            }
            for (String deleted : migrations.deleted()) deleteTree(classDir(script, deleted));
            for (String className : migrations.classes().keySet()) {
                Path dir = classDir(script, className);
                if (!Files.isDirectory(dir)) continue;
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}\\.sqlite"))
                            .forEach(n -> storage(script, className, n.substring(0, 64)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /**
     * Delivers one event to an object in the isolate of {@code script}: {@code kind} is "fetch",
     * "rpc", "get" or "alarm"; {@code payload} is wire text (services/rpc.js). {@code done} hears
     * "R" + the result's wire text, "E" or "A" + an error the object threw or aborted with, or a
     * rejection when the object could not be reached or constructed.
     */
    void deliver(String script, String className, String idHex, String name, String kind, String method, String payload,
            RpcCompletion.Listener done) {
        WorkerHost host = registry == null ? null : registry.find(script);
        if (host == null) {
            done.rejected("Error", "Cannot reach the Durable Object class \"" + className + "\": the worker \"" + script
                    + "\" that exports it is not running in this dev session.", null);
            return;
        }
        host.withIsolate(isolate -> {
            Value dispatcher = dispatchers.get(isolate.loop());
            if (dispatcher == null) {
                done.rejected("Error", "The worker \"" + script + "\" does not host Durable Object classes"
                        + " (it has no [[migrations]] or durable_objects binding for \"" + className + "\").", null);
                return;
            }
            isolate.loop().post(() -> {
                try {
                    dispatcher.execute(className, idHex, name, kind, method, payload, new RpcCompletion(done));
                } catch (PolyglotException e) {
                    done.rejected("Error", String.valueOf(e.getMessage()), null);
                }
            });
        }, err -> done.rejected(err.name(), err.message(), err.stack()));
    }

    /** A WebSocket bridge whose host end lives on {@code loop}; the caller claims the other end by id. */
    SocketBridge.End newBridge(HostLoop loop) {
        String id = "ws" + bridgeIds.incrementAndGet();
        SocketBridge b = new SocketBridge(id, loop);
        bridges.put(id, b);
        return b.host;
    }

    /** The caller's end of bridge {@code id} (once), bound to the caller's loop. */
    SocketBridge.End claimBridge(String id, HostLoop loop) {
        SocketBridge b = bridges.remove(id);
        if (b == null) throw new IllegalStateException("no WebSocket bridge " + id);
        b.caller.bind(loop);
        return b.caller;
    }

    @Override
    public void close() {
        alarms.close();
        storages.values().forEach(ObjectStorage::close);
        storages.clear();
    }
}
