package dev.slabagent.agent.transform;

import dev.slabagent.runtime.debug.DebugMode;

/**
 * A switched-on cache as the transformer sees it.
 *
 * @param plan      what to rewrite
 * @param releaseId its release points' id in {@link dev.slabagent.runtime.alloc.Release}
 * @param debug     its slab debugging: with {@link DebugMode#ON} or {@link DebugMode#FAIL} the use-after-free checks
 *                  are added, and with {@code FAIL} the release code lets the debugger's exception through
 */
public record Rewrite(CachePlan plan, int releaseId, DebugMode debug) {

    /** A cache without slab debugging. */
    public Rewrite(CachePlan plan, int releaseId) {
        this(plan, releaseId, DebugMode.OFF);
    }
}
