package dev.slabagent.demo.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.demo.bench.suite.BenchSuite;
import dev.slabagent.demo.bench.suite.ForkConfig;
import dev.slabagent.demo.bench.suite.SuiteBenchmark;
import dev.slabagent.demo.bench.suite.SuiteMode;
import dev.slabagent.demo.report.BenchReport;
import dev.slabagent.demo.report.ResultRow;
import dev.slabagent.demo.report.ResultsReader;
import java.io.InputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the whole A/B suite for one short iteration per benchmark and configuration (so it cannot rot), then
 * checks the report and what each forked JVM saw: the baseline without the agent, the others with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSuiteSmokeTest {
    private static final Path AGENT_JAR = Path.of("../agent/target/slab-agent.jar").toAbsolutePath().normalize();
    private static final Path CONFIGS = Path.of("configs/bench");
    private static final List<String> CACHE_API_STRATEGIES = List.of(ForkConfig.BASELINE, "new", "locked", "magazine");
    private static final List<String> ARRAY_STRATEGIES = List.of(ForkConfig.BASELINE, "locked", "magazine");
    /** The configurations with the frozen-copy cache, and the only benchmarks that run in them. */
    private static final String FROZEN_CACHE = "journal_frozen";
    private static final List<String> FROZEN_CONFIGS = List.of("magazine-frozen", "magazine-frozen-nozero");
    private static final Set<SuiteBenchmark> JOURNAL_BENCHMARKS =
            Set.of(SuiteBenchmark.JOURNAL_WRITE, SuiteBenchmark.JOURNAL_COMMIT);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    static Path out;

    private List<ResultRow> rows;
    private BenchReport report;

    @BeforeAll
    void runSuite() throws Exception {
        assertTrue(Files.isRegularFile(AGENT_JAR), "the agent jar is missing: " + AGENT_JAR
                + " (it is built by the agent module's package phase: run mvn -B verify from the repository root)");
        // JMH refuses to start while another JMH run holds its lock (a benchmark on the same machine); the smoke
        // run measures nothing, so it must not fail on that.
        System.setProperty("jmh.ignoreLock", "true");
        Path json = BenchSuite.project(SuiteMode.SMOKE, AGENT_JAR, unverifiedConfigs(), Pattern.compile("."),
                VerboseMode.SILENT, 1).run(out);
        rows = ResultsReader.open(json).rows();
        report = BenchReport.write(json, out, "smoke", SuiteMode.SMOKE.narrowVerdicts());
    }

    /**
     * The suite's configs with {@code verify=0} added for every cache: the smoke run checks the plumbing, and its one
     * cold shot of 20,000 operations (tens of milliseconds) is too short for a cache's default verification (1,000
     * releases, judged after a full collection) to finish, so whether a cache went live in it would be timing.
     */
    private static Path unverifiedConfigs() throws IOException {
        Path dir = Files.createDirectories(out.resolve("configs"));
        Pattern cache = Pattern.compile("(?m)^slab\\.([^.\\s]+)\\.class=");
        try (Stream<Path> files = Files.list(CONFIGS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                String text = Files.readString(file);
                StringBuilder unverified = new StringBuilder(text).append('\n');
                cache.matcher(text).results().forEach(m -> unverified.append("slab.").append(m.group(1))
                        .append(".verify=0\n"));
                Files.writeString(dir.resolve(file.getFileName()), unverified);
            }
        }
        return dir;
    }

    @Test
    void everyBenchmarkRanOnceInEveryConfiguration() {
        Set<String> expected = new TreeSet<>();
        for (SuiteBenchmark benchmark : SuiteBenchmark.values()) {
            String name = benchmark.shortName();
            if (JOURNAL_BENCHMARKS.contains(benchmark)) {
                expected.add(name + " " + ForkConfig.BASELINE);
                ForkConfig.AGENT_LABELS.forEach(label -> expected.add(name + " " + label));
            } else if (benchmark.underAgent()) {
                expected.add(name + " " + ForkConfig.BASELINE);
                ForkConfig.AGENT_LABELS.stream().filter(label -> !FROZEN_CONFIGS.contains(label))
                        .forEach(label -> expected.add(name + " " + label));
            } else if (benchmark == SuiteBenchmark.ARRAY_ROUND_TRIP) {
                ARRAY_STRATEGIES.forEach(strategy -> List.of("true", "false").forEach(
                        zero -> expected.add(name + " " + strategy + " {zero=" + zero + "}")));
            } else {
                CACHE_API_STRATEGIES.forEach(strategy -> expected.add(name + " " + strategy));
            }
        }
        List<String> seen = new ArrayList<>();
        rows.forEach(row -> seen.add(row.benchmark() + " " + row.config()
                + (row.params().isEmpty() ? "" : " " + row.params())));
        assertEquals(expected, new TreeSet<>(seen), "benchmark/configuration pairs in the results");
        assertEquals(expected.size(), seen.size(), "one result per benchmark and configuration: " + seen);
    }

    @Test
    void reportHasOneTableLinePerResultAndAChart() throws Exception {
        long tableLines = Files.readAllLines(report.markdown()).stream()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| Benchmark"))
                .count();
        assertEquals(rows.size(), tableLines, "Markdown table lines");
        assertEquals(rows.size(), report.rows());
        assertTrue(Files.size(report.chart()) > 1000, "chart too small: " + report.chart());
        try (InputStream png = Files.newInputStream(report.chart())) {
            assertArrayEquals(PNG_MAGIC, png.readNBytes(PNG_MAGIC.length), "the chart is a PNG");
        }
    }

    @Test
    void baselineForksRanWithoutTheAgentAndAgentForksWithIt() {
        for (ResultRow row : rows) {
            boolean direct = callsTheCacheDirectly(row);
            boolean agentFork = !direct && !row.config().equals(ForkConfig.BASELINE);
            assertEquals(agentFork, row.agent().loaded(), "agent loaded in the fork of " + row);
            if (agentFork) {
                assertTrue(row.agent().caches() > 0, "no cache registered under the agent: " + row);
            } else if (!direct) {
                assertEquals(0, row.agent().caches(), "caches registered in a baseline fork: " + row);
            }
        }
    }

    /**
     * Every rewritten site reaches its cache, and the same-thread round trip reuses objects except under
     * {@code new}. (The cross-thread case makes too few round trips in one cold 100 ms iteration for freed
     * objects to come back through the depot, so only its allocations are checked.)
     */
    @Test
    void agentForksAllocateThroughTheCacheAndPoolingStrategiesReuse() {
        for (ResultRow row : rows) {
            if (!row.agent().loaded()) {
                continue;
            }
            assertTrue(row.agent().allocs() > 0, "the rewritten site never reached the cache: " + row);
            if (row.benchmark().equals(SuiteBenchmark.HANDLE_ROUND_TRIP.shortName())) {
                boolean pools = !row.config().equals("new");
                assertEquals(pools, row.agent().hits() > 0, "cache hits under " + row.config() + ": " + row);
            }
        }
    }

    /**
     * The commit path reuses frozen copies exactly in the configurations with the frozen-copy cache, and its B/op
     * drops there by most of the copies' 16 x 4112 B against magazine-preserve (same handle cache, no array
     * cache): B/op counts the commit thread's allocations too.
     */
    @Test
    void frozenCopyCacheServesTheCommitPathOnlyWhereConfigured() {
        List<ResultRow> commits = rows.stream()
                .filter(row -> row.benchmark().equals(SuiteBenchmark.JOURNAL_COMMIT.shortName())).toList();
        ResultRow preserve = commits.stream().filter(row -> row.config().equals("magazine-preserve")).findFirst()
                .orElseThrow();
        for (ResultRow row : commits) {
            boolean frozen = FROZEN_CONFIGS.contains(row.config());
            assertEquals(frozen, row.agent().hits(FROZEN_CACHE) > 0, "journal_frozen hits in " + row);
            if (frozen) {
                double drop = preserve.bytesPerOp().score() - row.bytesPerOp().score();
                assertTrue(drop > JournalCommitBench.WRITES * JournalCommitBench.FROZEN_COPY_BYTES / 2.0,
                        () -> "B/op drop " + drop + " against magazine-preserve: " + row);
            }
        }
    }

    /** Benchmarks of the cache API compare strategies inside one agent-less fork. */
    private static boolean callsTheCacheDirectly(ResultRow row) {
        return Arrays.stream(SuiteBenchmark.values())
                .anyMatch(b -> b.shortName().equals(row.benchmark()) && !b.underAgent());
    }
}
