package dev.workersim.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.cli.InProcessDev;
import dev.workersim.core.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plays one case as run_case.py does, against `sim dev` built in this JVM: the simulator started with
 * run_case.py's arguments ({@code -c} per config, {@code --ip 127.0.0.1 --port P --persist-to} a fresh
 * folder, then the case's runner_args), the steps sent in order (sleeps slept, poll_until retried),
 * each answer summarised, then the simulator closed and every step judged against golden.json.
 */
final class CasePlayer {
    /** run_case.py's --request-timeout default. */
    private static final int REQUEST_TIMEOUT_MS = 60_000;

    /** The judgement of one request step: no differences = passed. */
    record StepResult(CaseStep step, List<String> differences) {
        boolean passed() {
            return differences.isEmpty();
        }

        /** run_case.py's FAIL block: the label, then one line per difference. */
        String report(String caseName) {
            return "FAIL " + step.label(caseName) + "\n     " + String.join("\n     ", differences);
        }
    }

    /** A played case: its steps' results and how long it took from start to close. */
    record PlayedCase(CaseFolder folder, List<StepResult> steps, long startMillis, long totalMillis) {
    }

    private final int port;

    /** @param port the port for `sim dev` (0: a free one, as run_case.py picks by default) */
    CasePlayer(int port) {
        this.port = port;
    }

    PlayedCase play(CaseFolder c) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path persist = Files.createTempDirectory("persist-" + c.dir().getFileName() + "-");
        List<JsonNode> recorded = new ArrayList<>();
        long started;
        try (Simulator sim = InProcessDev.start(arguments(c, persist))) {
            started = (System.nanoTime() - t0) / 1_000_000;
            // A front door that could not bind is only logged by Simulator.start; playing on would record status 0 everywhere.
            if (sim.port() <= 0) throw new IOException("sim dev did not listen on 127.0.0.1:" + port + " (see the error above)");
            for (CaseStep step : c.steps()) recorded.add(perform(step, sim.port()));
        } finally {
            deleteTree(persist);
        }
        return new PlayedCase(c, judge(c, recorded), started, (System.nanoTime() - t0) / 1_000_000);
    }

    /** What run_case.py appends to its runner: the configs, address, port and state folder, then the case's own flags. */
    private List<String> arguments(CaseFolder c, Path persist) {
        List<String> args = new ArrayList<>();
        for (String config : c.configs()) args.addAll(List.of("-c", c.dir().resolve(config).toString()));
        args.addAll(List.of("--ip", "127.0.0.1", "--port", Integer.toString(port), "--persist-to", persist.toString()));
        args.addAll(c.runnerArgs());
        return args;
    }

    /** A sleep, or the request (again until poll_until holds or times out), summarised as golden.json keeps it. */
    private static JsonNode perform(CaseStep step, int port) throws InterruptedException {
        if (step.isSleep()) {
            Thread.sleep(step.sleepMillis());
            return JsonNodeFactory.instance.objectNode().put("sleep_ms", step.sleepMillis());
        }
        JsonNode poll = step.pollUntil();
        long deadline = System.nanoTime() + (poll == null ? 15_000 : poll.path("timeout_ms").asLong(15_000)) * 1_000_000;
        WireClient.Response r;
        while (true) {
            r = send(step, port);
            if (poll == null || pollHolds(r, poll) || System.nanoTime() > deadline) break;
            Thread.sleep(poll.path("interval_ms").asLong(300));
        }
        ObjectNode rec = ResponseSummary.of(r, step, port);
        rec.put("method", step.method()).put("path", step.path());
        return rec;
    }

    /** A connection that fails is recorded as status 0 with no headers and no body, as run_case.py does. */
    private static WireClient.Response send(CaseStep step, int port) {
        try {
            return WireClient.send(port, step.method(), step.path(), step.headers(), step.body(), REQUEST_TIMEOUT_MS);
        } catch (IOException | RuntimeException e) {
            return new WireClient.Response(0, "", List.of(), new byte[0]);
        }
    }

    private static boolean pollHolds(WireClient.Response r, JsonNode poll) {
        if (poll.has("status") && r.status() != poll.get("status").asInt()) return false;
        if (poll.has("body_contains")) {
            String body = new String(r.body(), StandardCharsets.ISO_8859_1); // byte-wise, as `bytes in bytes`
            String wanted = new String(poll.get("body_contains").asText().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            return body.contains(wanted);
        }
        return true;
    }

    private static List<StepResult> judge(CaseFolder c, List<JsonNode> recorded) {
        List<StepResult> out = new ArrayList<>();
        for (CaseStep step : c.steps()) {
            if (step.isSleep()) continue;
            int i = step.index();
            List<String> diffs = i >= c.golden().size() || i >= recorded.size()
                    ? List.of("missing step in golden or results")
                    : GoldenComparison.differences(c.golden().get(i), recorded.get(i), step.expect());
            out.add(new StepResult(step, diffs));
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
