package dev.slabagent.demo.bench;

import dev.slabagent.demo.bench.suite.ForkConfig;
import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.Strategy;
import java.util.Locale;

/** Creates the caches of the benchmarks that call the cache API directly, from their {@code strategy} parameter. */
final class DirectCaches {
    private DirectCaches() {
    }

    /**
     * @param strategy {@code baseline} or a runtime strategy name ({@code new}, {@code locked}, {@code magazine})
     * @param name the cache's name
     * @param capacity the most free objects it keeps
     * @return a new cache, or null for the baseline (plain {@code new}, no cache)
     */
    static SlabCache forParameter(String strategy, String name, int capacity) {
        return ForkConfig.BASELINE.equals(strategy)
                ? null
                : SlabCache.create(name, Strategy.valueOf(strategy.toUpperCase(Locale.ROOT)), capacity);
    }
}
