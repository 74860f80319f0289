package dev.slabagent.runtime.management;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabStats;
import java.util.function.Supplier;

/** The {@link CacheMXBean} of one cache: reads its figures on every call, delegates switching to the installer. */
final class CacheMonitor implements CacheMXBean {

    private final SlabCache cache;
    private final Supplier<CacheSwitch> cacheSwitch;

    CacheMonitor(SlabCache cache, Supplier<CacheSwitch> cacheSwitch) {
        this.cache = cache;
        this.cacheSwitch = cacheSwitch;
    }

    private SlabStats stats() {
        return cache.stats();
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

    /** True without an installer: a cache nobody can switch is in use as registered. */
    @Override
    public boolean isEnabled() {
        CacheSwitch s = cacheSwitch.get();
        return s == null || s.isEnabled(cache.name());
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
