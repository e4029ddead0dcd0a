package dev.workersim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.bindings.kv.KvStore;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.config.WorkerConfig;
import dev.workersim.core.runtime.SimClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `sim kv`: the local half of `wrangler kv ... --local`, working on the same store a worker's KV
 * binding uses under the persist folder, so data seeded here is what `sim dev` serves.
 */
@Command(name = "kv", mixinStandardHelpOptions = true,
        description = "Read and write local KV namespaces (the store `sim dev` uses).",
        subcommands = {KvCommand.Key.class, KvCommand.Bulk.class})
final class KvCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which namespace: a binding of the config, or a namespace id. */
    static final class Target {
        @Option(names = "--binding", paramLabel = "NAME", description = "The binding name of the namespace in the config.")
        String binding;

        @Option(names = "--namespace-id", paramLabel = "ID", description = "The namespace id (instead of --binding).")
        String namespaceId;
    }

    /** What every kv command takes: the project, and which namespace. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ProjectOptions project;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Option(names = "--local", description = "Accepted for wrangler compatibility: workersim is always local.")
        boolean local;

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public final Integer call() {
            WorkerConfig config;
            try {
                config = project.load(null);
            } catch (ConfigException e) {
                err.println("✘ " + e.getMessage());
                return 2;
            }
            String id;
            try {
                id = namespaceId(config);
            } catch (IllegalArgumentException e) {
                err.println("✘ " + e.getMessage());
                return 2;
            }
            try (KvStore store = KvStore.openLocal(project.persistRoot(config), id, new SimClock())) {
                return run(store, id);
            } catch (IOException | RuntimeException e) {
                err.println("✘ " + e.getMessage());
                return 1;
            }
        }

        abstract int run(KvStore store, String id) throws IOException;

        /** As the KV binding does locally: the entry's id, else its binding name. */
        private String namespaceId(WorkerConfig config) {
            if (target.namespaceId != null) return checked(target.namespaceId);
            JsonNode list = config.raw().path("kv_namespaces");
            for (JsonNode e : list) {
                if (target.binding.equals(e.path("binding").asText())) {
                    String id = e.path("id").asText("");
                    return checked(id.isEmpty() ? target.binding : id);
                }
            }
            throw new IllegalArgumentException("no KV namespace is bound as \"" + target.binding + "\" in " + config.configFile()
                    + (config.environment() == null ? "" : " (environment " + config.environment() + ")"));
        }

        private static String checked(String id) {
            if (!id.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("namespace id \"" + id + "\" may only hold letters, digits, '.', '_' and '-'");
            return id;
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true, description = "One key at a time.",
            subcommands = {Put.class, Get.class, ListKeys.class, Delete.class})
    static final class Key {
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Write a value to a key.")
    static final class Put extends Base {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The value (or use --path).")
        String value;

        @Option(names = "--path", paramLabel = "FILE", description = "Read the value from a file, as bytes.")
        Path path;

        @Option(names = "--ttl", paramLabel = "SECONDS", description = "Expire the key this many seconds from now.")
        Long ttl;

        @Option(names = "--expiration", paramLabel = "EPOCH", description = "Expire the key at this time (seconds since the epoch).")
        Long expiration;

        @Option(names = "--metadata", paramLabel = "JSON", description = "Metadata stored with the key (a JSON value).")
        String metadata;

        @Override
        int run(KvStore store, String id) throws IOException {
            if ((value == null) == (path == null)) {
                err.println("✘ give either a VALUE or --path FILE");
                return 2;
            }
            byte[] bytes = path != null ? Files.readAllBytes(path) : value.getBytes(StandardCharsets.UTF_8);
            String meta = metadata == null ? null : JSON.writeValueAsString(JSON.readTree(metadata));
            long expires = expiration != null ? expiration * 1000 : ttl != null ? System.currentTimeMillis() + ttl * 1000 : -1;
            store.write(key, bytes, expires, meta);
            out.println("Writing the value " + (path != null ? "of " + path : "\"" + value + "\"") + " to key \"" + key
                    + "\" on namespace " + id + ".");
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the value of a key.")
    static final class Get extends Base {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        int run(KvStore store, String id) throws IOException {
            byte[] v = store.read(key);
            if (v == null) {
                out.println("Value not found");
                return 0;
            }
            out.write(v);
            out.println();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys as JSON: name, expiration, metadata.")
    static final class ListKeys extends Base {
        @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "", description = "Only keys starting with this.")
        String prefix;

        @Override
        int run(KvStore store, String id) throws IOException {
            ArrayNode arr = JSON.createArrayNode();
            for (KvStore.Listed k : store.keys(prefix)) {
                ObjectNode o = arr.addObject().put("name", k.name());
                if (k.expiresAtMillis() >= 0) o.put("expiration", k.expiresAtMillis() / 1000);
                if (k.metadataJson() != null) o.set("metadata", JSON.readTree(k.metadataJson()));
            }
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a key.")
    static final class Delete extends Base {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        int run(KvStore store, String id) {
            store.remove(key);
            out.println("Deleting the key \"" + key + "\" on namespace " + id + ".");
            return 0;
        }
    }

    @Command(name = "bulk", mixinStandardHelpOptions = true, description = "Many keys from a JSON file.",
            subcommands = {BulkPut.class})
    static final class Bulk {
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = {"Write the keys of a JSON file: [{\"key\", \"value\", \"expiration\"?, \"expiration_ttl\"?,",
                    "\"metadata\"?, \"base64\"?}, ...] (as wrangler kv bulk put)."})
    static final class BulkPut extends Base {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        int run(KvStore store, String id) throws IOException {
            JsonNode arr = JSON.readTree(file.toFile());
            if (!arr.isArray()) throw new IllegalArgumentException(file + ": expected a JSON array of {key, value} objects");
            // Check every entry before writing any, so a bad file changes nothing.
            for (int i = 0; i < arr.size(); i++) {
                JsonNode e = arr.get(i);
                if (!e.path("key").isTextual() || !e.path("value").isTextual()) {
                    throw new IllegalArgumentException(file + ": entry " + i + " needs a string \"key\" and a string \"value\"");
                }
            }
            for (JsonNode e : arr) {
                String v = e.get("value").asText();
                byte[] bytes = e.path("base64").asBoolean(false) ? Base64.getDecoder().decode(v) : v.getBytes(StandardCharsets.UTF_8);
                long expires = e.hasNonNull("expiration") ? e.get("expiration").asLong() * 1000
                        : e.hasNonNull("expiration_ttl") ? System.currentTimeMillis() + e.get("expiration_ttl").asLong() * 1000 : -1;
                String meta = e.hasNonNull("metadata") ? JSON.writeValueAsString(e.get("metadata")) : null;
                store.write(e.get("key").asText(), bytes, expires, meta);
            }
            out.println("Success! Uploaded " + arr.size() + " key-value pair" + (arr.size() == 1 ? "" : "s") + " to namespace " + id + ".");
            return 0;
        }
    }
}
