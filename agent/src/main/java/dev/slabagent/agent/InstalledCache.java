package dev.slabagent.agent;

import dev.slabagent.agent.transform.CachePlan;
import dev.slabagent.agent.transform.Rewrite;
import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.debug.DebugMode;
import dev.slabagent.runtime.debug.SlabDebug;

/**
 * A validated cache of the current config, its runtime cache and release id, whether it is switched on, and its
 * slab debugging mode.
 */
final class InstalledCache {

    private final CachePlan plan;
    private final SlabCache cache;
    private final int releaseId;
    private boolean enabled = true;
    private DebugMode debug = DebugMode.OFF;

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
        syncDebug();
    }

    DebugMode debug() {
        return debug;
    }

    /** Sets the debugging mode; the cache gets its {@link SlabDebug} the first time it is not off. */
    void debug(DebugMode mode) {
        debug = mode;
        if (mode != DebugMode.OFF && cache.debug() == null) {
            cache.debug(new SlabDebug(name(), plan.spec().preserve()));
        }
        syncDebug();
    }

    /** Objects are tracked only while the cache is on and debugged (objects left out when it goes off are the GC's). */
    private void syncDebug() {
        SlabDebug d = cache.debug();
        if (d != null) {
            d.set(debug, enabled);
        }
    }

    Rewrite rewrite() {
        return new Rewrite(plan, releaseId, debug);
    }
}
