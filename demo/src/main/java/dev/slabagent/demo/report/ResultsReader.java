package dev.slabagent.demo.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slabagent.demo.bench.AgentProbe;
import dev.slabagent.demo.bench.suite.ForkConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Reads the suite's JMH JSON file into {@link ResultRow}s and the run's JVM description. The suite runs one fork
 * per JMH run, so a benchmark's results in one configuration come as several entries: they are merged into one
 * row whose {@link ResultRow#forkScores()} has every fork's score.
 */
public final class ResultsReader {
    /** The JMH parameter whose value names the configuration of benchmarks that compare strategies. */
    static final String STRATEGY_PARAM = "strategy";

    private static final String LABEL_ARG = "-D" + ForkConfig.LABEL_PROPERTY + "=";

    private final JsonNode root;

    private ResultsReader(JsonNode root) {
        this.root = root;
    }

    /**
     * @param json a JMH JSON result file
     * @return a reader of its results
     * @throws IOException if the file cannot be read or is not a JSON array
     */
    public static ResultsReader open(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException("not a JMH JSON result array: " + json);
        }
        return new ResultsReader(root);
    }

    /** @return one row per benchmark, parameters, threads and configuration, in the order each first appears */
    public List<ResultRow> rows() {
        Map<String, List<ResultRow>> entries = new LinkedHashMap<>();
        root.forEach(node -> {
            ResultRow row = row(node);
            entries.computeIfAbsent(row.comparisonKey() + " " + row.config(), k -> new ArrayList<>()).add(row);
        });
        return entries.values().stream().map(ResultsReader::merge).toList();
    }

    /** One row from a result's entries (one per fork, or one with several forks from an older run). */
    private static ResultRow merge(List<ResultRow> entries) {
        ResultRow first = entries.get(0);
        if (entries.size() == 1) {
            return first;
        }
        List<Double> forks = new ArrayList<>();
        ResultRow.AgentSeen agent = first.agent();
        for (ResultRow entry : entries) {
            forks.addAll(entry.forkScores());
            agent = entry == first ? agent : agent.plus(entry.agent());
        }
        return new ResultRow(first.benchmark(), first.threads(), first.params(), first.config(),
                overForks(forks, first.time().unit()), forks, mean(entries, ResultRow::bytesPerOp),
                sum(entries, ResultRow::gcCount), agent);
    }

    /** The mean of the forks' scores with JMH's own error: the 99.9% Student-t half-width (NaN for one fork). */
    private static Metric overForks(List<Double> forks, String unit) {
        ListStatistics stats = new ListStatistics(forks.stream().mapToDouble(Double::doubleValue).toArray());
        return new Metric(stats.getMean(), forks.size() < 2 ? Double.NaN : stats.getMeanErrorAt(0.999), unit);
    }

    private static Metric mean(List<ResultRow> entries, Function<ResultRow, Metric> metric) {
        List<Metric> present = entries.stream().map(metric).filter(Objects::nonNull).toList();
        return present.isEmpty() ? null
                : overForks(present.stream().map(Metric::score).toList(), present.get(0).unit());
    }

    private static Metric sum(List<ResultRow> entries, Function<ResultRow, Metric> metric) {
        List<Metric> present = entries.stream().map(metric).filter(Objects::nonNull).toList();
        return present.isEmpty() ? null
                : new Metric(present.stream().mapToDouble(Metric::score).sum(), Double.NaN, present.get(0).unit());
    }

    /** @return the JDK and VM of the first result, as JMH recorded them */
    public String jvm() {
        if (root.isEmpty()) {
            return "unknown";
        }
        JsonNode first = root.get(0);
        return "JDK " + first.path("jdkVersion").asText() + ", " + first.path("vmName").asText() + " "
                + first.path("vmVersion").asText();
    }

    private static ResultRow row(JsonNode node) {
        String fullName = node.path("benchmark").asText();
        String[] parts = fullName.split("\\.");
        String benchmark = parts.length < 2 ? fullName : parts[parts.length - 2] + "." + parts[parts.length - 1];
        Map<String, String> params = new TreeMap<>();
        node.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        String strategy = params.remove(STRATEGY_PARAM);
        JsonNode secondary = node.path("secondaryMetrics");
        ResultRow.AgentSeen agent = new ResultRow.AgentSeen(
                scalar(secondary, "agent.loaded") > 0,
                (long) scalar(secondary, "agent.caches"),
                (long) scalar(secondary, "agent.allocs"),
                (long) scalar(secondary, "agent.hits"),
                (long) scalar(secondary, "agent.objsize"),
                hitsByCache(secondary));
        return new ResultRow(benchmark, node.path("threads").asInt(), params,
                strategy != null ? strategy : label(node.path("jvmArgs")),
                metric(node.path("primaryMetric")), forkScores(node.path("primaryMetric").path("rawData")),
                secondaryMetric(secondary, "gc.alloc.rate.norm"),
                secondaryMetric(secondary, "gc.count"),
                agent);
    }

    /** Each fork's score: the mean of its measured iterations in JMH's {@code rawData}. */
    private static List<Double> forkScores(JsonNode rawData) {
        List<Double> forks = new ArrayList<>();
        for (JsonNode fork : rawData) {
            double sum = 0;
            for (JsonNode iteration : fork) {
                sum += iteration.asDouble();
            }
            if (fork.size() > 0) {
                forks.add(sum / fork.size());
            }
        }
        return forks;
    }

    private static String label(JsonNode jvmArgs) {
        for (JsonNode arg : jvmArgs) {
            if (arg.asText().startsWith(LABEL_ARG)) {
                return arg.asText().substring(LABEL_ARG.length());
            }
        }
        return "unlabelled";
    }

    /** The {@code agent.hits.NAME} results, by cache name. */
    private static Map<String, Long> hitsByCache(JsonNode secondary) {
        Map<String, Long> hits = new TreeMap<>();
        secondary.fields().forEachRemaining(entry -> {
            int at = entry.getKey().indexOf(AgentProbe.CACHE_HITS);
            if (at >= 0 && at <= 1) {
                hits.put(entry.getKey().substring(at + AgentProbe.CACHE_HITS.length()),
                        (long) entry.getValue().path("score").asDouble());
            }
        });
        return hits;
    }

    /** Profiler results are keyed with a leading marker ({@code ·gc.count}); match by the name after it. */
    private static JsonNode secondary(JsonNode secondary, String name) {
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) secondary::fields) {
            String key = entry.getKey();
            if (key.equals(name) || (key.endsWith(name) && key.length() == name.length() + 1)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static Metric secondaryMetric(JsonNode secondary, String name) {
        JsonNode node = secondary(secondary, name);
        return node == null ? null : metric(node);
    }

    private static double scalar(JsonNode secondary, String name) {
        JsonNode node = secondary(secondary, name);
        return node == null ? 0 : node.path("score").asDouble();
    }

    private static Metric metric(JsonNode node) {
        JsonNode error = node.path("scoreError");
        return new Metric(node.path("score").asDouble(),
                error.isNumber() ? error.asDouble() : Double.NaN,
                node.path("scoreUnit").asText());
    }
}
