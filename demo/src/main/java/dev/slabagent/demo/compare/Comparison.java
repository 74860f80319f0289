package dev.slabagent.demo.compare;

import dev.slabagent.demo.run.SlabRow;
import dev.slabagent.demo.run.WorkloadReport;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The same workload measured without and with the agent, and what follows from the figures: the table rows, the
 * verdict and the machine-readable summary line.
 *
 * @param baseline  the run without the agent
 * @param agent     the run with the agent
 * @param cacheName the slab cache whose figures the verdict reports (the seed's {@code journal_handle})
 */
public record Comparison(WorkloadReport baseline, WorkloadReport agent, String cacheName) {

    /** The agent's us/write over the baseline's: below 1 means the agent made writes faster. */
    public double ratio() {
        return agent.usPerWrite() / baseline.usPerWrite();
    }

    /** The agent's bytes per write minus the baseline's: negative means the agent saved allocation. */
    public double bytesSavedPerWrite() {
        return baseline.bytesPerWrite() - agent.bytesPerWrite();
    }

    /** The cache's slabinfo row from the agent run, if the agent printed it. */
    public Optional<SlabRow> cache() {
        return agent.cache(cacheName);
    }

    /** The cache's hits (0 if the agent printed no row for it). */
    public long hits() {
        return cache().map(SlabRow::hits).orElse(0L);
    }

    /** The figures of both runs as an aligned table with a header line. */
    public List<String> table() {
        String format = "%-10s %10s %8s %10s %12s %6s %7s %8s";
        return List.of(
                String.format(Locale.ROOT, format, "run", "writes", "threads", "us/write", "bytes/write", "GCs",
                        "GC ms", "commits"),
                row(format, "no agent", baseline),
                row(format, "agent", agent));
    }

    /** One line saying whether pooling paid on this run, computed from the figures. */
    public String verdict() {
        double ratio = ratio();
        double saved = bytesSavedPerWrite();
        boolean faster = ratio < 1;
        boolean leaner = saved > 0;
        String outcome = faster && leaner ? "paid"
                : faster ? "paid in time but not in allocation"
                : leaner ? "saved allocation but cost time"
                : "did not pay";
        String time = String.format(Locale.ROOT, "%.1f%% %s per write (%.3f -> %.3f us)",
                Math.abs(1 - ratio) * 100, faster ? "faster" : "slower", baseline.usPerWrite(), agent.usPerWrite());
        String bytes = String.format(Locale.ROOT, "%.1f B %s allocated per write (%.1f -> %.1f)",
                Math.abs(saved), leaner ? "less" : "more", baseline.bytesPerWrite(), agent.bytesPerWrite());
        String reuse = cache().map(row -> String.format(Locale.ROOT, "%s reused %.1f%% of its %d handles",
                        cacheName, row.allocs() == 0 ? 0.0 : 100.0 * row.hits() / row.allocs(), row.allocs()))
                .orElse("the agent reported no " + cacheName + " cache, so nothing was pooled");
        return "verdict: pooling " + cacheName + " " + outcome + " on this run: " + time + ", " + bytes + "; "
                + reuse + " (one run each; scripts/bench.sh measures with JMH)";
    }

    /** The machine-readable line (a contract: tests outside this repo parse it). */
    public String summaryLine() {
        return String.format(Locale.ROOT, "summary: baseline_us_per_write=%.4f agent_us_per_write=%.4f ratio=%.4f"
                        + " baseline_bytes_per_write=%.1f agent_bytes_per_write=%.1f hits=%d",
                baseline.usPerWrite(), agent.usPerWrite(), ratio(), baseline.bytesPerWrite(), agent.bytesPerWrite(),
                hits());
    }

    private static String row(String format, String name, WorkloadReport run) {
        return String.format(Locale.ROOT, format, name, run.writes(), run.threads(),
                String.format(Locale.ROOT, "%.3f", run.usPerWrite()),
                String.format(Locale.ROOT, "%.1f", run.bytesPerWrite()), run.gcCount(), run.gcMillis(), run.commits());
    }
}
