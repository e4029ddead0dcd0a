package dev.workersim.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One recorded conformance case: a folder with the worker's config(s), {@code requests.json} (the
 * steps) and {@code golden.json} (what wrangler dev answered), in run_case.py's format
 * (/work/shared/conformance/run_case.py --help).
 *
 * @param name       how the case is shown: {@code area/case} for the project's own, {@code shared/case} for the shared corpus
 * @param dir        the case folder
 * @param configs    the config files, relative to {@code dir}; the first is served, the others run beside it
 * @param runnerArgs the extra `sim dev` flags the case asks for (--env, --var, --test-scheduled...)
 * @param steps      the steps of requests.json, in order (sleeps included, as run_case.py indexes them)
 * @param golden     the steps of golden.json, index for index with {@code steps}
 */
record CaseFolder(String name, Path dir, List<String> configs, List<String> runnerArgs, List<CaseStep> steps,
                  List<JsonNode> golden) {

    /** The case in {@code dir}, shown as {@code name}. */
    static CaseFolder read(String name, Path dir) {
        JsonNode spec = readJson(dir.resolve("requests.json"));
        JsonNode stepList = spec.isArray() ? spec : spec.path("steps");
        List<CaseStep> steps = new ArrayList<>();
        for (int i = 0; i < stepList.size(); i++) steps.add(new CaseStep(i, stepList.get(i)));
        List<String> configs = spec.has("configs") ? strings(spec.get("configs")) : List.of("wrangler.toml");
        List<String> runnerArgs = spec.has("runner_args") ? strings(spec.get("runner_args")) : List.of();
        List<JsonNode> golden = new ArrayList<>();
        readJson(dir.resolve("golden.json")).path("steps").forEach(golden::add);
        return new CaseFolder(name, dir, configs, runnerArgs, steps, golden);
    }

    /** Every case with a golden.json under {@code root} (a {@code conformance/} folder of area folders), as area/case. */
    static List<CaseFolder> underAreas(Path root) {
        List<CaseFolder> out = new ArrayList<>();
        for (Path area : sortedChildren(root)) {
            for (Path c : sortedChildren(area)) {
                if (isPlayable(c)) out.add(read(area.getFileName() + "/" + c.getFileName(), c));
            }
        }
        return out;
    }

    /** A folder run_case.py plays and judges: it has both requests.json and golden.json. */
    static boolean isPlayable(Path dir) {
        return Files.isRegularFile(dir.resolve("requests.json")) && Files.isRegularFile(dir.resolve("golden.json"));
    }

    private static List<Path> sortedChildren(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode readJson(Path file) {
        try {
            return PythonJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
