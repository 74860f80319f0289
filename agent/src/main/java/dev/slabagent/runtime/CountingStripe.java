package dev.slabagent.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One stripe of a {@link NewCache}'s counters: the misses and frees of the thread that holds its lease, written with
 * opaque stores and no atomic read-modify-write, so no cache line is written by two threads on the fast path. Padded
 * before and after as a {@link MagazineStripe} is.
 */
final class CountingStripe extends CountingState {

    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;
}

/** The counters of a {@link CountingStripe}. "Holder only" methods are for the thread that holds the lease. */
abstract class CountingState extends LeasedStripe {

    private static final VarHandle MISSES;
    private static final VarHandle FREES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MISSES = lookup.findVarHandle(CountingState.class, "misses", long.class);
            FREES = lookup.findVarHandle(CountingState.class, "frees", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long misses;
    private long frees;

    /** Holder only: counts one allocation (always a miss: nothing is kept). */
    final void miss() {
        MISSES.setOpaque(this, misses + 1);
    }

    /** Holder only: counts one free. */
    final void free() {
        FREES.setOpaque(this, frees + 1);
    }

    /** Allocations counted here (racy but never torn). */
    final long misses() {
        return (long) MISSES.getOpaque(this);
    }

    /** Frees counted here (racy but never torn). */
    final long frees() {
        return (long) FREES.getOpaque(this);
    }
}
