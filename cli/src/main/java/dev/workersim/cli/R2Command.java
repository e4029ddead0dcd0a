package dev.workersim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.bindings.r2.R2Store;
import dev.workersim.core.runtime.SimClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `sim r2 object put|get|delete BUCKET/KEY`: the local half of `wrangler r2 object ... --local`,
 * on the same store a worker's R2 binding uses under the persist folder (the bucket is its
 * bucket_name), so objects seeded here are what `sim dev` serves.
 */
@Command(name = "r2", mixinStandardHelpOptions = true,
        description = "Read and write local R2 buckets (the store `sim dev` uses).",
        subcommands = {R2Command.ObjectCommands.class})
final class R2Command {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "object", mixinStandardHelpOptions = true, description = "One object at a time.",
            subcommands = {Put.class, Get.class, Delete.class})
    static final class ObjectCommands {
    }

    /** What every object command takes: the project (for the persist folder) and BUCKET/KEY. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ProjectOptions project;

        @Parameters(index = "0", paramLabel = "BUCKET/KEY", description = "The object path: {bucket}/{key}.")
        String objectPath;

        @Option(names = "--local", description = "Accepted for wrangler compatibility: workersim is always local.")
        boolean local;

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public final Integer call() {
            int slash = objectPath.indexOf('/');
            if (slash <= 0) {
                err.println("✘ The object path must be in the form of {bucket}/{key} you provided " + objectPath);
                return 2;
            }
            String bucket = objectPath.substring(0, slash);
            String key = objectPath.substring(slash + 1);
            if (!bucket.matches("[A-Za-z0-9._-]+")) {
                err.println("✘ The bucket name \"" + bucket + "\" is invalid: it may only hold letters, digits, '.', '_' and '-'.");
                return 2;
            }
            Path root = project.persistRoot(err);
            if (root == null) return 2;
            try {
                return run(() -> R2Store.openLocal(root, bucket, new SimClock()), bucket, key);
            } catch (IOException | RuntimeException e) {
                err.println("✘ " + e.getMessage());
                return 1;
            }
        }

        /** Opens the bucket's store once the command has checked what it can without it. */
        interface Opener {
            R2Store open();
        }

        abstract int run(Opener bucketStore, String bucket, String key) throws IOException;
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Create an object from a file or standard input.")
    static final class Put extends Base {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The file to upload.")
        Path file;

        @Option(names = {"-p", "--pipe"}, description = "Read the object from standard input.")
        boolean pipe;

        @Option(names = {"--content-type", "--ct"}, paramLabel = "TYPE", description = "The object's Content-Type.")
        String contentType;

        @Option(names = {"--content-language", "--cl"}, paramLabel = "LANG", description = "The object's Content-Language.")
        String contentLanguage;

        @Option(names = {"--content-disposition", "--cd"}, paramLabel = "VALUE", description = "The object's Content-Disposition.")
        String contentDisposition;

        @Option(names = {"--content-encoding", "--ce"}, paramLabel = "VALUE", description = "The object's Content-Encoding.")
        String contentEncoding;

        @Option(names = {"--cache-control", "--cc"}, paramLabel = "VALUE", description = "The object's Cache-Control.")
        String cacheControl;

        @Option(names = "--expires", paramLabel = "WHEN", description = "When the object stops being cacheable: epoch ms, ISO-8601 or an HTTP date.")
        String expires;

        InputStream in = System.in;

        @Override
        int run(Opener bucketStore, String bucket, String key) throws IOException {
            if ((file == null) == !pipe) {
                err.println("✘ Either the --file or --pipe options are required.");
                return 2;
            }
            if (file != null && !Files.isRegularFile(file)) {
                err.println("✘ The file \"" + file + "\" does not exist.");
                return 1;
            }
            ObjectNode http = JSON.createObjectNode();
            if (contentType != null) http.put("contentType", contentType);
            if (contentLanguage != null) http.put("contentLanguage", contentLanguage);
            if (contentDisposition != null) http.put("contentDisposition", contentDisposition);
            if (contentEncoding != null) http.put("contentEncoding", contentEncoding);
            if (cacheControl != null) http.put("cacheControl", cacheControl);
            if (expires != null) http.put("cacheExpiry", expiryMillis(expires));
            out.println("Creating object \"" + key + "\" in bucket \"" + bucket + "\".");
            try (R2Store store = bucketStore.open(); InputStream body = file != null ? Files.newInputStream(file) : in) {
                store.write(key, body, http.toString());
            }
            out.println("Upload complete.");
            return 0;
        }

        private static long expiryMillis(String text) {
            if (text.matches("\\d+")) return Long.parseLong(text);
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e) {
                return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Write an object to a file (default: a file named as the key) or, with --pipe, to standard output.")
    static final class Get extends Base {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The file to create.")
        Path file;

        @Option(names = {"-p", "--pipe"}, description = "Write the object to standard output.")
        boolean pipe;

        @Override
        int run(Opener bucketStore, String bucket, String key) throws IOException {
            if (file != null && pipe) {
                err.println("✘ --file and --pipe cannot be used together.");
                return 2;
            }
            Path target = pipe ? null : file != null ? file : Path.of(key);
            if (!pipe) out.println("Downloading \"" + key + "\" from \"" + bucket + "\".");
            try (R2Store store = bucketStore.open(); InputStream body = store.open(key)) {
                if (body == null) {
                    err.println("✘ The specified key does not exist.");
                    return 1;
                }
                if (target == null) {
                    body.transferTo(out);
                    out.flush();
                } else {
                    Path parent = target.toAbsolutePath().getParent();
                    if (parent != null) Files.createDirectories(parent);
                    try (OutputStream f = Files.newOutputStream(target)) {
                        body.transferTo(f);
                    }
                }
            }
            if (!pipe) out.println("Download complete.");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an object.")
    static final class Delete extends Base {
        @Override
        int run(Opener bucketStore, String bucket, String key) {
            out.println("Deleting object \"" + key + "\" from bucket \"" + bucket + "\".");
            try (R2Store store = bucketStore.open()) {
                store.remove(key);
            }
            out.println("Delete complete.");
            return 0;
        }
    }
}
