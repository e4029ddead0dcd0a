package dev.workersim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.bindings.d1.D1Database;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.config.WorkerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `sim d1 migrations create|list|apply DB`: the .sql files of the database's `migrations_dir` (default
 * migrations/), applied in file-name order and recorded in its `migrations_table` (default
 * d1_migrations), as wrangler's local migrations are, so the two agree on what has run.
 */
@Command(name = "migrations", mixinStandardHelpOptions = true, description = "Apply the SQL files of migrations_dir to a local D1 database.",
        subcommands = {D1Migrations.Create.class, D1Migrations.ListPending.class, D1Migrations.Apply.class})
final class D1Migrations {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path migrationsDir(WorkerConfig config, JsonNode entry) {
        return config.projectDir().resolve(entry.path("migrations_dir").asText("migrations"));
    }

    /** As wrangler: the next number after the highest in the folder, four digits, then the message. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the next numbered .sql file in the database's migrations_dir.")
    static final class Create extends Options implements Callable<Integer> {
        @Parameters(index = "1", paramLabel = "MESSAGE", description = "What the migration does; becomes the file name (spaces as _).")
        String message;

        @Override
        public Integer call() {
            try {
                WorkerConfig config = project.load(null);
                Path dir = migrationsDir(config, D1Command.entry(config, database));
                Files.createDirectories(dir);
                int next = 1;
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path f : s.toList()) {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)_").matcher(f.getFileName().toString());
                        if (m.find()) next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
                    }
                }
                String number = String.format("%04d", next);
                String name = number + "_" + message.trim().replace(' ', '_') + ".sql";
                if (!name.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("the message may only hold letters, digits, spaces, '.', '_' and '-'");
                Path file = dir.resolve(name);
                Files.writeString(file, "-- Migration number: " + number + " \t " + java.time.Instant.now() + "\n",
                        java.nio.file.StandardOpenOption.CREATE_NEW);
                out.println("✅ Successfully created Migration '" + name + "'!");
                out.println();
                out.println("The migration is available for editing here");
                out.println(file);
                return 0;
            } catch (ConfigException | IllegalArgumentException e) {
                err.println("✘ " + e.getMessage());
                return 2;
            } catch (IOException | RuntimeException e) {
                err.println("✘ " + e.getMessage());
                return 1;
            }
        }
    }

    /** What every migrations command takes: the database, the project, wrangler's --local. */
    abstract static class Options {
        @Parameters(index = "0", paramLabel = "DATABASE", description = "The database's name (database_name) or its binding name.")
        String database;

        @Mixin
        ProjectOptions project;

        @Option(names = "--local", description = "Accepted for wrangler compatibility: workersim is always local.")
        boolean local;

        PrintStream out = System.out;
        PrintStream err = System.err;
    }

    abstract static class Base extends Options implements Callable<Integer> {
        @Override
        public final Integer call() {
            try {
                WorkerConfig config = project.load(null);
                JsonNode entry = D1Command.entry(config, database);
                Path root = project.persistRoot(config);
                String id = D1Command.idOf(entry);
                String table = entry.path("migrations_table").asText("d1_migrations");
                if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("migrations_table \"" + table + "\" is not a plain SQL name");
                Path dir = migrationsDir(config, entry);
                D1Database.executeScript(root, id, "CREATE TABLE IF NOT EXISTS " + table
                        + " (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)");
                Set<String> applied = new HashSet<>();
                for (JsonNode row : JSON.readTree(D1Database.executeScript(root, id, "SELECT name FROM " + table)).get(0).path("rows")) {
                    applied.add(row.get(0).asText());
                }
                List<Path> pending = new ArrayList<>();
                for (Path f : files(dir)) {
                    if (!applied.contains(f.getFileName().toString())) pending.add(f);
                }
                return run(root, id, table, pending);
            } catch (ConfigException | IllegalArgumentException e) {
                err.println("✘ " + e.getMessage());
                return 2;
            } catch (IOException | RuntimeException e) {
                err.println("✘ " + e.getMessage());
                return 1;
            }
        }

        abstract int run(Path root, String id, String table, List<Path> pending) throws IOException;

        private static List<Path> files(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) return List.of();
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the migrations not yet applied.")
    static final class ListPending extends Base {
        @Override
        int run(Path root, String id, String table, List<Path> pending) {
            if (pending.isEmpty()) {
                out.println("✅ No migrations to apply!");
            } else {
                out.println("Migrations to be applied:");
                pending.forEach(p -> out.println("  " + p.getFileName()));
            }
            return 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, description = "Apply the pending migrations in order; stop at the first that fails.")
    static final class Apply extends Base {
        @Override
        int run(Path root, String id, String table, List<Path> pending) throws IOException {
            if (pending.isEmpty()) {
                out.println("✅ No migrations to apply!");
                return 0;
            }
            for (Path p : pending) {
                String name = p.getFileName().toString();
                try {
                    D1Database.executeScript(root, id, Files.readString(p)
                            + "\n;INSERT INTO " + table + " (name) VALUES ('" + name.replace("'", "''") + "');");
                } catch (RuntimeException e) {
                    err.println("✘ " + name + " failed: " + e.getMessage());
                    return 1;
                }
                out.println("✅ " + name);
            }
            return 0;
        }
    }
}
