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
 * @param key    what is compared: benchmark, threads and parameters
 * @param rows   the results, baseline first
 * @param narrow whether verdicts need intervals within ±10% (a quick run's; see
 *               {@link dev.slabagent.stats.Comparison#narrowOnly()})
 */
public record Comparison(String key, List<ResultRow> rows, boolean narrow) {

    /** The bootstrap's seed: a report made twice from the same results is the same. */
    private static final long BOOTSTRAP_SEED = 1;

    /**
     * Groups rows by {@link ResultRow#comparisonKey()}, keeping the file's order of first appearance.
     *
     * @param rows   results in file order
     * @param narrow whether verdicts need intervals within ±10%
     * @return the comparisons, each with its baseline first
     */
    public static List<Comparison> group(List<ResultRow> rows, boolean narrow) {
        Map<String, Integer> configOrder = new LinkedHashMap<>();
        configOrder.put(ForkConfig.BASELINE, 0);
        ForkConfig.AGENT_LABELS.forEach(label -> configOrder.put(label, configOrder.size()));
        rows.forEach(row -> configOrder.putIfAbsent(row.config(), configOrder.size()));
        Map<String, List<ResultRow>> byKey = new LinkedHashMap<>();
        rows.forEach(row -> byKey.computeIfAbsent(row.comparisonKey(), k -> new ArrayList<>()).add(row));
        List<Comparison> comparisons = new ArrayList<>();
        byKey.forEach((key, group) -> {
            group.sort(Comparator.comparing(row -> configOrder.get(row.config())));
            comparisons.add(new Comparison(key, List.copyOf(group), narrow));
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
     * The statistics of a row against the baseline: the ratio of the forks' median scores with its 95% bootstrap
     * interval, the Mann-Whitney p-value and the verdict, each fork's score being one sample.
     *
     * @param row one of this comparison's rows
     * @return the comparison, or null without a baseline
     */
    public dev.slabagent.stats.Comparison statistics(ResultRow row) {
        ResultRow baseline = baseline();
        if (baseline == null || row.forkScores().isEmpty() || baseline.forkScores().isEmpty()) {
            return null;
        }
        dev.slabagent.stats.Comparison c = dev.slabagent.stats.Comparison.of(baseline.samples(), row.samples(), false,
                BOOTSTRAP_SEED);
        return narrow ? c.narrowOnly() : c;
    }

    /**
     * @param row one of this comparison's rows
     * @return its time per operation over the baseline's (ratio of the forks' medians, 95% interval), or null
     *     without a baseline
     */
    public Metric.Ratio ratio(ResultRow row) {
        dev.slabagent.stats.Comparison c = statistics(row);
        return c == null ? null : new Metric.Ratio(c.ratio(), c.low(), c.high());
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
