package dev.slabagent.demo.bench;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that records, inside each forked JVM, whether the slab agent runs there and what its caches
 * did, so the results prove which fork was the baseline: {@code agent.loaded} (1 if the JVM was started
 * with {@code -javaagent:...slab-agent.jar}), {@code agent.caches} (caches in {@link SlabRegistry}), and
 * {@code agent.allocs}/{@code agent.hits} summed over them since the fork started, {@code agent.objsize}:
 * the largest object size of the caches that served a hit (what pooling can save per allocation), and
 * {@code agent.hits.NAME}, each cache's own hits.
 */
public final class AgentProbe implements InternalProfiler {
    /** The agent jar's file name, as the build produces it. */
    static final String AGENT_JAR = "slab-agent.jar";
    /** The prefix of each cache's own hits, followed by the cache's name. */
    public static final String CACHE_HITS = "agent.hits.";

    @Override
    public String getDescription() {
        return "Whether the slab agent runs in this fork, and its caches' allocs and hits";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // Nothing to reset: the counters are cumulative and reported as such.
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        Collection<SlabCache> caches = SlabRegistry.all();
        long allocs = 0;
        long hits = 0;
        long objSize = 0;
        List<Result> results = new ArrayList<>();
        for (SlabCache cache : caches) {
            SlabStats stats = cache.stats();
            allocs += stats.allocs();
            hits += stats.hits();
            objSize = stats.hits() > 0 ? Math.max(objSize, stats.objSize()) : objSize;
            results.add(max(CACHE_HITS + stats.name(), stats.hits(), "objs"));
        }
        results.addAll(List.of(
                max("agent.loaded", agentLoaded() ? 1 : 0, "flag"),
                max("agent.caches", caches.size(), "caches"),
                max("agent.allocs", allocs, "objs"),
                max("agent.hits", hits, "objs"),
                max("agent.objsize", objSize, "B")));
        return results;
    }

    /** @return whether this JVM's command line loads the slab agent jar with {@code -javaagent} */
    static boolean agentLoaded() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-javaagent:"))
                .map(arg -> arg.substring("-javaagent:".length()).split("=", 2)[0])
                .anyMatch(jar -> jar.endsWith(AGENT_JAR));
    }

    private static ScalarResult max(String label, double value, String unit) {
        return new ScalarResult(label, value, unit, AggregationPolicy.MAX);
    }
}
