package dev.slabagent.runtime.management;

import dev.slabagent.runtime.SlabStats;
import java.beans.ConstructorProperties;

/**
 * One cache's slabinfo row taken at one moment: the {@code Stats} attribute of its {@link CacheMXBean}, a composite
 * whose items always agree ({@code allocs = hits + misses}), which separate attributes read one by one need not.
 */
public final class CacheStats {

    private final String name;
    private final long activeObjs;
    private final long numObjs;
    private final long objSize;
    private final long allocs;
    private final long frees;
    private final long hits;
    private final long misses;
    private final String state;
    private final long hazards;

    /** The row's figures, in slabinfo's column order, then the release rule's state and its hazards. */
    @ConstructorProperties({"name", "activeObjs", "numObjs", "objSize", "allocs", "frees", "hits", "misses", "state",
            "hazards"})
    public CacheStats(String name, long activeObjs, long numObjs, long objSize, long allocs, long frees, long hits,
                      long misses, String state, long hazards) {
        this.name = name;
        this.activeObjs = activeObjs;
        this.numObjs = numObjs;
        this.objSize = objSize;
        this.allocs = allocs;
        this.frees = frees;
        this.hits = hits;
        this.misses = misses;
        this.state = state;
        this.hazards = hazards;
    }

    static CacheStats of(SlabStats s) {
        return new CacheStats(s.name(), s.activeObjs(), s.numObjs(), s.objSize(), s.allocs(), s.frees(), s.hits(),
                s.misses(), s.state(), s.hazards());
    }

    /** @return the cache's name */
    public String getName() {
        return name;
    }

    /** @return objects handed out and not yet freed */
    public long getActiveObjs() {
        return activeObjs;
    }

    /** @return active objects plus free objects held */
    public long getNumObjs() {
        return numObjs;
    }

    /** @return shallow size of one object in bytes */
    public long getObjSize() {
        return objSize;
    }

    /** @return allocation requests */
    public long getAllocs() {
        return allocs;
    }

    /** @return objects given back */
    public long getFrees() {
        return frees;
    }

    /** @return allocations served from the cache */
    public long getHits() {
        return hits;
    }

    /** @return allocations that created a new object */
    public long getMisses() {
        return misses;
    }

    /** @return {@code verifying}, {@code live}, {@code off: hazard}, or {@code off} for a replaced or detached cache */
    public String getState() {
        return state;
    }

    /** @return hazards the cache's verification found */
    public long getHazards() {
        return hazards;
    }
}
