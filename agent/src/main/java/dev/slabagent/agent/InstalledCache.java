package dev.slabagent.agent;

import dev.slabagent.agent.transform.CachePlan;
import dev.slabagent.agent.transform.Rewrite;
import dev.slabagent.runtime.SlabCache;

/** A validated cache of the current config, its runtime cache and release id, and whether it is switched on. */
final class InstalledCache {

    private final CachePlan plan;
    private final SlabCache cache;
    private final int releaseId;
    private boolean enabled = true;

    InstalledCache(CachePlan plan, SlabCache cache, int releaseId) {
        this.plan = plan;
        this.cache = cache;
        this.releaseId = releaseId;
    }

    String name() {
        return plan.spec().name();
    }

    SlabCache cache() {
        return cache;
    }

    int releaseId() {
        return releaseId;
    }

    boolean enabled() {
        return enabled;
    }

    void enabled(boolean on) {
        enabled = on;
    }

    Rewrite rewrite() {
        return new Rewrite(plan, releaseId);
    }
}
