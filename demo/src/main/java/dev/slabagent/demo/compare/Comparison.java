package dev.slabagent.demo.compare;

import dev.slabagent.demo.run.SlabRow;
import dev.slabagent.demo.run.WorkloadReport;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The same workload measured without and with the agent, and what follows from the figures: the verdict and the
 * machine-readable summary line ({@link SideBySide} has the tables). Figures are medians over each side's runs.
 *
 * @param baseline  the runs without the agent
 * @param agent     the runs with the agent
 * @param cacheName the slab cache whose figures the verdict reports (the seed's {@code journal_handle})
 */
public record Comparison(Series baseline, Series agent, String cacheName) {

    /** The agent's us/write over the baseline's: below 1 means the agent made writes faster. */
    public double ratio() {
        return agent.usPerWrite() / baseline.usPerWrite();
    }

    /** The cache's slabinfo row from the last agent run, if the agent printed it. */
    public Optional<SlabRow> cache() {
        return agent.cache(cacheName);
    }

    /** The cache's hits in the last agent run (0 if the agent printed no row for it). */
    public long hits() {
        return cache().map(SlabRow::hits).orElse(0L);
    }

    /**
     * One line saying whether pooling paid, computed from the figures: a difference within half the range of
     * either side's runs is called a tie.
     */
    public String verdict() {
        Difference time = difference(WorkloadReport::usPerWrite);
        Difference bytes = difference(WorkloadReport::bytesPerWrite);
        String outcome = time.lower() && bytes.lower() ? "paid"
                : time.lower() ? (bytes.higher() ? "paid in time but not in allocation" : "paid in time")
                : bytes.lower() ? (time.higher() ? "saved allocation but cost time" : "paid in allocation")
                : time.higher() || bytes.higher() ? "did not pay" : "made no measurable difference";
        String timeText = String.format(Locale.ROOT, "%s per write (%.3f -> %.3f us, ratio %.3f, %s)",
                time.describe("faster", "slower", "as fast"), baseline.usPerWrite(), agent.usPerWrite(), ratio(),
                noise("%.3f us", time));
        String bytesText = String.format(Locale.ROOT, "%s per write (%.1f -> %.1f B, %s)",
                bytes.describe(String.format(Locale.ROOT, "%.1f B less allocated", -bytes.delta()),
                        String.format(Locale.ROOT, "%.1f B more allocated", bytes.delta()), "as much allocated"),
                baseline.bytesPerWrite(), agent.bytesPerWrite(), noise("%.1f B", bytes));
        String reuse = cache().map(row -> String.format(Locale.ROOT, "%s reused %.1f%% of its %d allocations",
                        cacheName, row.allocs() == 0 ? 0.0 : 100.0 * row.hits() / row.allocs(), row.allocs()))
                .orElse("the agent reported no " + cacheName + " cache, so nothing was pooled");
        return "verdict: pooling " + cacheName + " " + outcome + ": " + timeText + ", " + bytesText + "; " + reuse
                + " (scripts/bench.sh measures write() with JMH)";
    }

    /** The agent's median minus the baseline's, and the larger half range of the two sides' runs. */
    private record Difference(double delta, double noise) {
        boolean lower() {
            return delta < -noise;
        }

        boolean higher() {
            return delta > noise;
        }

        String describe(String lower, String higher, String tie) {
            return lower() ? lower : higher() ? higher : tie + " within the noise";
        }
    }

    /** "noise +-X" from the runs' range, or that a side has a single run and the noise is unknown. */
    private String noise(String format, Difference difference) {
        return Math.min(baseline.runs().size(), agent.runs().size()) < 2
                ? "noise unknown: one run on a side, use --rounds 3 or more"
                : "noise +-" + String.format(Locale.ROOT, format, difference.noise());
    }

    private Difference difference(ToDoubleFunction<WorkloadReport> figure) {
        return new Difference(agent.median(figure) - baseline.median(figure),
                Math.max(agent.halfRange(figure), baseline.halfRange(figure)));
    }

    /** The machine-readable line (a contract: tests outside this repo parse it). */
    public String summaryLine() {
        return String.format(Locale.ROOT, "summary: baseline_us_per_write=%.4f agent_us_per_write=%.4f ratio=%.4f"
                        + " baseline_bytes_per_write=%.1f agent_bytes_per_write=%.1f hits=%d",
                baseline.usPerWrite(), agent.usPerWrite(), ratio(), baseline.bytesPerWrite(), agent.bytesPerWrite(),
                hits());
    }
}
