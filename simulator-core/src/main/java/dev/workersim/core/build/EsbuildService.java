package dev.workersim.core.build;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * esbuild's binary as a long-lived service ({@code esbuild --service=<version> --ping}), the way
 * its JS API drives it, so that a rebuild is incremental: a build <em>context</em> keeps the files
 * it parsed, and {@link Context#rebuild()} re-reads and re-parses only what changed (what wrangler
 * dev gets from {@code ctx.rebuild()}). One process serves every context; when it dies, the next
 * {@link #context} starts another.
 *
 * <p>The protocol (esbuild's cmd/esbuild/service.go and stdio_protocol.go): stdin and stdout carry
 * packets, each a little-endian uint32 length then the body; the very first packet from the
 * binary is its version, bare. A body is a uint32 {@code id << 1 | isResponse} and one value:
 * tag 0 null, 1 bool (a byte), 2 int (int32), 3 string and 4 bytes (uint32 length + bytes), 5 array
 * (uint32 count + values), 6 object (uint32 count + (length-prefixed key, value) pairs). Both ends
 * send requests (an object with "command") and answer the other's by id; ids are per direction.
 */
final class EsbuildService implements AutoCloseable {
    /** Where a message points; line counts from 1, column from 0 (esbuild's convention). */
    record Location(String file, int line, int column, String lineText) {
    }

    record Note(String text, Location location) {
    }

    /** One error or warning; {@code raw} is the message as the binary sent it, to be handed back for formatting. */
    record Message(String text, Location location, List<Note> notes, Map<String, Object> raw) {
    }

    /** A build's outcome: its messages, and the metafile JSON (null when the build failed or none was asked for). */
    record Result(List<Message> errors, List<Message> warnings, String metafile) {
    }

    /** The service could not be used (it did not start, it died, it did not answer): the caller falls back to the CLI. */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;
    private final AtomicInteger processesStarted = new AtomicInteger();
    private final AtomicInteger nextKey = new AtomicInteger();
    private String version;
    private Connection connection;
    private boolean closed;

    EsbuildService(Path binary) {
        this.binary = binary;
    }

    /** How many esbuild processes this service has started (for tests: a rebuild must not start one). */
    int processesStarted() {
        return processesStarted.get();
    }

    /** The current process's id, or -1 when none runs (for tests: to kill it). */
    synchronized long pid() {
        return connection != null && connection.alive() ? connection.process.pid() : -1;
    }

    /**
     * A build context for CLI-style {@code flags} run from {@code cwd}: nothing is built until
     * {@link Context#rebuild()}. Positional arguments become the request's entry points and
     * {@code --metafile=PATH} (a CLI-only form) becomes {@code --metafile}, the service sending
     * the JSON back, which {@link Context#rebuild()} then writes to PATH as the CLI would.
     */
    Context context(List<String> flags, Path cwd) throws Unavailable {
        List<Object> entries = new ArrayList<>();
        List<Object> serviceFlags = new ArrayList<>();
        Path metafile = null;
        for (String f : flags) {
            if (!f.startsWith("-")) {
                entries.add(List.of("", f));
            } else if (f.startsWith("--metafile=")) {
                metafile = cwd.resolve(f.substring("--metafile=".length()));
                serviceFlags.add("--metafile");
            } else if (f.startsWith("--log-level=")) {
                // Messages come back structured; the binary's own printing would go to a stderr nobody shows.
                serviceFlags.add("--log-level=silent");
            } else {
                serviceFlags.add(f);
            }
        }
        int key = nextKey.getAndIncrement();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("command", "build");
        request.put("key", key);
        request.put("entries", entries);
        request.put("flags", serviceFlags);
        request.put("write", true);
        request.put("stdinContents", null);
        request.put("stdinResolveDir", null);
        request.put("absWorkingDir", cwd.toAbsolutePath().normalize().toString());
        request.put("nodePaths", List.of());
        request.put("context", true);
        Connection c = connection();
        Map<String, Object> response = c.call(request);
        List<Message> errors = messages(response.get("errors"));
        // A refused context leaves nothing behind in the binary (it drops the key itself).
        if (!errors.isEmpty()) return new Context(errors, messages(response.get("warnings")));
        return new Context(c, key, metafile);
    }

    /** esbuild's own rendering of messages ("✘ [ERROR] ..." blocks with a code frame), as its CLI prints them. */
    List<String> format(List<Message> messages, boolean warnings) throws Unavailable {
        if (messages.isEmpty()) return List.of();
        List<Object> raw = new ArrayList<>();
        for (Message m : messages) raw.add(m.raw());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("command", "format-msgs");
        request.put("messages", raw);
        request.put("isWarning", warnings);
        request.put("color", false);
        Map<String, Object> response = connection().call(request);
        List<String> out = new ArrayList<>();
        if (response.get("messages") instanceof List<?> list) list.forEach(s -> out.add(String.valueOf(s)));
        return out;
    }

    private synchronized Connection connection() throws Unavailable {
        if (closed) throw new Unavailable("the esbuild service was closed", null);
        if (connection != null && connection.alive()) return connection;
        if (version == null) version = readVersion();
        connection = new Connection(binary, version);
        processesStarted.incrementAndGet();
        return connection;
    }

    // --service=<version> must be the binary's own version: esbuild refuses to serve a host of another.
    private String readVersion() throws Unavailable {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || v.isEmpty()) {
                p.destroyForcibly();
                throw new Unavailable("esbuild --version failed: " + v, null);
            }
            return v;
        } catch (IOException e) {
            throw new Unavailable("cannot run esbuild: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) connection.close();
        connection = null;
    }

    /** One build context in the service: built anew by each {@link #rebuild()}, until {@link #dispose()}. */
    final class Context {
        private final Connection connection;
        private final int key;
        private final Path metafile;
        private final Result failed;
        private boolean disposed;

        private Context(Connection connection, int key, Path metafile) {
            this.connection = connection;
            this.key = key;
            this.metafile = metafile;
            this.failed = null;
        }

        // A context esbuild refused (its options are wrong): every rebuild reports why.
        private Context(List<Message> errors, List<Message> warnings) {
            this.connection = null;
            this.key = -1;
            this.metafile = null;
            this.failed = new Result(errors, warnings, null);
            this.disposed = true;
        }

        /** Whether this context can still be rebuilt (its process lives and it was not disposed). */
        boolean usable() {
            return failed != null || (!disposed && connection.alive());
        }

        /**
         * Builds (the first time) or rebuilds, writing the outputs to disk, and the metafile to
         * the path the flags named. The binary hands the result (with the metafile) to its
         * "on-end" request, which comes before the rebuild's answer.
         */
        synchronized Result rebuild() throws Unavailable {
            if (failed != null) return failed;
            if (disposed) throw new Unavailable("the esbuild context was disposed", null);
            CompletableFuture<Map<String, Object>> end = new CompletableFuture<>();
            connection.onEnd.put(key, end);
            Map<String, Object> response;
            try {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("command", "rebuild");
                request.put("key", key);
                response = connection.call(request);
            } catch (Unavailable e) {
                // Interrupted mid-build: the build goes on in esbuild and its late "on-end" could be
                // taken for the next rebuild's; this context is dropped, the next build makes another.
                disposed = true;
                connection.sendOnly(Map.of("command", "dispose", "key", key));
                throw e;
            } finally {
                connection.onEnd.remove(key);
            }
            List<Message> errors = messages(response.get("errors"));
            List<Message> warnings = messages(response.get("warnings"));
            String meta = null;
            Map<String, Object> result = end.getNow(null);
            if (result != null && result.get("metafile") instanceof byte[] bytes && bytes.length > 0) {
                meta = new String(bytes, StandardCharsets.UTF_8);
            }
            if (errors.isEmpty() && meta != null && metafile != null) {
                try {
                    Files.createDirectories(metafile.getParent());
                    Files.writeString(metafile, meta);
                } catch (IOException e) {
                    throw new BuildFailure("cannot write the metafile " + metafile + ": " + e.getMessage(), null, 0, 0, null);
                }
            }
            return new Result(errors, warnings, meta);
        }

        /** Frees what esbuild keeps for this context (its parsed files). */
        synchronized void dispose() {
            if (disposed) return;
            disposed = true;
            if (!connection.alive()) return;
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("command", "dispose");
            request.put("key", key);
            try {
                connection.call(request);
            } catch (Unavailable ignored) {
                // the process is gone, and the context with it
            }
        }
    }

    /** One esbuild process and its two streams; a reader thread answers the binary's requests. */
    private static final class Connection {
        private final Process process;
        private final OutputStream stdin;
        private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
        final Map<Integer, CompletableFuture<Map<String, Object>>> onEnd = new ConcurrentHashMap<>();
        private final AtomicInteger nextId = new AtomicInteger();
        private final StringBuilder stderr = new StringBuilder();
        private volatile String deathReason;

        Connection(Path binary, String version) throws Unavailable {
            try {
                process = new ProcessBuilder(binary.toString(), "--service=" + version, "--ping").start();
            } catch (IOException e) {
                throw new Unavailable("cannot start esbuild's service: " + e.getMessage(), e);
            }
            stdin = process.getOutputStream();
            Thread reader = new Thread(() -> read(version), "esbuild-service-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            // Only a crash writes here (the builds log nothing: --log-level=silent); kept for the report.
            Thread errors = new Thread(this::drainStderr, "esbuild-service-stderr-" + process.pid());
            errors.setDaemon(true);
            errors.start();
        }

        boolean alive() {
            return deathReason == null && process.isAlive();
        }

        /** Sends a request and waits for its answer; an answer with "error" is the service refusing it. */
        Map<String, Object> call(Map<String, Object> request) throws Unavailable {
            int id = nextId.getAndIncrement();
            CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
            pending.put(id, answer);
            try {
                if (deathReason != null) throw new IOException(deathReason);
                send(id, false, request);
                Map<String, Object> response = answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (response.get("error") instanceof String error) throw new BuildFailure("esbuild: " + error, null, 0, 0, null);
                return response;
            } catch (IOException e) {
                die("cannot write to esbuild: " + e.getMessage());
                throw new Unavailable(reason(), e);
            } catch (ExecutionException e) {
                throw new Unavailable(reason(), e.getCause());
            } catch (TimeoutException e) {
                die("esbuild did not answer within " + TIMEOUT_SECONDS + " s");
                throw new Unavailable(reason(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted", e);
            } finally {
                pending.remove(id);
            }
        }

        /** Sends a request whose answer nobody waits for (it is dropped on arrival). */
        void sendOnly(Map<String, Object> request) {
            if (deathReason != null) return;
            try {
                send(nextId.getAndIncrement(), false, request);
            } catch (IOException e) {
                die("cannot write to esbuild: " + e.getMessage());
            }
        }

        private String reason() {
            String err;
            synchronized (stderr) {
                err = stderr.toString().strip();
            }
            return (deathReason == null ? "esbuild's service stopped" : deathReason) + (err.isEmpty() ? "" : ": " + err);
        }

        private void send(int id, boolean response, Object value) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream(256);
            EsbuildValues.writeInt(body, 0); // the length, filled in below
            EsbuildValues.writeInt(body, id << 1 | (response ? 1 : 0));
            EsbuildValues.encode(body, value);
            byte[] bytes = body.toByteArray();
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, bytes.length - 4);
            // Both the builds' threads and the reader (answering pings) write: one packet at a time.
            synchronized (stdin) {
                stdin.write(bytes);
                stdin.flush();
            }
        }

        private void read(String version) {
            try (DataInputStream in = new DataInputStream(process.getInputStream())) {
                String got = new String(packet(in), StandardCharsets.UTF_8);
                if (!got.equals(version)) throw new IOException("esbuild's service is version " + got + ", not " + version);
                while (true) {
                    byte[] bytes = packet(in);
                    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                    int header = b.getInt();
                    int id = header >>> 1;
                    Object value = EsbuildValues.decode(b);
                    if (b.hasRemaining()) throw new IOException("esbuild sent a malformed packet");
                    if (!(value instanceof Map<?, ?> m)) throw new IOException("esbuild sent a packet that is not an object");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) m;
                    if ((header & 1) == 1) {
                        CompletableFuture<Map<String, Object>> f = pending.get(id);
                        if (f != null) f.complete(map);
                    } else {
                        answer(id, map);
                    }
                }
            } catch (EOFException e) {
                die("esbuild's service exited" + exitCode());
            } catch (IOException | RuntimeException e) {
                die("esbuild's service failed: " + e.getMessage());
            }
        }

        // The binary's requests: "ping" (it checks that its host is still there), "on-end" (a
        // context's build result, sent during a rebuild); "on-start" and the plugin callbacks come
        // only with plugins, which are never given. Every request gets an answer: the binary waits.
        private void answer(int id, Map<String, Object> request) throws IOException {
            Object command = request.get("command");
            Map<String, Object> response = new LinkedHashMap<>();
            if ("on-end".equals(command) && request.get("key") instanceof Integer key) {
                CompletableFuture<Map<String, Object>> f = onEnd.get(key);
                if (f != null) f.complete(request);
                response.put("errors", List.of());
                response.put("warnings", List.of());
            } else if (!"ping".equals(command)) {
                response.put("errors", List.of());
            }
            send(id, true, response);
        }

        private static byte[] packet(DataInputStream in) throws IOException {
            byte[] len = new byte[4];
            in.readFully(len);
            int n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (n < 0) throw new IOException("esbuild sent a packet of " + Integer.toUnsignedString(n) + " bytes");
            byte[] body = new byte[n];
            in.readFully(body);
            return body;
        }

        private String exitCode() {
            try {
                return process.waitFor(1, TimeUnit.SECONDS) ? " (exit code " + process.exitValue() + ")" : "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        private void drainStderr() {
            byte[] buf = new byte[4096];
            try (InputStream err = process.getErrorStream()) {
                for (int n; (n = err.read(buf)) > 0;) {
                    synchronized (stderr) {
                        stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (stderr.length() > 8192) stderr.delete(0, stderr.length() - 8192);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }

        private void die(String reason) {
            if (deathReason == null) deathReason = reason;
            process.destroyForcibly();
            IOException e = new IOException(reason);
            pending.values().forEach(f -> f.completeExceptionally(e));
            onEnd.values().forEach(f -> f.completeExceptionally(e));
        }

        /** Closing stdin ends the service (it exits at end of input); a stuck one is killed. */
        void close() {
            if (deathReason == null) deathReason = "esbuild's service was closed";
            try {
                stdin.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            IOException e = new IOException(deathReason);
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    // ---- messages ----

    @SuppressWarnings("unchecked")
    private static List<Message> messages(Object value) {
        List<Message> out = new ArrayList<>();
        if (!(value instanceof List<?> list)) return out;
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) continue;
            Map<String, Object> raw = (Map<String, Object>) m;
            List<Note> notes = new ArrayList<>();
            if (raw.get("notes") instanceof List<?> ns) {
                for (Object n : ns) {
                    if (n instanceof Map<?, ?> note) notes.add(new Note(string(note.get("text")), location(note.get("location"))));
                }
            }
            out.add(new Message(string(raw.get("text")), location(raw.get("location")), notes, raw));
        }
        return out;
    }

    private static Location location(Object value) {
        if (!(value instanceof Map<?, ?> m)) return null;
        return new Location(string(m.get("file")), m.get("line") instanceof Integer l ? l : 0,
                m.get("column") instanceof Integer c ? c : 0, string(m.get("lineText")));
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }
}
