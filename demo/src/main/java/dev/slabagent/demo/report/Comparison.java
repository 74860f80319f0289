package dev.slabagent.demo.report;

import dev.slabagent.demo.bench.suite.ForkConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one benchmark at one thread count and parameter set, one per configuration: the baseline
 * first (if it ran), then the suite's agent configurations in their order, then any other label.
 *
 * @param key what is compared: benchmark, threads and parameters
 * @param rows the results, baseline first
 */
public record Comparison(String key, List<ResultRow> rows) {

    /**
     * Groups rows by {@link ResultRow#comparisonKey()}, keeping the file's order of first appearance.
     *
     * @param rows results in file order
     * @return the comparisons, each with its baseline first
     */
    public static List<Comparison> group(List<ResultRow> rows) {
        Map<String, Integer> configOrder = new LinkedHashMap<>();
        configOrder.put(ForkConfig.BASELINE, 0);
        ForkConfig.AGENT_LABELS.forEach(label -> configOrder.put(label, configOrder.size()));
        rows.forEach(row -> configOrder.putIfAbsent(row.config(), configOrder.size()));
        Map<String, List<ResultRow>> byKey = new LinkedHashMap<>();
        rows.forEach(row -> byKey.computeIfAbsent(row.comparisonKey(), k -> new ArrayList<>()).add(row));
        List<Comparison> comparisons = new ArrayList<>();
        byKey.forEach((key, group) -> {
            group.sort(Comparator.comparing(row -> configOrder.get(row.config())));
            comparisons.add(new Comparison(key, List.copyOf(group)));
        });
        return comparisons;
    }

    /** @return the row without agent, or null if the baseline did not run for this key */
    public ResultRow baseline() {
        return rows.isEmpty() || !rows.get(0).config().equals(ForkConfig.BASELINE) ? null : rows.get(0);
    }

    /**
     * @param config a configuration label
     * @return its row, or null if it did not run for this key
     */
    public ResultRow row(String config) {
        return rows.stream().filter(row -> row.config().equals(config)).findFirst().orElse(null);
    }

    /**
     * @param row one of this comparison's rows
     * @return its time per operation over the baseline's, or null without a baseline
     */
    public Metric.Ratio ratio(ResultRow row) {
        ResultRow baseline = baseline();
        return baseline == null ? null : row.time().over(baseline.time());
    }

    /**
     * @param row one of this comparison's rows
     * @return its bytes per operation minus the baseline's, or NaN if either is unknown
     */
    public double bytesDelta(ResultRow row) {
        ResultRow baseline = baseline();
        if (baseline == null || baseline.bytesPerOp() == null || row.bytesPerOp() == null) {
            return Double.NaN;
        }
        return row.bytesPerOp().score() - baseline.bytesPerOp().score();
    }
}
