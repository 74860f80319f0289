package dev.slabagent.demo.bench.suite;

import dev.slabagent.demo.bench.AgentProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the suite's benchmarks in every {@link ForkConfig} with JMH's runner, {@code -prof gc} and the
 * {@link AgentProbe}, one fork at a time: each round runs one fork of every configuration and batch, in an order
 * shuffled anew each round, so that a machine that gets busier or quieter during the suite affects every
 * configuration alike, and each fork's score is one sample of the report's statistics. Writes all results to one
 * JMH JSON file (one result per fork).
 */
public final class BenchSuite {
    /** The JSON file the suite writes in its output folder. */
    public static final String RESULTS_FILE = "results.json";

    private static final Logger LOG = LoggerFactory.getLogger(BenchSuite.class);

    private final SuiteMode mode;
    private final Path agentJar;
    private final List<Job> jobs;
    private final VerboseMode verbosity;
    private final long seed;

    private BenchSuite(SuiteMode mode, Path agentJar, List<Job> jobs, VerboseMode verbosity, long seed) {
        this.mode = mode;
        this.agentJar = agentJar.toAbsolutePath();
        this.jobs = List.copyOf(jobs);
        this.verbosity = verbosity;
        this.seed = seed;
    }

    /**
     * The project's suite: the {@link SuiteBenchmark}s whose {@link SuiteBenchmark#shortName()} {@code include}
     * finds, in the baseline and every configuration of {@code configsDir}.
     *
     * @param mode how long to measure
     * @param agentJar the shaded agent jar the agent forks load
     * @param configsDir the folder of the agent configs, one per {@link ForkConfig#AGENT_LABELS} entry
     * @param include which benchmarks run (e.g. {@code roundTrip}; {@code .} for all)
     * @param verbosity how much of JMH's own output to print
     * @param seed the seed of the forks' order
     * @throws IllegalArgumentException if a config is missing or {@code include} matches no benchmark
     */
    public static BenchSuite project(SuiteMode mode, Path agentJar, Path configsDir, Pattern include,
            VerboseMode verbosity, long seed) {
        List<SuiteBenchmark> chosen = Arrays.stream(SuiteBenchmark.values())
                .filter(b -> include.matcher(b.shortName()).find()).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--include " + include + " matches none of the suite's benchmarks: "
                    + Arrays.stream(SuiteBenchmark.values()).map(SuiteBenchmark::shortName).toList());
        }
        List<Job> jobs = new ArrayList<>();
        for (ForkConfig config : ForkConfig.all(configsDir)) {
            for (int threads : mode.threadCounts()) {
                boolean first = threads == mode.threadCounts().get(0);
                jobs.add(new Job(config, includes(chosen, config, b -> b.threads() == SuiteBenchmark.Threads.EACH_COUNT
                        || (first && b.threads() == SuiteBenchmark.Threads.ONE)), threads));
            }
            jobs.add(new Job(config, includes(chosen, config, b -> b.threads() == SuiteBenchmark.Threads.GROUP), 0));
        }
        // A runner given no include pattern would run every benchmark on the class path.
        jobs.removeIf(job -> job.includes().isEmpty());
        return new BenchSuite(mode, agentJar, jobs, verbosity, seed);
    }

    /**
     * A user's own JMH benchmarks (their jar first on this JVM's class path, so that JMH finds their benchmark
     * list) without the agent and with the user's {@code config}, each at the threads it declares.
     *
     * @param mode how long to measure
     * @param agentJar the shaded agent jar the agent forks load
     * @param config the user's agent config; its file name without {@code .properties} labels its results
     * @param include the JMH include pattern ({@code .} for all)
     * @param verbosity how much of JMH's own output to print
     * @param seed the seed of the forks' order
     */
    public static BenchSuite userJar(SuiteMode mode, Path agentJar, Path config, Pattern include,
            VerboseMode verbosity, long seed) {
        String label = config.getFileName().toString().replaceFirst("\\.properties$", "");
        List<Job> jobs = new ArrayList<>();
        for (ForkConfig fork : List.of(new ForkConfig(ForkConfig.BASELINE, null), new ForkConfig(label, config))) {
            jobs.add(new Job(fork, List.of(include.pattern()), 0));
        }
        return new BenchSuite(mode, agentJar, jobs, verbosity, seed);
    }

    /**
     * Runs the suite.
     *
     * @param outDir the folder to write {@value #RESULTS_FILE} into (created if needed)
     * @return the JSON file written
     * @throws RunnerException if a benchmark fails in its fork
     * @throws IllegalArgumentException if the agent jar is missing
     */
    public Path run(Path outDir) throws RunnerException {
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("agent jar not found: " + agentJar
                    + " (build it with: mvn -B -DskipTests package)");
        }
        List<RunResult> results = new ArrayList<>();
        Random order = new Random(seed);
        for (int fork = 1; fork <= mode.forks(); fork++) {
            List<Job> shuffled = new ArrayList<>(jobs);
            Collections.shuffle(shuffled, order);
            for (Job job : shuffled) {
                LOG.info("fork {} of {}: configuration {}: {} with {}", fork, mode.forks(), job.config().label(),
                        job.includes(), job.threads() == 0 ? "their own threads" : job.threads() + " thread(s)");
                results.addAll(new Runner(options(job)).run());
            }
        }
        return writeJson(results, outDir);
    }

    private static List<String> includes(List<SuiteBenchmark> chosen, ForkConfig config,
            Predicate<SuiteBenchmark> filter) {
        return chosen.stream().filter(b -> b.runsIn(config) && filter.test(b)).map(SuiteBenchmark::includePattern)
                .toList();
    }

    private Options options(Job job) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .mode(mode.jmhMode())
                .measurementBatchSize(mode.batchSize())
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .warmupIterations(mode.warmupIterations())
                .warmupTime(mode.warmupTime())
                .measurementIterations(mode.measurementIterations())
                .measurementTime(mode.measurementTime())
                .jvmArgs(job.config().jvmArgs(agentJar).toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .addProfiler(AgentProbe.class)
                .shouldFailOnError(true)
                .verbosity(verbosity);
        job.includes().forEach(options::include);
        if (job.threads() > 0) {
            options.threads(job.threads());
        }
        return options.build();
    }

    private static Path writeJson(Collection<RunResult> results, Path outDir) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir, e);
        }
        Path json = outDir.resolve(RESULTS_FILE);
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
        return json;
    }

    /**
     * Benchmarks one JMH runner runs together in one fork: same configuration, same thread count.
     *
     * @param config the configuration
     * @param includes the JMH include patterns
     * @param threads the thread count, or 0 for the threads the benchmarks declare
     */
    private record Job(ForkConfig config, List<String> includes, int threads) {
    }
}
