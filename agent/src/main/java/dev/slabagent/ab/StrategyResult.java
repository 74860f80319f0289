package dev.slabagent.ab;

import dev.slabagent.stats.Comparison;
import dev.slabagent.stats.MedianRatio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One strategy under one collector, over its runs.
 *
 * @param collector   the collector
 * @param strategy    {@code baseline} or a strategy
 * @param runs        the runs that counted
 * @param failed      the runs left out
 * @param failure     the last failed run's reason and stderr tail, or {@code null}
 * @param median      the metric's median over the runs that counted (NaN if none)
 * @param comparison  the comparison with the baseline, or {@code null} (the baseline itself, or no runs a side)
 * @param hitsPercent hits per allocation request of the caches, in percent (NaN: no request, or the baseline)
 * @param gcs         GC pauses per run (median; NaN if no JVM reported)
 * @param bytesPerRun bytes allocated per run (median; NaN if no JVM reported)
 * @param status      why the strategy gets no speed verdict: a cache that found a hazard or stayed off; or
 *                    {@code null}
 */
public record StrategyResult(String collector, String strategy, int runs, int failed, String failure, double median,
                             Comparison comparison, double hitsPercent, double gcs, double bytesPerRun,
                             String status) {

    /**
     * Summarises the runs of one strategy and compares them with the baseline's.
     *
     * @param plan     the plan (metric direction, seed)
     * @param runs     this strategy's runs under one collector
     * @param baseline the baseline's runs under the same collector
     */
    static StrategyResult of(AbPlan plan, List<RunRecord> runs, List<RunRecord> baseline) {
        RunRecord first = runs.get(0);
        List<RunRecord> ok = runs.stream().filter(RunRecord::ok).toList();
        RunRecord lastFailed = runs.stream().filter(r -> !r.ok()).reduce((a, b) -> b).orElse(null);
        double[] metric = metrics(ok);
        double[] base = metrics(baseline.stream().filter(RunRecord::ok).toList());
        boolean isBaseline = first.strategy().equals(AbPlan.BASELINE);
        Comparison comparison = isBaseline || metric.length == 0 || base.length == 0 ? null
                : Comparison.of(base, metric, plan.higherIsBetter(), plan.seed());
        long allocs = 0;
        long hits = 0;
        for (RunRecord r : ok) {
            for (CacheRecord c : r.caches()) {
                allocs += c.allocs();
                hits += c.hits();
            }
        }
        List<RunRecord> reported = ok.stream().filter(r -> r.jvms() > 0).toList();
        return new StrategyResult(first.collector(), first.strategy(), ok.size(), runs.size() - ok.size(),
                lastFailed == null ? null : lastFailed.failure() + tailSuffix(lastFailed.stderrTail()),
                metric.length == 0 ? Double.NaN : MedianRatio.median(metric), comparison,
                allocs == 0 ? Double.NaN : 100.0 * hits / allocs,
                medianOf(reported.stream().mapToDouble(RunRecord::gcCount).toArray()),
                medianOf(reported.stream().mapToDouble(RunRecord::allocBytes).toArray()),
                isBaseline ? null : status(runs));
    }

    /** What the reports print in the verdict column: the status, the verdict, or why there is none. */
    public String verdictCell() {
        if (status != null) {
            return status;
        }
        if (strategy.equals(AbPlan.BASELINE)) {
            return runs == 0 ? "no runs" : "";
        }
        return comparison == null ? "no runs to compare" : comparison.verdict().label();
    }

    /**
     * The caches' trouble over all runs: {@code hazard: NAME (N)} for caches whose verification found hazards,
     * else {@code off: NAME (WHY)} for caches that were off in some run; {@code null} if neither.
     */
    static String status(List<RunRecord> runs) {
        Map<String, Long> hazards = new LinkedHashMap<>();
        Map<String, String> off = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            for (CacheRecord c : r.caches()) {
                if (c.hazards() > 0) {
                    hazards.merge(c.name(), c.hazards(), Long::sum);
                }
                if (c.off()) {
                    off.putIfAbsent(c.name(), c.state().replaceFirst("^off:?\\s*", ""));
                }
            }
        }
        List<String> parts = new ArrayList<>();
        if (!hazards.isEmpty()) {
            hazards.forEach((name, n) -> parts.add(name + " (" + n + ")"));
            return "hazard: " + String.join(", ", parts);
        }
        if (!off.isEmpty()) {
            off.forEach((name, why) -> parts.add(why.isEmpty() ? name : name + " (" + why + ")"));
            return "off: " + String.join(", ", parts);
        }
        return null;
    }

    private static double[] metrics(List<RunRecord> runs) {
        return runs.stream().mapToDouble(RunRecord::metric).toArray();
    }

    private static double medianOf(double[] values) {
        return values.length == 0 ? Double.NaN : MedianRatio.median(values);
    }

    private static String tailSuffix(String tail) {
        return tail == null || tail.isBlank() ? "" : ": " + tail.replace('\n', ' ').strip();
    }
}
