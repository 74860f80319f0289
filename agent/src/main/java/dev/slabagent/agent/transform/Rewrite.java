package dev.slabagent.agent.transform;

/**
 * A switched-on cache as the transformer sees it.
 *
 * @param plan      what to rewrite
 * @param releaseId the id its release points pass to {@link dev.slabagent.runtime.alloc.Release#free}
 */
public record Rewrite(CachePlan plan, int releaseId) {
}
