package dev.slabagent.demo.report;

import dev.slabagent.demo.bench.JournalCommitBench;
import dev.slabagent.demo.bench.suite.SuiteBenchmark;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The targets of the seed patch's handle cache and of the frozen-copy array cache, checked against the measured results: each line says met or missed, with
 * the figure, its error and the limit, or that the result is missing. The verdicts come from the numbers only.
 */
final class Targets {
    private static final String WRITE = SuiteBenchmark.JOURNAL_WRITE.shortName();
    private static final String COMMIT = SuiteBenchmark.JOURNAL_COMMIT.shortName();
    private static final String ROUND_TRIP = SuiteBenchmark.HANDLE_ROUND_TRIP.shortName();
    private static final String ARRAY_ROUND_TRIP = SuiteBenchmark.ARRAY_ROUND_TRIP.shortName();
    private static final String PRESERVE = "magazine-preserve";
    /** The configurations that pool every per-write site of jbd-target: handles and frozen copies. */
    private static final List<String> EVERY_SITE = List.of("magazine-frozen", "magazine-frozen-nozero");
    /** The patched kernel's time per write(), in ns. */
    private static final double KERNEL_WRITE_NS = 1560;
    /** The round-trip target for magazine + preserve, in ns (below SLUB's ~10.5 ns fast path). */
    private static final double ROUND_TRIP_NS = 5;
    /** The bytes of the frozen copies one commit-path operation makes. */
    private static final double FROZEN_SHARE = (double) JournalCommitBench.WRITES * JournalCommitBench.FROZEN_COPY_BYTES;

    private final List<Comparison> comparisons;

    private Targets(List<Comparison> comparisons) {
        this.comparisons = comparisons;
    }

    /**
     * @param comparisons the suite's results
     * @return a Markdown list per cache, one line per target, configuration and thread count
     */
    static String render(List<Comparison> comparisons) {
        Targets targets = new Targets(comparisons);
        return "### Targets: the seed patch\n\n" + targets.handleTargets() + "\n### Targets: the frozen-copy cache\n\n"
                + targets.frozenCopyTargets();
    }

    private String handleTargets() {
        StringBuilder out = new StringBuilder();
        for (int threads : List.of(1, 2)) {
            out.append(check(WRITE, threads, Map.of(), "magazine",
                    "write() handle bytes with magazine: B/op drops by the handle's size or more",
                    (c, r) -> Verdicts.bytesDrop(-c.bytesDelta(r), r.bytesPerOp().error()
                            + c.baseline().bytesPerOp().error(), r.agent().objSize(), "the handle's objsize")));
            out.append(check(WRITE, threads, Map.of(), PRESERVE,
                    "write() with magazine + preserve no slower than the baseline (ratio <= 1.00 within error)",
                    (c, r) -> Verdicts.ratio(c.ratio(r), 1.0)));
            for (String config : EVERY_SITE) {
                out.append(check(WRITE, threads, Map.of(), config,
                        "write() with every per-write site pooled (" + config + "): ratio <= 0.957 (the seed's gain)",
                        (c, r) -> Verdicts.ratio(c.ratio(r), 0.957)));
            }
            out.append(check(WRITE, threads, Map.of(), PRESERVE, "write() <= 1.56 us/op (the patched kernel)",
                    (c, r) -> Verdicts.limit(r.time(), KERNEL_WRITE_NS)));
        }
        out.append(check(ROUND_TRIP, 1, Map.of(), PRESERVE,
                "magazine + preserve alloc+free round trip <= 5 ns on one thread",
                (c, r) -> Verdicts.limit(r.time(), ROUND_TRIP_NS)));
        out.append(check(ROUND_TRIP, 1, Map.of(), PRESERVE,
                "magazine + preserve round trip at or below plain new (ratio <= 1.00 within error)",
                (c, r) -> Verdicts.ratio(c.ratio(r), 1.0)));
        return out.toString();
    }

    private String frozenCopyTargets() {
        StringBuilder out = new StringBuilder();
        for (String config : EVERY_SITE) {
            out.append(check(COMMIT, 1, Map.of(), config, "commit path with the frozen-copy cache (" + config
                            + "): B/op below magazine-preserve's by at least the frozen copies' share",
                    (c, r) -> c.row(PRESERVE) == null ? "**not measured** (no " + PRESERVE + " result)"
                            : Verdicts.bytesDrop(c.row(PRESERVE).bytesPerOp().score() - r.bytesPerOp().score(),
                                    c.row(PRESERVE).bytesPerOp().error() + r.bytesPerOp().error(),
                                    r.agent().hits() > 0 ? FROZEN_SHARE : 0, JournalCommitBench.WRITES
                                            + " frozen copies")));
        }
        out.append(check(ARRAY_ROUND_TRIP, 1, Map.of("zero", "false"), "magazine",
                "4 KiB round trip with zero=false faster than new byte[4096] (ratio < 1.00)",
                (c, r) -> Verdicts.ratio(c.ratio(r), 1.0)));
        return out.toString();
    }

    private String check(String benchmark, int threads, Map<String, String> params, String config, String target,
            BiFunction<Comparison, ResultRow, String> verdict) {
        String line = "- " + target + ", " + threads + " thread(s): ";
        for (Comparison comparison : comparisons) {
            ResultRow row = comparison.row(config);
            if (row != null && row.benchmark().equals(benchmark) && row.threads() == threads
                    && row.params().equals(params) && comparison.baseline() != null) {
                return line + verdict.apply(comparison, row) + "\n";
            }
        }
        return line + "**not measured** (no " + config + " and baseline results)\n";
    }
}
