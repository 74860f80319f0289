package dev.slabagent.agent.config;

import dev.slabagent.runtime.Strategy;
import dev.slabagent.runtime.verify.OnHazard;
import java.util.List;

/**
 * One cache as the config declares it (the {@code slab.NAME.*} keys), syntax-checked; whether the class, method
 * and field exist is checked by the transform.
 *
 * @param name      the cache's name ({@code NAME})
 * @param className binary name of the class whose {@code new} sites are rewritten, or {@code null} for an array cache
 * @param array     the array shape served, or {@code null} for an object cache
 * @param release   where objects are freed
 * @param guard     the condition for freeing, or {@code null} for always
 * @param strategy  how free objects are kept (default {@link Strategy#MAGAZINE})
 * @param capacity  most free objects kept (default {@value #DEFAULT_CAPACITY})
 * @param preserve  fields whose object is kept across reuse (object caches only; empty if none)
 * @param zero      whether a reused array is zero-filled (array caches and preserved arrays; default true)
 * @param sites     package prefixes or classes whose {@code new} sites this cache serves ({@code slab.NAME.sites});
 *                  empty for the config's {@code sites}
 * @param freeOnThrow whether the release method frees the object when it exits by an exception too
 *                  ({@code slab.NAME.onthrow=free}); by default ({@code keep}) only a normal return frees it, since a
 *                  method that throws may throw because the object is misused (e.g. released twice)
 * @param checks    how the release rule is proven before and while objects are reused
 */
public record CacheSpec(String name, String className, ArraySpec array, ReleasePoint release, Guard guard,
                        Strategy strategy, int capacity, List<String> preserve, boolean zero,
                        List<String> sites, boolean freeOnThrow, Checks checks) {

    /**
     * Releases watched before reuse when {@code slab.NAME.verify} is absent: enough for the release paths a program
     * takes in its first second or so to show a kept reference or a double release, while the watching (two stack
     * captures per release, about 10-20 us each) costs a few tens of milliseconds once.
     */
    public static final int DEFAULT_VERIFY = 1000;

    /**
     * One release in this many is quarantined and judged once live when {@code slab.NAME.sample} is absent; a
     * sample captures no stack, so its cost spreads to well under a nanosecond per release.
     */
    public static final int DEFAULT_SAMPLE = 1024;

    /**
     * The checks of a cache's release rule.
     *
     * @param verify   releases watched (and judged clean) before objects are reused ({@code slab.NAME.verify}); 0: none
     * @param sample   one release in {@code sample} quarantined and judged once live ({@code slab.NAME.sample}); 0: none
     * @param onHazard what a hazard found once live does ({@code slab.NAME.onhazard}, default {@code off})
     */
    public record Checks(int verify, int sample, OnHazard onHazard) {
    }

    /** Capacity when {@code slab.NAME.capacity} is absent. */
    public static final int DEFAULT_CAPACITY = 1024;

    /** Strategy when {@code slab.NAME.strategy} is absent. */
    public static final Strategy DEFAULT_STRATEGY = Strategy.MAGAZINE;

    /** Makes {@code preserve} and {@code sites} unmodifiable. */
    public CacheSpec {
        preserve = List.copyOf(preserve);
        sites = List.copyOf(sites);
    }

    /** True for an array cache ({@code slab.NAME.array}), false for an object cache ({@code slab.NAME.class}). */
    public boolean isArray() {
        return array != null;
    }
}
