package dev.slabagent.demo.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figures of one measured jbd-target workload run: jbd-target's own result line
 * ({@code writes=N threads=T us_per_write=X commits=C}), the probe's lines of bytes allocated by thread
 * ({@code thread_allocated_bytes=B name=NAME}) and in all with the GC's work ({@code allocated_bytes=A gc_count=G
 * gc_ms=M}), and the slabinfo table if the agent printed one.
 */
public record WorkloadReport(long writes, int threads, double usPerWrite, long commits,
                             long allocatedBytes, long gcCount, long gcMillis, List<SlabRow> slabinfo,
                             Map<String, Long> bytesByThread) {

    private static final String THREAD_BYTES = "thread_allocated_bytes=";
    private static final String THREAD_NAME = " name=";

    /** A report without a per-thread breakdown. */
    public WorkloadReport(long writes, int threads, double usPerWrite, long commits, long allocatedBytes,
                          long gcCount, long gcMillis, List<SlabRow> slabinfo) {
        this(writes, threads, usPerWrite, commits, allocatedBytes, gcCount, gcMillis, slabinfo, Map.of());
    }

    /** Bytes allocated per write by the threads named {@code thread} (0 if there were none). */
    public double bytesPerWrite(String thread) {
        return writes == 0 ? 0 : (double) bytesByThread.getOrDefault(thread, 0L) / writes;
    }

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
                SlabRow.parseAll(run.stderr()),
                bytesByThread(run.stdout()));
    }

    private static Map<String, Long> bytesByThread(String stdout) {
        Map<String, Long> bytes = new TreeMap<>();
        stdout.lines().filter(line -> line.startsWith(THREAD_BYTES) && line.contains(THREAD_NAME)).forEach(line -> {
            int name = line.indexOf(THREAD_NAME);
            bytes.merge(line.substring(name + THREAD_NAME.length()),
                    Long.parseLong(line.substring(THREAD_BYTES.length(), name)), Long::sum);
        });
        return bytes;
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
