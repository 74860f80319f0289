package dev.slabagent.demo.report;

import dev.slabagent.demo.bench.suite.SuiteBenchmark;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Issue 5's targets, checked against the measured results: each line says met or missed, with the figure,
 * its error and the limit, or that the result is missing. The verdicts come from the numbers only.
 */
final class Targets {
    private static final String WRITE = SuiteBenchmark.JOURNAL_WRITE.shortName();
    private static final String ROUND_TRIP = SuiteBenchmark.HANDLE_ROUND_TRIP.shortName();
    private static final String PRESERVE = "magazine-preserve";
    /** The patched kernel's time per write(), in ns. */
    private static final double KERNEL_WRITE_NS = 1560;
    /** The round-trip target for magazine + preserve, in ns (below SLUB's ~10.5 ns fast path). */
    private static final double ROUND_TRIP_NS = 5;

    private final List<Comparison> comparisons;

    private Targets(List<Comparison> comparisons) {
        this.comparisons = comparisons;
    }

    /**
     * @param comparisons the suite's results
     * @return a Markdown list, one line per target and thread count
     */
    static String render(List<Comparison> comparisons) {
        Targets targets = new Targets(comparisons);
        StringBuilder out = new StringBuilder("### Targets (issue 5)\n\n");
        for (int threads : List.of(1, 2)) {
            out.append(targets.check(WRITE, threads, "magazine",
                    "write() handle bytes with magazine: B/op drops by the handle's size or more",
                    (c, r) -> bytesVerdict(c, r)));
            out.append(targets.check(WRITE, threads, PRESERVE,
                    "write() with magazine + preserve no slower than the baseline (ratio <= 1.00 within error)",
                    (c, r) -> ratioVerdict(c.ratio(r), 1.0)));
            out.append(targets.check(WRITE, threads, PRESERVE,
                    "write() with every per-write site pooled: ratio <= 0.957 (the seed's gain; the handle and its "
                            + "list are write()'s only per-call allocations, see its B/op)",
                    (c, r) -> ratioVerdict(c.ratio(r), 0.957)));
            out.append(targets.check(WRITE, threads, PRESERVE, "write() <= 1.56 us/op (the patched kernel)",
                    (c, r) -> limitVerdict(r.time(), KERNEL_WRITE_NS)));
        }
        out.append(targets.check(ROUND_TRIP, 1, PRESERVE,
                "magazine + preserve alloc+free round trip <= 5 ns on one thread",
                (c, r) -> limitVerdict(r.time(), ROUND_TRIP_NS)));
        out.append(targets.check(ROUND_TRIP, 1, PRESERVE,
                "magazine + preserve round trip at or below plain new (ratio <= 1.00 within error)",
                (c, r) -> ratioVerdict(c.ratio(r), 1.0)));
        return out.toString();
    }

    private String check(String benchmark, int threads, String config, String target,
            BiFunction<Comparison, ResultRow, String> verdict) {
        String line = "- " + target + ", " + threads + " thread(s): ";
        for (Comparison comparison : comparisons) {
            ResultRow row = comparison.row(config);
            if (row != null && row.benchmark().equals(benchmark) && row.threads() == threads
                    && comparison.baseline() != null) {
                return line + verdict.apply(comparison, row) + "\n";
            }
        }
        return line + "**not measured** (no " + config + " and baseline results)\n";
    }

    private static String ratioVerdict(Metric.Ratio ratio, double limit) {
        return verdict(ratio.value(), ratio.low(), ratio.high(), limit, "ratio " + fixed(ratio.value()) + " ["
                + fixed(ratio.low()) + ", " + fixed(ratio.high()) + "], limit " + fixed(limit), Targets::fixed);
    }

    private static String limitVerdict(Metric time, double limit) {
        return verdict(time.score(), time.low(), time.high(), limit, MarkdownTable.withError(time) + " " + time.unit()
                + ", limit " + MarkdownTable.number(limit), MarkdownTable::number);
    }

    /**
     * Met when the whole interval is within the limit; met by the mean only when the interval crosses it; not
     * shown when the mean is above it but the interval reaches it; missed (by how much at the interval's low
     * end) otherwise.
     */
    private static String verdict(double mean, double low, double high, double limit, String figures,
            Function<Double, String> format) {
        if (mean <= limit) {
            if (Double.isNaN(high)) {
                return "met by the mean, no error estimate (" + figures + ")";
            }
            return high <= limit ? "met (" + figures + ")"
                    : "met by the mean, not significantly: the interval reaches " + format.apply(high)
                            + " (" + figures + ")";
        }
        if (!(low > limit)) {
            return "**not shown**: mean above the limit, only the error interval reaches it (" + figures + ")";
        }
        return "**missed** by " + format.apply(low - limit) + " even at the interval's low end (" + figures + ")";
    }

    /** The drop in B/op against the pooled object's size, its interval from both B/op errors. */
    private static String bytesVerdict(Comparison comparison, ResultRow row) {
        double drop = -comparison.bytesDelta(row);
        double error = row.bytesPerOp().error() + comparison.baseline().bytesPerOp().error();
        long size = row.agent().objSize();
        String figures = "B/op drop " + MarkdownTable.number(drop) + " ± " + MarkdownTable.number(error)
                + " vs the handle's objsize " + size + " B";
        if (size == 0) {
            return "**not measured**: no cache hits (" + figures + ")";
        }
        if (drop >= size) {
            return "met (" + figures + ")";
        }
        if (drop + error >= size) {
            return "met within error: " + MarkdownTable.number(size - drop) + " B short, inside the error ("
                    + figures + ")";
        }
        return "**missed** by " + MarkdownTable.number(size - drop - error) + " B beyond the error (" + figures + ")";
    }

    private static String fixed(double value) {
        return Double.isInfinite(value) ? "∞" : String.format(Locale.ROOT, "%.3f", value);
    }
}
