package dev.slabagent.demo.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one measured jbd-target workload run: jbd-target's own result line
 * ({@code writes=N threads=T us_per_write=X commits=C}), the probe's allocation and GC line
 * ({@code allocated_bytes=A gc_count=G gc_ms=M}) and the slabinfo table if the agent printed one.
 */
public record WorkloadReport(long writes, int threads, double usPerWrite, long commits,
                             long allocatedBytes, long gcCount, long gcMillis, List<SlabRow> slabinfo) {

    /** Bytes allocated by the workload's threads per write. */
    public double bytesPerWrite() {
        return writes == 0 ? 0 : (double) allocatedBytes / writes;
    }

    /** The slabinfo row of cache {@code name}, if the agent printed one. */
    public Optional<SlabRow> cache(String name) {
        return slabinfo.stream().filter(row -> row.name().equals(name)).reduce((first, last) -> last);
    }

    /**
     * Parses a finished run's output.
     *
     * @throws IllegalStateException naming the missing line and the command if either result line is absent
     */
    public static WorkloadReport parse(ChildResult run) {
        Map<String, String> result = line(run, "writes");
        Map<String, String> probe = line(run, "allocated_bytes");
        return new WorkloadReport(
                Long.parseLong(result.get("writes")),
                Integer.parseInt(result.get("threads")),
                Double.parseDouble(result.get("us_per_write")),
                Long.parseLong(result.get("commits")),
                Long.parseLong(probe.get("allocated_bytes")),
                Long.parseLong(probe.get("gc_count")),
                Long.parseLong(probe.get("gc_ms")),
                SlabRow.parseAll(run.stderr()));
    }

    /** The key=value pairs of the last stdout line whose first pair has key {@code firstKey}. */
    private static Map<String, String> line(ChildResult run, String firstKey) {
        String found = run.stdout().lines().filter(l -> l.startsWith(firstKey + "="))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException("no '" + firstKey + "=...' line in the output of "
                        + run.commandLine() + System.lineSeparator() + run.stdout() + run.stderr()));
        Map<String, String> pairs = new HashMap<>();
        for (String pair : found.strip().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return pairs;
    }
}
