package dev.slabagent.runtime.management;

/**
 * One slab cache as JMX shows it ({@code slab.agent:type=Cache,name=NAME}): the slabinfo figures as attributes,
 * and operations to switch the cache on and off.
 */
public interface CacheMXBean {

    /** The cache's name. */
    String getName();

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

    /** Whether the cache is switched on. */
    boolean isEnabled();

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
}
