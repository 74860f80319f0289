package dev.slabagent.demo.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slabagent.demo.bench.AgentProbe;
import dev.slabagent.demo.bench.suite.ForkConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the suite's JMH JSON file into {@link ResultRow}s and the run's JVM description. */
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

    /** @return one row per benchmark result, in file order */
    public List<ResultRow> rows() {
        List<ResultRow> rows = new ArrayList<>();
        root.forEach(node -> rows.add(row(node)));
        return rows;
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
                metric(node.path("primaryMetric")),
                secondaryMetric(secondary, "gc.alloc.rate.norm"),
                secondaryMetric(secondary, "gc.count"),
                agent);
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
