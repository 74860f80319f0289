package dev.slabagent.demo.compare;

import dev.slabagent.demo.run.SlabRow;
import dev.slabagent.demo.run.WorkloadReport;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Repeated runs of one configuration (each in its own JVM): their medians, and how far apart they are.
 *
 * @param runs at least one run
 */
public record Series(List<WorkloadReport> runs) {

    /** Copies the runs; there must be at least one. */
    public Series {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one run");
        }
        runs = List.copyOf(runs);
    }

    /** The median of {@code figure} over the runs (the mean of the middle two for an even count). */
    public double median(ToDoubleFunction<WorkloadReport> figure) {
        double[] sorted = runs.stream().mapToDouble(figure).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Median microseconds per write. */
    public double usPerWrite() {
        return median(WorkloadReport::usPerWrite);
    }

    /** Median bytes allocated per write. */
    public double bytesPerWrite() {
        return median(WorkloadReport::bytesPerWrite);
    }

    /** The smallest value of {@code figure} over the runs. */
    public double min(ToDoubleFunction<WorkloadReport> figure) {
        return runs.stream().mapToDouble(figure).min().orElseThrow();
    }

    /** The largest value of {@code figure} over the runs. */
    public double max(ToDoubleFunction<WorkloadReport> figure) {
        return runs.stream().mapToDouble(figure).max().orElseThrow();
    }

    /** Half the range of {@code figure} over the runs: how much one run may differ by chance (0 for one run). */
    public double halfRange(ToDoubleFunction<WorkloadReport> figure) {
        return (max(figure) - min(figure)) / 2;
    }

    /** The last run, the one whose slabinfo is shown. */
    public WorkloadReport last() {
        return runs.get(runs.size() - 1);
    }

    /** The slabinfo row of cache {@code name} printed by the last run, if any. */
    public Optional<SlabRow> cache(String name) {
        return last().cache(name);
    }
}
