package dev.slabagent.runtime;

import dev.slabagent.runtime.debug.DebugCounts;
import java.util.Collection;

/** Formats the slabinfo table, the one view of the caches shared by {@code report=exit}, the CLI and the docs. */
public final class SlabInfo {

    /** The table's first line; a contract (tests outside this repository parse it). */
    public static final String HEADER = "# name active_objs num_objs objsize allocs frees hits misses";

    /** The columns that follow the standard eight when any cache is debugged; a contract too. */
    public static final String DEBUG_COLUMNS = " double_frees use_after_free leaked";

    /**
     * The columns that follow (after any debug columns) when any cache is not live or found a hazard: its hazard
     * count and its state ({@code verifying}, {@code live}, {@code off: hazard}, the one value with a blank, or
     * {@code off}), last.
     */
    public static final String VERIFY_COLUMNS = " hazards state";

    private SlabInfo() {
    }

    /**
     * Formats the header line then one line per cache, fields separated by one space, numbers in decimal,
     * every line ending with {@code '\n'}. If any cache has been debugged, every line has the three
     * {@link #DEBUG_COLUMNS} too (zeros for a cache that never was); if any cache is not live (still verifying, or
     * off after a hazard) or found a hazard, every line has the {@link #VERIFY_COLUMNS}.
     *
     * @param stats the caches' figures, printed in iteration order
     * @return the table
     */
    public static String format(Collection<SlabStats> stats) {
        boolean debugged = stats.stream().anyMatch(s -> s.debug() != null);
        boolean verified = stats.stream().anyMatch(s -> !s.state().equals(SlabStats.LIVE) || s.hazards() > 0);
        StringBuilder out = new StringBuilder(HEADER).append(debugged ? DEBUG_COLUMNS : "")
                .append(verified ? VERIFY_COLUMNS : "").append('\n');
        for (SlabStats s : stats) {
            out.append(s.name())
                    .append(' ').append(s.activeObjs())
                    .append(' ').append(s.numObjs())
                    .append(' ').append(s.objSize())
                    .append(' ').append(s.allocs())
                    .append(' ').append(s.frees())
                    .append(' ').append(s.hits())
                    .append(' ').append(s.misses());
            if (debugged) {
                DebugCounts d = s.debug() == null ? DebugCounts.NONE : s.debug();
                out.append(' ').append(d.doubleFrees()).append(' ').append(d.useAfterFree()).append(' ').append(d.leaked());
            }
            if (verified) {
                out.append(' ').append(s.hazards()).append(' ').append(s.state());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
