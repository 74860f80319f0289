package dev.slabagent.demo.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark result of the suite, as the report needs it.
 *
 * @param benchmark the benchmark as {@code Class.method}
 * @param threads the threads that ran it
 * @param params the JMH parameters other than {@code strategy}, sorted
 * @param config the configuration: the fork's {@code bench.config} label, or the {@code strategy} parameter
 *     of benchmarks that compare strategies themselves
 * @param time the primary score (time per operation): the mean of {@code forkScores} with JMH's 99.9% error over them
 * @param forkScores each fork's score (the mean of its measured iterations): the samples of the statistics
 * @param bytesPerOp {@code gc.alloc.rate.norm}, or null if the GC profiler did not run
 * @param gcCount {@code gc.count}, or null if no collection happened or the GC profiler did not run
 * @param agent what the agent probe saw in the fork
 */
public record ResultRow(String benchmark, int threads, Map<String, String> params, String config, Metric time,
        List<Double> forkScores, Metric bytesPerOp, Metric gcCount, AgentSeen agent) {

    /** Makes {@code forkScores} unmodifiable. */
    public ResultRow {
        forkScores = List.copyOf(forkScores);
    }

    /**
     * What {@link dev.slabagent.demo.bench.AgentProbe} recorded in the fork.
     *
     * @param loaded whether the fork ran with {@code -javaagent:...slab-agent.jar}
     * @param caches caches registered in the fork
     * @param allocs allocations counted by those caches
     * @param hits allocations they served from free objects
     * @param objSize the largest object size of the caches that served hits, in bytes
     * @param hitsByCache each cache's hits, by cache name
     */
    public record AgentSeen(boolean loaded, long caches, long allocs, long hits, long objSize,
            Map<String, Long> hitsByCache) {
        /** Makes the map unmodifiable. */
        public AgentSeen {
            hitsByCache = Map.copyOf(hitsByCache);
        }

        /** What two forks saw together: loaded in either, counts added, the larger size. */
        AgentSeen plus(AgentSeen other) {
            Map<String, Long> hits = new TreeMap<>(hitsByCache);
            other.hitsByCache.forEach((cache, n) -> hits.merge(cache, n, Long::sum));
            return new AgentSeen(loaded || other.loaded, Math.max(caches, other.caches), allocs + other.allocs,
                    hits() + other.hits(), Math.max(objSize, other.objSize), hits);
        }

        /**
         * @param cache a cache's name
         * @return its hits in the fork, 0 if it was not there
         */
        public long hits(String cache) {
            return hitsByCache.getOrDefault(cache, 0L);
        }
    }

    /** @return the forks' scores as an array, for the statistics */
    public double[] samples() {
        return forkScores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return the key of the rows this one is compared with: benchmark, threads and parameters */
    public String comparisonKey() {
        return benchmark + " t" + threads + (params.isEmpty() ? "" : " " + params);
    }
}
