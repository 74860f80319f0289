package dev.slabagent.runtime;

import dev.slabagent.runtime.debug.DebugCounts;

/**
 * The counters of one cache, as one slabinfo line shows them.
 *
 * @param name       the cache's name
 * @param activeObjs objects handed out and not yet freed ({@code allocs - frees}, never below 0)
 * @param numObjs    {@code activeObjs} plus the free objects the cache holds
 * @param objSize    shallow size of one object in bytes (0 until set)
 * @param allocs     allocation requests ({@code hits + misses})
 * @param frees      objects given back, kept or not
 * @param hits       allocations served from the cache
 * @param misses     allocations that had to create a new object
 * @param debug      the bugs slab debugging found, or {@code null} if the cache was never debugged
 * @param state      where the cache's release rule stands: {@code verifying}, {@code live}, {@code off: hazard}, or
 *                   {@code off} once the cache is gone (its config replaced or detached)
 * @param hazards    hazards its verification found
 */
public record SlabStats(String name, long activeObjs, long numObjs, long objSize,
                        long allocs, long frees, long hits, long misses, DebugCounts debug,
                        String state, long hazards) {

    /** The state of a cache that reuses objects. */
    public static final String LIVE = "live";

    /** The figures of a live cache that was never debugged. */
    public SlabStats(String name, long activeObjs, long numObjs, long objSize,
                     long allocs, long frees, long hits, long misses) {
        this(name, activeObjs, numObjs, objSize, allocs, frees, hits, misses, null);
    }

    /** The figures of a live cache with its debug columns ({@code null}: not debugged). */
    public SlabStats(String name, long activeObjs, long numObjs, long objSize,
                     long allocs, long frees, long hits, long misses, DebugCounts debug) {
        this(name, activeObjs, numObjs, objSize, allocs, frees, hits, misses, debug, LIVE, 0);
    }

    /** These figures with {@code counts} as the debug columns ({@code null}: not debugged). */
    public SlabStats withDebug(DebugCounts counts) {
        return new SlabStats(name, activeObjs, numObjs, objSize, allocs, frees, hits, misses, counts, state, hazards);
    }

    /** These figures with the verification's state and hazard count. */
    public SlabStats withVerification(String state, long hazards) {
        return new SlabStats(name, activeObjs, numObjs, objSize, allocs, frees, hits, misses, debug, state, hazards);
    }

    /** Free objects held by the cache: {@code numObjs - activeObjs}. */
    public long freeObjs() {
        return numObjs - activeObjs;
    }

    /** Builds the figures from raw counters, applying the slabinfo arithmetic. */
    static SlabStats of(String name, long objSize, long hits, long misses, long frees, long held) {
        long allocs = hits + misses;
        long active = Math.max(0, allocs - frees);
        return new SlabStats(name, active, active + held, objSize, allocs, frees, hits, misses);
    }
}
