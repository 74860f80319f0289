package dev.slabagent.demo.bench.suite;

import dev.slabagent.demo.bench.AgentProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * Runs every {@link SuiteBenchmark} in every {@link ForkConfig} with JMH's runner, {@code -prof gc} and the
 * {@link AgentProbe}, and writes all results to one JMH JSON file.
 */
public final class BenchSuite {
    /** The JSON file the suite writes in its output folder. */
    public static final String RESULTS_FILE = "results.json";

    private static final Logger LOG = LoggerFactory.getLogger(BenchSuite.class);

    private final SuiteMode mode;
    private final Path agentJar;
    private final Path configsDir;
    private final VerboseMode verbosity;

    /**
     * @param mode how long to measure
     * @param agentJar the shaded agent jar the agent forks load
     * @param configsDir the folder of the agent configs, one per {@link ForkConfig#AGENT_LABELS} entry
     * @param verbosity how much of JMH's own output to print
     */
    public BenchSuite(SuiteMode mode, Path agentJar, Path configsDir, VerboseMode verbosity) {
        this.mode = mode;
        this.agentJar = agentJar.toAbsolutePath();
        this.configsDir = configsDir;
        this.verbosity = verbosity;
    }

    /**
     * Runs the whole suite.
     *
     * @param outDir the folder to write {@value #RESULTS_FILE} into (created if needed)
     * @return the JSON file written
     * @throws RunnerException if a benchmark fails in its fork
     * @throws IllegalArgumentException if the agent jar or a config is missing
     */
    public Path run(Path outDir) throws RunnerException {
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("agent jar not found: " + agentJar
                    + " (build it with: mvn -B -DskipTests package)");
        }
        List<RunResult> results = new ArrayList<>();
        for (ForkConfig config : ForkConfig.all(configsDir)) {
            for (Batch batch : batches(config)) {
                LOG.info("configuration {}: {} with {}", config.label(), batch.benchmarks(),
                        batch.threads() == 0 ? "the group's threads" : batch.threads() + " thread(s)");
                results.addAll(new Runner(options(config, batch)).run());
            }
        }
        return writeJson(results, outDir);
    }

    private List<Batch> batches(ForkConfig config) {
        List<Batch> batches = new ArrayList<>();
        for (int threads : mode.threadCounts()) {
            boolean first = threads == mode.threadCounts().get(0);
            batches.add(new Batch(select(config, b -> b.threads() == SuiteBenchmark.Threads.EACH_COUNT
                    || (first && b.threads() == SuiteBenchmark.Threads.ONE)), threads));
        }
        batches.add(new Batch(select(config, b -> b.threads() == SuiteBenchmark.Threads.GROUP), 0));
        // A runner given no include pattern would run every benchmark on the class path.
        batches.removeIf(batch -> batch.benchmarks().isEmpty());
        return batches;
    }

    private static List<SuiteBenchmark> select(ForkConfig config, Predicate<SuiteBenchmark> filter) {
        return Arrays.stream(SuiteBenchmark.values()).filter(b -> b.runsIn(config) && filter.test(b)).toList();
    }

    private Options options(ForkConfig config, Batch batch) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .mode(mode.jmhMode())
                .measurementBatchSize(mode.batchSize())
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(mode.forks())
                .warmupIterations(mode.warmupIterations())
                .warmupTime(mode.warmupTime())
                .measurementIterations(mode.measurementIterations())
                .measurementTime(mode.measurementTime())
                .jvmArgs(config.jvmArgs(agentJar).toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .addProfiler(AgentProbe.class)
                .shouldFailOnError(true)
                .verbosity(verbosity);
        batch.benchmarks().forEach(b -> options.include(b.includePattern()));
        if (batch.threads() > 0) {
            options.threads(batch.threads());
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
     * Benchmarks one JMH runner runs together: same configuration, same thread count.
     *
     * @param threads the thread count, or 0 for the threads the JMH group declares
     */
    private record Batch(List<SuiteBenchmark> benchmarks, int threads) {
    }
}
