package dev.workersim.core.build;

import dev.workersim.core.runtime.NodeBuiltins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * esbuild's messages as its CLI prints them (--color=false), or as its service returns them
 * ({@link #of}, structured, with the same blocks from its formatter): blocks that start with
 * "✘ [ERROR] text" or "▲ [WARNING] text", then an indented "file:line:column:" with a code frame,
 * then notes. Errors get the hints wrangler adds (a Node builtin without nodejs_compat; an npm
 * package that is not installed).
 */
final class EsbuildMessages {
    record Message(boolean error, String text, String file, int line, int column, String block) {
    }

    private static final Pattern HEAD = Pattern.compile("^(?:✘ \\[ERROR\\]|▲ \\[WARNING\\]|X \\[ERROR\\]) (.*)$");
    private static final Pattern LOCATION = Pattern.compile("^ {4}(\\S.*?):(\\d+):(\\d+):$");
    private static final Pattern UNRESOLVED = Pattern.compile("^Could not resolve \"([^\"]+)\"");

    private final List<Message> messages;
    private final String raw;

    private EsbuildMessages(List<Message> messages, String raw) {
        this.messages = messages;
        this.raw = raw;
    }

    static EsbuildMessages parse(String output) {
        List<Message> out = new ArrayList<>();
        String[] lines = output.split("\r?\n");
        int i = 0;
        while (i < lines.length) {
            Matcher h = HEAD.matcher(lines[i]);
            if (!h.matches()) {
                i++;
                continue;
            }
            boolean error = !lines[i].contains("[WARNING]");
            StringBuilder block = new StringBuilder(lines[i]).append('\n');
            String file = null;
            int line = 0, column = 0;
            int j = i + 1;
            for (; j < lines.length && !HEAD.matcher(lines[j]).matches() && !lines[j].matches("^\\d+ (error|warning)s?.*"); j++) {
                block.append(lines[j]).append('\n');
                Matcher loc = LOCATION.matcher(lines[j]);
                if (file == null && loc.matches()) {
                    file = loc.group(1);
                    line = Integer.parseInt(loc.group(2));
                    column = Integer.parseInt(loc.group(3)) + 1; // esbuild's columns count from 0
                }
            }
            out.add(new Message(error, h.group(1), file, line, column, block.toString().stripTrailing()));
            i = j;
        }
        return new EsbuildMessages(out, output);
    }

    /** Messages the esbuild service returned structured, each with its block as esbuild formats it. */
    static EsbuildMessages of(List<Message> messages) {
        StringBuilder raw = new StringBuilder();
        for (Message m : messages) raw.append(m.block()).append("\n\n");
        return new EsbuildMessages(List.copyOf(messages), raw.toString());
    }

    List<String> warnings() {
        return messages.stream().filter(m -> !m.error()).map(Message::block).toList();
    }

    /** The build's failure: the first error's place and text, every error's block, and wrangler's hints. */
    BuildFailure failure(Path cwd) {
        List<Message> errors = messages.stream().filter(Message::error).toList();
        if (errors.isEmpty()) return new BuildFailure("esbuild failed: " + raw.strip(), null, 0, 0, raw.strip());
        StringBuilder report = new StringBuilder();
        for (Message m : errors) {
            String hint = hint(m, cwd);
            report.append(m.block());
            if (hint != null) report.append("\n\n  ").append(hint.replace("\n", "\n  "));
            report.append("\n\n");
        }
        Message first = errors.get(0);
        String hint = hint(first, cwd);
        String message = hint == null ? first.text() : first.text() + ". " + hint.lines().findFirst().orElse("");
        String file = first.file() == null ? null : SourceMaps.display(cwd.resolve(first.file()).normalize().toString());
        return new BuildFailure(message, file, first.line(), first.column(), report.toString().stripTrailing());
    }

    private static String hint(Message m, Path cwd) {
        Matcher u = UNRESOLVED.matcher(m.text());
        if (!u.find()) return null;
        String spec = u.group(1);
        String bare = spec.startsWith("node:") ? spec.substring(5) : spec;
        if (spec.startsWith("node:") || NodeBuiltins.NAMES.contains(bare)) {
            return "The package \"" + spec + "\" wasn't found on the file system but is built into node.\n"
                    + "- Add the \"nodejs_compat\" compatibility flag to your project.";
        }
        if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("#")) return null;
        String pkg = packageName(spec);
        Path from = m.file() == null ? cwd : cwd.resolve(m.file()).getParent();
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("node_modules").resolve(pkg))) {
                return "The package \"" + pkg + "\" is installed (" + SourceMaps.display(dir.resolve("node_modules").resolve(pkg).toString())
                        + ") but does not export \"" + spec + "\" for the conditions "
                        + "workerd, worker, browser, import, default; to point it elsewhere, add an entry to \"alias\" in your Wrangler configuration.";
            }
        }
        return "The package \"" + pkg + "\" is not installed: run `npm install` (or your package manager's install) in "
                + SourceMaps.display(projectRoot(from).toString()) + ".";
    }

    /** The npm package a bare specifier names: "@scope/name" or "name", without a subpath. */
    static String packageName(String spec) {
        String[] parts = spec.split("/");
        return spec.startsWith("@") && parts.length > 1 ? parts[0] + "/" + parts[1] : parts[0];
    }

    // The folder with the nearest package.json: where the install is to be run.
    private static Path projectRoot(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.json"))) return dir;
        }
        return from;
    }
}
