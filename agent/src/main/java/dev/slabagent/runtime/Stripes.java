package dev.slabagent.runtime;

/**
 * How many stripes per-thread state is spread over: the power of two at or above twice the processors, so that
 * threads with consecutive ids, picking stripe {@code id & (count - 1)}, get different ones.
 */
public final class Stripes {
    private Stripes() {
    }

    /** The stripes for {@code processors} processors. */
    public static int count(int processors) {
        return Integer.highestOneBit(Math.max(1, 2 * processors - 1)) * 2;
    }

    /** The stripes for this machine's processors. */
    public static int forThisMachine() {
        return count(Runtime.getRuntime().availableProcessors());
    }
}
