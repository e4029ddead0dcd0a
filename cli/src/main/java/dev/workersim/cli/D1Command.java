package dev.workersim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.bindings.d1.D1Database;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.config.WorkerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sim d1`: the local half of `wrangler d1 ... --local`, on the SQLite files `sim dev` uses. */
@Command(name = "d1", mixinStandardHelpOptions = true,
        description = "Run SQL against local D1 databases (the files `sim dev` uses).",
        subcommands = {D1Command.Execute.class, D1Migrations.class})
final class D1Command {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final class Sql {
        @Option(names = "--command", paramLabel = "SQL", description = "The SQL to run (one or more statements).")
        String command;

        @Option(names = "--file", paramLabel = "FILE", description = "A .sql file to run.")
        Path file;
    }

    @Command(name = "execute", mixinStandardHelpOptions = true,
            description = "Run SQL against a local D1 database, as `wrangler d1 execute DB --local`.")
    static final class Execute implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DATABASE", description = "The database's name (database_name) or its binding name.")
        String database;

        @Mixin
        ProjectOptions project;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Sql sql;

        @Option(names = "--json", description = "Print the results as JSON.")
        boolean json;

        @Option(names = "--local", description = "Accepted for wrangler compatibility: workersim is always local.")
        boolean local;

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public Integer call() {
            try {
                WorkerConfig config = project.load(null);
                String id = idOf(entry(config, database));
                String text = sql.command != null ? sql.command : Files.readString(sql.file);
                JsonNode results = JSON.readTree(D1Database.executeScript(project.persistRoot(config), id, text));
                if (json) {
                    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(asWrangler(results)));
                } else {
                    out.println("Executing on local database " + database + " (" + id + ") from " + project.persistRoot(config) + ":");
                    for (JsonNode r : results) {
                        if (r.path("columns").size() > 0) out.println(table(r));
                    }
                    out.println("🚣 " + results.size() + " command" + (results.size() == 1 ? "" : "s") + " executed successfully.");
                }
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

    /** The d1_databases entry whose database_name or binding is {@code database}. */
    static JsonNode entry(WorkerConfig config, String database) {
        for (JsonNode e : config.raw().path("d1_databases")) {
            if (database.equals(e.path("database_name").asText(null)) || database.equals(e.path("binding").asText(null))) return e;
        }
        throw new IllegalArgumentException("no D1 database named or bound as \"" + database + "\" in " + config.configFile()
                + (config.environment() == null ? "" : " (environment " + config.environment() + ")"));
    }

    /** As the D1 binding names its local file: preview_database_id, else database_id, else database_name, else the binding. */
    static String idOf(JsonNode e) {
        for (String f : new String[] {"preview_database_id", "database_id", "database_name", "binding"}) {
            String v = e.path(f).asText("");
            if (v.isEmpty()) continue;
            if (!v.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("database id \"" + v + "\" may only hold letters, digits, '.', '_' and '-'");
            }
            return v;
        }
        throw new IllegalArgumentException("the D1 entry has no binding");
    }

    /** wrangler's --json shape: [{results: [row objects], success, meta}]. */
    static ArrayNode asWrangler(JsonNode results) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode r : results) {
            ObjectNode o = out.addObject();
            ArrayNode rows = o.putArray("results");
            for (JsonNode row : r.path("rows")) {
                ObjectNode obj = rows.addObject();
                for (int i = 0; i < r.path("columns").size(); i++) obj.set(r.get("columns").get(i).asText(), row.get(i));
            }
            o.put("success", true);
            o.set("meta", r.path("meta"));
        }
        return out;
    }

    private static String table(JsonNode r) {
        List<String> cols = new ArrayList<>();
        r.get("columns").forEach(c -> cols.add(c.asText()));
        List<List<String>> rows = new ArrayList<>();
        int[] w = cols.stream().mapToInt(String::length).toArray();
        for (JsonNode row : r.path("rows")) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                JsonNode v = row.get(i);
                String s = v == null || v.isNull() ? "null" : v.isTextual() ? v.asText() : v.toString();
                cells.add(s);
                w[i] = Math.max(w[i], s.length());
            }
            rows.add(cells);
        }
        StringBuilder b = new StringBuilder();
        line(b, w);
        row(b, cols, w);
        line(b, w);
        for (List<String> cells : rows) row(b, cells, w);
        line(b, w);
        return b.toString().stripTrailing();
    }

    private static void line(StringBuilder b, int[] w) {
        b.append("+");
        for (int x : w) b.append("-".repeat(x + 2)).append('+');
        b.append('\n');
    }

    private static void row(StringBuilder b, List<String> cells, int[] w) {
        b.append('|');
        for (int i = 0; i < w.length; i++) b.append(' ').append(String.format("%-" + w[i] + "s", cells.get(i))).append(" |");
        b.append('\n');
    }
}
