package dev.slabagent.ab;

/**
 * One cache's figures in one run, summed over the JVMs of the run.
 *
 * @param name    the cache's name
 * @param allocs  allocation requests
 * @param hits    requests served from the cache
 * @param state   the agent's state for the cache ({@code live}, {@code verifying}, {@code off: ...}), as its
 *                slabinfo reports it; {@code live} if slabinfo has no state column and the cache is in it,
 *                {@value #NOT_INSTALLED} if no JVM of the run had it
 * @param hazards hazards the agent's verification found (0 if slabinfo has no such column)
 */
public record CacheRecord(String name, long allocs, long hits, String state, long hazards) {

    /** The state of a configured cache that no JVM of the run reported: the agent refused it or never ran. */
    public static final String NOT_INSTALLED = "off: not installed";

    /** Whether the cache was switched off (refused, or turned off by the agent). */
    public boolean off() {
        return state.startsWith("off");
    }

    /** This cache's figures plus another JVM's for the same cache. */
    CacheRecord plus(CacheRecord other) {
        String merged = off() ? state : other.state;
        return new CacheRecord(name, allocs + other.allocs, hits + other.hits, merged, hazards + other.hazards);
    }
}
