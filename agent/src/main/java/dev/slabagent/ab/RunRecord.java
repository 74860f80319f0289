package dev.slabagent.ab;

import java.util.List;

/**
 * One run of the user's command.
 *
 * @param collector   the collector it ran under
 * @param strategy    {@code baseline} or a strategy name
 * @param round       the round, from 1
 * @param failure     why the run is left out (non-zero exit, no metric in the output), or {@code null}
 * @param metric      the metric (seconds of wall time, or the number the metric pattern captured); NaN if failed
 * @param seconds     the run's wall time
 * @param jvms        how many JVMs of the run wrote a run report (0: the agent reached none)
 * @param gcCount     GC pauses, summed over those JVMs
 * @param gcMillis    GC pause time in ms, summed
 * @param allocBytes  bytes allocated, summed
 * @param caches      the configured caches' figures (none for the baseline)
 * @param stderrTail  the last lines of the command's stderr (shown for a failed run)
 */
public record RunRecord(String collector, String strategy, int round, String failure, double metric, double seconds,
                        int jvms, long gcCount, long gcMillis, long allocBytes, List<CacheRecord> caches,
                        String stderrTail) {

    /** Makes {@code caches} unmodifiable. */
    public RunRecord {
        caches = List.copyOf(caches);
    }

    /** Whether the run counts (it did not fail). */
    public boolean ok() {
        return failure == null;
    }
}
