package dev.workersim.core.spi;

/**
 * One binding of one worker (an entry of {@code env}): e.g. the KV namespace bound as
 * {@code env.CACHE}. Its store outlives reloads of the worker (until a binding section of the config
 * changes, see {@link #close()}); its ops object is made per isolate,
 * because completions go back to that isolate's loop.
 */
public interface Binding extends AutoCloseable {
    /** Holds the writer of {@link #json} (an interface has no private static fields). */
    final class JsonText {
        private static final com.fasterxml.jackson.databind.ObjectMapper WRITER = new com.fasterxml.jackson.databind.ObjectMapper();

        private JsonText() {
        }
    }

    /** The env key, e.g. "CACHE". */
    String name();

    /** What kind of binding this is: its type name and the JS script whose export makes its value. */
    BindingKind kind();

    /** The type name, e.g. "kv": {@code kind().type()}. */
    default String type() {
        return kind().type();
    }

    /** The JS script of {@link #kind()}: evaluated once per isolate, whatever the number of bindings of its kinds. */
    default String jsResource() {
        return kind().jsResource();
    }

    /** The Java half the JS class calls: public methods annotated {@code @HostAccess.Export}. */
    Object opsFor(HostLoop loop);

    /**
     * True for a global of the Workers runtime backed by a store (the Cache API's {@code caches}):
     * the factory's value becomes {@code globalThis[name()]} instead of {@code env[name()]}.
     */
    default boolean global() {
        return false;
    }

    /** Per-binding settings handed to the JS factory as a parsed object (build it with {@link #json}). */
    default String configJson() {
        return "{}";
    }

    /**
     * A config object as JSON text, written by Jackson: a name or id from the user's config may hold
     * any character, so it is never concatenated into JSON by hand.
     */
    static String json(java.util.Map<String, ?> fields) {
        try {
            return JsonText.WRITER.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("binding config is not JSON-writable: " + fields, e);
        }
    }

    /** The binding's data for the Local Explorer, or null when it has none to show. */
    default ExplorerResource explorer() {
        return null;
    }

    /**
     * Closes the store (or lets go of this binding's share of it): when the simulator stops, and when
     * a live reload finds any binding section of the config changed (Simulator.rebindIfChanged closes
     * every old binding before making the new ones, so a store file is free to be opened again). A
     * reload with the same binding sections keeps the bindings and their stores.
     */
    @Override
    default void close() {
    }
}
