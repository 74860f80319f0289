package dev.slabagent.demo.bench.suite;

import java.util.regex.Pattern;

/** The benchmarks of the suite and how each is run. */
public enum SuiteBenchmark {
    /** jbd-target's {@code write()}: one handle per call, commits in the background. */
    JOURNAL_WRITE("JournalWriteBench.write", Threads.EACH_COUNT, Configs.ALL),
    /** jbd-target's commit path: 16 writes and a forced commit, which makes and frees 16 frozen copies. */
    JOURNAL_COMMIT("JournalCommitBench.writeAndSync", Threads.ONE, Configs.ALL),
    /** Alloc+free round trip of a pooled site whose object escapes. */
    HANDLE_ROUND_TRIP("HandleSiteBench.roundTrip", Threads.EACH_COUNT, Configs.NOT_JOURNAL_ONLY),
    /** The same site allocating on one thread and releasing on another. */
    HANDLE_CROSS_THREAD("HandleSiteBench.crossThread", Threads.GROUP, Configs.NOT_JOURNAL_ONLY),
    /** A site whose object never escapes: what the rewrite costs when escape analysis would have won. */
    NO_ESCAPE("NoEscapeBench.dot", Threads.ONE, Configs.NOT_JOURNAL_ONLY),
    /** The cache API called directly, per strategy (a JMH parameter), next to plain {@code new}. */
    CACHE_API_ROUND_TRIP("CacheApiBench.roundTrip", Threads.EACH_COUNT, Configs.BASELINE),
    /** The cache API across threads, per strategy. */
    CACHE_API_CROSS_THREAD("CacheApiBench.crossThread", Threads.GROUP, Configs.BASELINE),
    /**
     * The 4 KiB buffer through the cache API, per strategy and zeroing, next to {@code new byte[4096]}
     * (the agent's rewritten array sites are measured by {@link #JOURNAL_COMMIT}).
     */
    ARRAY_ROUND_TRIP("ArrayCacheBench.roundTrip", Threads.ONE, Configs.BASELINE);

    /** How a benchmark's threads are chosen. */
    public enum Threads {
        /** Once per thread count of the mode. */
        EACH_COUNT,
        /** Once, with one thread: the result does not depend on thread count. */
        ONE,
        /** Once, with the threads its JMH group declares. */
        GROUP
    }

    /** The configurations a benchmark runs in. */
    public enum Configs {
        /** The baseline and every agent configuration. */
        ALL,
        /** The baseline and the agent configurations but the {@link ForkConfig#journalOnly()} ones. */
        NOT_JOURNAL_ONLY,
        /** Only the agent-less fork: the benchmark calls the cache API and compares strategies itself. */
        BASELINE
    }

    private static final String PACKAGE = "dev.slabagent.demo.bench.";

    private final String name;
    private final Threads threads;
    private final Configs configs;

    SuiteBenchmark(String name, Threads threads, Configs configs) {
        this.name = name;
        this.threads = threads;
        this.configs = configs;
    }

    /** @return the benchmark as the report names it, {@code Class.method} */
    public String shortName() {
        return name;
    }

    /** @return a JMH include pattern matching exactly this benchmark */
    public String includePattern() {
        return "^" + Pattern.quote(PACKAGE + name) + "$";
    }

    /** @return whether it runs with the agent too (not only in the baseline's fork) */
    public boolean underAgent() {
        return configs != Configs.BASELINE;
    }

    /** @return how the benchmark's threads are chosen */
    public Threads threads() {
        return threads;
    }

    /**
     * @param config a configuration of the suite
     * @return whether this benchmark runs in that configuration (see {@link Configs})
     */
    public boolean runsIn(ForkConfig config) {
        return switch (configs) {
            case ALL -> true;
            case NOT_JOURNAL_ONLY -> !config.journalOnly();
            case BASELINE -> config.isBaseline();
        };
    }
}
