package dev.slabagent.runtime;

import java.util.Collection;

/** Formats the slabinfo table, the one view of the caches shared by {@code report=exit}, the CLI and the docs. */
public final class SlabInfo {

    /** The table's first line; a contract (tests outside this repository parse it). */
    public static final String HEADER = "# name active_objs num_objs objsize allocs frees hits misses";

    private SlabInfo() {
    }

    /**
     * Formats the header line then one line per cache, fields separated by one space, numbers in decimal,
     * every line ending with {@code '\n'}.
     *
     * @param stats the caches' figures, printed in iteration order
     * @return the table
     */
    public static String format(Collection<SlabStats> stats) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (SlabStats s : stats) {
            out.append(s.name())
                    .append(' ').append(s.activeObjs())
                    .append(' ').append(s.numObjs())
                    .append(' ').append(s.objSize())
                    .append(' ').append(s.allocs())
                    .append(' ').append(s.frees())
                    .append(' ').append(s.hits())
                    .append(' ').append(s.misses())
                    .append('\n');
        }
        return out.toString();
    }
}
