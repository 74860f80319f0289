package dev.slabagent.runtime.management;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabStats;
import dev.slabagent.runtime.debug.DebugCounts;
import dev.slabagent.runtime.debug.DebugMode;
import dev.slabagent.runtime.debug.SlabDebug;
import java.util.function.Supplier;

/**
 * The {@link CacheMXBean} of one cache: reads its figures on every call (or from the snapshot pinned for a read of
 * several attributes, see {@link SnapshotMBean}), delegates switching to the installer.
 */
final class CacheMonitor implements CacheMXBean {

    private final SlabCache cache;
    private final Supplier<CacheSwitch> cacheSwitch;

    CacheMonitor(SlabCache cache, Supplier<CacheSwitch> cacheSwitch) {
        this.cache = cache;
        this.cacheSwitch = cacheSwitch;
    }

    private final ThreadLocal<SlabStats> pinned = new ThreadLocal<>();

    private SlabStats stats() {
        SlabStats s = pinned.get();
        return s != null ? s : cache.stats();
    }

    /** Runs {@code read} with one snapshot of the figures answering every getter it calls on this thread. */
    <T> T pinned(Supplier<T> read) {
        pinned.set(cache.stats());
        try {
            return read.get();
        } finally {
            pinned.remove();
        }
    }

    @Override
    public CacheStats getStats() {
        return CacheStats.of(stats());
    }

    @Override
    public String getName() {
        return cache.name();
    }

    @Override
    public String getStrategy() {
        return cache.strategy().configName();
    }

    @Override
    public int getCapacity() {
        return cache.capacity();
    }

    @Override
    public long getActiveObjs() {
        return stats().activeObjs();
    }

    @Override
    public long getNumObjs() {
        return stats().numObjs();
    }

    @Override
    public long getObjSize() {
        return stats().objSize();
    }

    @Override
    public long getAllocs() {
        return stats().allocs();
    }

    @Override
    public long getFrees() {
        return stats().frees();
    }

    @Override
    public long getHits() {
        return stats().hits();
    }

    @Override
    public long getMisses() {
        return stats().misses();
    }

    @Override
    public long getUnserved() {
        return cache.unserved();
    }

    @Override
    public long getRefusedFrees() {
        return cache.refusedFrees();
    }

    @Override
    public String getState() {
        return stats().state();
    }

    @Override
    public long getHazards() {
        return stats().hazards();
    }

    /** True without an installer: a cache nobody can switch is in use as registered. */
    @Override
    public boolean isEnabled() {
        CacheSwitch s = cacheSwitch.get();
        return s == null || s.isEnabled(cache.name());
    }

    @Override
    public String getDebug() {
        SlabDebug d = cache.debug();
        return (d == null ? DebugMode.OFF : d.mode()).configName();
    }

    @Override
    public long getDoubleFrees() {
        return debugCounts().doubleFrees();
    }

    @Override
    public long getUseAfterFree() {
        return debugCounts().useAfterFree();
    }

    @Override
    public long getLeaked() {
        return debugCounts().leaked();
    }

    @Override
    public long getInFlight() {
        SlabDebug d = cache.debug();
        return d == null ? 0 : d.inFlight();
    }

    @Override
    public String getDebugReport() {
        SlabDebug d = cache.debug();
        return d == null ? "" : d.report();
    }

    private DebugCounts debugCounts() {
        SlabDebug d = cache.debug();
        return d == null ? DebugCounts.NONE : d.counts();
    }

    @Override
    public String debug(String mode) {
        DebugMode m;
        try {
            m = DebugMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(cache.name() + ": debug mode " + e.getMessage());
        }
        return installed().debug(cache.name(), m);
    }

    @Override
    public String enableDebug() {
        return debug(DebugMode.ON.configName());
    }

    @Override
    public String disableDebug() {
        return debug(DebugMode.OFF.configName());
    }

    @Override
    public String enable() {
        return installed().enable(cache.name());
    }

    @Override
    public String disable() {
        return installed().disable(cache.name());
    }

    private CacheSwitch installed() {
        CacheSwitch s = cacheSwitch.get();
        if (s == null) {
            throw new IllegalStateException(cache.name() + ": cannot be switched: no slab-agent installer in this JVM");
        }
        return s;
    }
}
