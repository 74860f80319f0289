package dev.slabagent.demo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.demo.bench.suite.BenchSuite;
import dev.slabagent.demo.bench.suite.SuiteMode;
import dev.slabagent.stats.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The report from single-fork JMH results, as the suite writes them: a configuration's forks merge into one row
 * whose fork scores are the statistics' samples, and the table carries the verdict.
 */
class ResultsReaderTest {

    @TempDir
    Path dir;

    /** One JMH result entry: one fork of {@code config} whose iterations measured {@code iterations}. */
    private static String entry(String config, double... iterations) {
        StringBuilder raw = new StringBuilder();
        double sum = 0;
        for (double i : iterations) {
            raw.append(raw.length() == 0 ? "" : ", ").append(i);
            sum += i;
        }
        return """
                {"benchmark": "dev.slabagent.demo.bench.HandleSiteBench.roundTrip", "threads": 1,
                 "jvmArgs": ["-Xms1g", "-Dbench.config=%s"],
                 "primaryMetric": {"score": %s, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[%s]]},
                 "secondaryMetrics": {"·gc.alloc.rate.norm": {"score": 24.0, "scoreError": "NaN", "scoreUnit": "B/op"},
                                      "·gc.count": {"score": 2.0, "scoreError": "NaN", "scoreUnit": "counts"}}}
                """.formatted(config, sum / iterations.length, raw);
    }

    private Path results(boolean magazineSlower) throws IOException {
        List<String> entries = new ArrayList<>();
        for (int fork = 0; fork < 6; fork++) {
            entries.add(entry("baseline", 10 + fork * 0.1, 10.2 - fork * 0.1));
            entries.add(entry("magazine", magazineSlower ? 13 + fork * 0.1 : 10 + fork * 0.12, 10.1));
        }
        return Files.writeString(dir.resolve("results.json"), "[" + String.join(",", entries) + "]");
    }

    @Test
    void theForksOfAConfigurationMergeIntoOneRowOfForkScores() throws IOException {
        List<ResultRow> rows = ResultsReader.open(results(true)).rows();
        assertEquals(2, rows.size());
        ResultRow magazine = rows.get(1);
        assertEquals("magazine", magazine.config());
        assertEquals(6, magazine.forkScores().size());
        assertEquals((13.0 + 10.1) / 2, magazine.forkScores().get(0), 1e-9);
        assertEquals(12, magazine.gcCount().score());
        assertEquals(24.0, magazine.bytesPerOp().score(), 1e-9);
        assertTrue(magazine.time().error() > 0);
    }

    @Test
    void aSlowerConfigurationIsSlowerAndTheSameIsNot() throws IOException {
        Comparison slower = Comparison.group(ResultsReader.open(results(true)).rows(), false).get(0);
        assertEquals(Verdict.SLOWER, slower.statistics(slower.rows().get(1)).verdict());
        Comparison same = Comparison.group(ResultsReader.open(results(false)).rows(), false).get(0);
        assertEquals(Verdict.SAME, same.statistics(same.rows().get(1)).verdict());
    }

    @Test
    void aQuickRunKeepsVerdictsOnlyWhereTheIntervalIsNarrow() throws IOException {
        Comparison slower = Comparison.group(ResultsReader.open(results(true)).rows(), true).get(0);
        dev.slabagent.stats.Comparison c = slower.statistics(slower.rows().get(1));
        assertTrue(c.halfWidth() <= dev.slabagent.stats.Comparison.MAX_HALF_WIDTH, "half-width " + c.halfWidth());
        assertEquals(Verdict.SLOWER, c.verdict());
        String markdown = Files.readString(BenchReport.write(results(true), dir, "quick", true).markdown());
        assertTrue(markdown.contains("this short run gives no verdict but `inconclusive` where the interval reaches"));
    }

    @Test
    void theReportShowsVerdictsAndDrawsTheChart() throws IOException {
        BenchReport report = BenchReport.write(results(true), dir, "test", false);
        String markdown = Files.readString(report.markdown());
        assertTrue(markdown.contains("| HandleSiteBench.roundTrip | 1 | magazine | no | 11.7 ± 0.26 ns/op | 6 | "
                + "1.156 [1.146, 1.166] | 0.004 | slower | 24.0 ± 0 | 0 | 12 |"), markdown);
        assertTrue(Files.size(report.chart()) > 1000);
    }

    @Test
    void anIncludeThatMatchesNoBenchmarkIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchSuite.project(
                SuiteMode.QUICK, Path.of("agent.jar"), Path.of("configs/bench"), Pattern.compile("nothing"),
                VerboseMode.SILENT, 1));
        assertTrue(e.getMessage().startsWith("--include nothing matches none of the suite's benchmarks: "),
                e.getMessage());
    }
}
