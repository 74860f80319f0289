package dev.slabagent.agent.transform;

/**
 * A switched-on cache as the transformer sees it.
 *
 * @param plan      what to rewrite
 * @param releaseId its release points' id in {@link dev.slabagent.runtime.alloc.Release}
 */
public record Rewrite(CachePlan plan, int releaseId) {
}
