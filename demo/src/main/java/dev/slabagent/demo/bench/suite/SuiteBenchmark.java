package dev.slabagent.demo.bench.suite;

import java.util.regex.Pattern;

/** The benchmarks of the suite and how each is run. */
public enum SuiteBenchmark {
    /** jbd-target's {@code write()}: one handle per call, commits in the background. */
    JOURNAL_WRITE("JournalWriteBench.write", Threads.EACH_COUNT, true),
    /** Alloc+free round trip of a pooled site whose object escapes. */
    HANDLE_ROUND_TRIP("HandleSiteBench.roundTrip", Threads.EACH_COUNT, true),
    /** The same site allocating on one thread and releasing on another. */
    HANDLE_CROSS_THREAD("HandleSiteBench.crossThread", Threads.GROUP, true),
    /** A site whose object never escapes: what the rewrite costs when escape analysis would have won. */
    NO_ESCAPE("NoEscapeBench.dot", Threads.ONE, true),
    /** The cache API called directly, per strategy (a JMH parameter), next to plain {@code new}. */
    CACHE_API_ROUND_TRIP("CacheApiBench.roundTrip", Threads.EACH_COUNT, false),
    /** The cache API across threads, per strategy. */
    CACHE_API_CROSS_THREAD("CacheApiBench.crossThread", Threads.GROUP, false),
    /** Issue 8's 4 KiB buffer through the cache API, per strategy and zeroing, next to {@code new byte[4096]}. */
    ARRAY_ROUND_TRIP("ArrayCacheBench.roundTrip", Threads.ONE, false);

    /** How a benchmark's threads are chosen. */
    public enum Threads {
        /** Once per thread count of the mode. */
        EACH_COUNT,
        /** Once, with one thread: the result does not depend on thread count. */
        ONE,
        /** Once, with the threads its JMH group declares. */
        GROUP
    }

    private static final String PACKAGE = "dev.slabagent.demo.bench.";

    private final String name;
    private final Threads threads;
    private final boolean underAgent;

    SuiteBenchmark(String name, Threads threads, boolean underAgent) {
        this.name = name;
        this.threads = threads;
        this.underAgent = underAgent;
    }

    /** @return the benchmark as the report names it, {@code Class.method} */
    public String shortName() {
        return name;
    }

    /** @return a JMH include pattern matching exactly this benchmark */
    public String includePattern() {
        return "^" + Pattern.quote(PACKAGE + name) + "$";
    }

    /** @return whether it runs in every configuration, with and without the agent */
    public boolean underAgent() {
        return underAgent;
    }

    /** @return how the benchmark's threads are chosen */
    public Threads threads() {
        return threads;
    }

    /**
     * @param config a configuration of the suite
     * @return whether this benchmark runs in that configuration: agent-driven ones in all, the direct cache
     *     API (which compares strategies itself) only in the baseline
     */
    public boolean runsIn(ForkConfig config) {
        return underAgent || config.isBaseline();
    }
}
