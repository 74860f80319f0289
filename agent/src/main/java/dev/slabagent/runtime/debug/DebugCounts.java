package dev.slabagent.runtime.debug;

/**
 * The bugs slab debugging has found in one cache: the three columns slabinfo shows after the standard eight
 * when debugging is on ({@code double_frees use_after_free leaked}).
 *
 * @param doubleFrees  releases of an object that was already free in the cache
 * @param useAfterFree field reads, field writes and method calls on an object free in the cache
 * @param leaked       objects handed out that the GC collected without their being released
 */
public record DebugCounts(long doubleFrees, long useAfterFree, long leaked) {

    /** No bug found. */
    public static final DebugCounts NONE = new DebugCounts(0, 0, 0);
}
