package dev.slabagent.runtime.management;

/**
 * One slab cache as JMX shows it ({@code slab.agent:type=Cache,name=NAME}): the slabinfo figures as attributes,
 * and operations to switch the cache on and off.
 */
public interface CacheMXBean {

    /** The cache's name. */
    String getName();

    /** The slabinfo row taken at one moment: its items always agree, as separate attributes read one by one need not. */
    CacheStats getStats();

    /** {@code new}, {@code locked} or {@code magazine}. */
    String getStrategy();

    /** Most free objects the cache keeps. */
    int getCapacity();

    /** Objects handed out and not yet freed. */
    long getActiveObjs();

    /** Active objects plus free objects held. */
    long getNumObjs();

    /** Shallow size of one object in bytes. */
    long getObjSize();

    /** Allocation requests. */
    long getAllocs();

    /** Objects given back. */
    long getFrees();

    /** Allocations served from the cache. */
    long getHits();

    /** Allocations that created a new object. */
    long getMisses();

    /** Requests the cache could not serve (e.g. array lengths it does not hold), counted apart. */
    long getUnserved();

    /** Frees refused because the object was already the last one freed into the cache (a double free caught always). */
    long getRefusedFrees();

    /**
     * Where the cache's release rule stands: {@code verifying}, {@code live}, {@code off: hazard}, or {@code off} once
     * the cache is gone (its config replaced or detached).
     */
    String getState();

    /** Releases of objects still in use, or released twice, that the cache's verification found. */
    long getHazards();

    /** Whether the cache is switched on. */
    boolean isEnabled();

    /** Slab debugging: {@code off}, {@code on} or {@code fail}. */
    String getDebug();

    /** Releases of an object already free in the cache (slab debugging). */
    long getDoubleFrees();

    /** Field reads and writes and method calls on an object free in the cache (slab debugging). */
    long getUseAfterFree();

    /** Objects handed out that the GC collected without their being released (slab debugging). */
    long getLeaked();

    /** Objects handed out, not released and still reachable, while slab debugging tracks them. */
    long getInFlight();

    /** The slab debugging report: counts, objects in flight, and allocation stacks of sampled leaks. */
    String getDebugReport();

    /**
     * Switches the cache on.
     *
     * @return a status line
     * @throws IllegalStateException with a one-line reason if it cannot be done
     */
    String enable();

    /**
     * Switches the cache off.
     *
     * @return a status line
     * @throws IllegalStateException with a one-line reason if it cannot be done
     */
    String disable();

    /**
     * Sets slab debugging of the cache: {@code off}, {@code on} or {@code fail}; the cache's classes are
     * retransformed with or without the use-after-free checks.
     *
     * @return a status line
     * @throws IllegalStateException with a one-line reason if it cannot be done
     */
    String debug(String mode);

    /** {@code debug("on")}. */
    String enableDebug();

    /** {@code debug("off")}. */
    String disableDebug();
}
