package dev.workersim.bindings.analyticsengine;

import dev.workersim.core.Simulator;
import dev.workersim.core.services.ServiceRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data points the workers of one simulator wrote, per dataset, newest last: wrangler dev
 * accepts them and keeps nothing, so this in-memory log exists only so that Java tests can check
 * what a worker wrote. It keeps the last {@value #KEEP} points of each dataset.
 *
 * <pre>{@code
 * sim.dispatchFetch(FetchRequest.get("/"));
 * List<String> points = AnalyticsEngineLog.of(sim).points("my_dataset"); // JSON objects
 * }</pre>
 */
public final class AnalyticsEngineLog implements AutoCloseable {
    static final int KEEP = 1000;
    private final Map<String, Deque<String>> datasets = new HashMap<>();

    /** The log of {@code sim} and its auxiliary workers. */
    public static AnalyticsEngineLog of(Simulator sim) {
        return of(sim.workers());
    }

    static AnalyticsEngineLog of(ServiceRegistry workers) {
        return workers == null ? new AnalyticsEngineLog() : workers.shared("analytics-engine", AnalyticsEngineLog::new);
    }

    /**
     * The points written to {@code dataset}, each as JSON {@code {"blobs":[..],"doubles":[..],"indexes":[..]}}
     * (ArrayBuffer blobs and indexes as their UTF-8 text; fields the worker left out are absent).
     */
    public synchronized List<String> points(String dataset) {
        return List.copyOf(datasets.getOrDefault(dataset, new ArrayDeque<>()));
    }

    synchronized void add(String dataset, String pointJson) {
        Deque<String> points = datasets.computeIfAbsent(dataset, d -> new ArrayDeque<>());
        if (points.size() == KEEP) points.removeFirst();
        points.addLast(pointJson);
    }

    @Override
    public synchronized void close() {
        datasets.clear();
    }
}
