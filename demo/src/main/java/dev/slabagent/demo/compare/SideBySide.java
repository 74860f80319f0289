package dev.slabagent.demo.compare;

import dev.slabagent.demo.run.WorkloadReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The same workload's figures under several configurations, as aligned tables: one row per configuration, and
 * bytes per write by thread with each configuration's difference to the first one.
 *
 * @param sides the configurations, the reference (no agent) first
 */
public record SideBySide(List<Side> sides) {

    /**
     * One configuration's runs.
     *
     * @param label its name in the tables
     * @param series its runs
     */
    public record Side(String label, Series series) {
    }

    /** Copies the sides; there must be at least one. */
    public SideBySide {
        if (sides.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        sides = List.copyOf(sides);
    }

    /** Each configuration's median figures, the range of its us/write and the last run's writes and commits. */
    public List<String> table() {
        String format = "%-9s %5s %8s %7s %10s %17s %12s %5s %6s %7s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, format, "run", "runs", "writes", "threads", "us/write", "us/write range",
                "bytes/write", "GCs", "GC ms", "commits"));
        for (Side side : sides) {
            Series series = side.series();
            WorkloadReport last = series.last();
            lines.add(String.format(Locale.ROOT, format, side.label(), series.runs().size(), last.writes(),
                    last.threads(), String.format(Locale.ROOT, "%.3f", series.usPerWrite()),
                    String.format(Locale.ROOT, "%.3f-%.3f", series.min(WorkloadReport::usPerWrite),
                            series.max(WorkloadReport::usPerWrite)),
                    String.format(Locale.ROOT, "%.1f", series.bytesPerWrite()),
                    String.format(Locale.ROOT, "%.0f", series.median(WorkloadReport::gcCount)),
                    String.format(Locale.ROOT, "%.0f", series.median(WorkloadReport::gcMillis)), last.commits()));
        }
        return lines;
    }

    /**
     * Median bytes allocated per write by each thread name under each configuration, then each other
     * configuration's difference to the first ({@code Δ LABEL}); threads that allocated less than a byte per write
     * everywhere are left out.
     */
    public List<String> threadTable() {
        List<String> header = new ArrayList<>(List.of("thread"));
        sides.forEach(side -> header.add(side.label()));
        sides.stream().skip(1).forEach(side -> header.add("Δ " + side.label()));
        List<String> lines = new ArrayList<>();
        lines.add(threadLine(header));
        Set<String> names = new TreeSet<>();
        sides.forEach(side -> side.series().runs().forEach(run -> names.addAll(run.bytesByThread().keySet())));
        for (String name : names) {
            double[] medians = sides.stream().mapToDouble(side -> side.series().median(run -> run.bytesPerWrite(name)))
                    .toArray();
            if (Arrays.stream(medians).anyMatch(bytes -> bytes >= 1)) {
                List<String> cells = new ArrayList<>(List.of(name));
                for (double bytes : medians) {
                    cells.add(String.format(Locale.ROOT, "%.1f B", bytes));
                }
                for (int i = 1; i < medians.length; i++) {
                    cells.add(String.format(Locale.ROOT, "%+.1f B", medians[i] - medians[0]));
                }
                lines.add(threadLine(cells));
            }
        }
        return lines;
    }

    private static String threadLine(List<String> cells) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s", cells.get(0)));
        cells.stream().skip(1).forEach(cell -> line.append(String.format(Locale.ROOT, " %12s", cell)));
        return line.toString();
    }
}
