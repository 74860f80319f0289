package dev.slabagent.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.stats.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The report from synthetic run records: verdicts, hits, GCs and bytes; a strategy whose caches found a hazard or
 * stayed off shows that instead of a speed verdict; failed runs are left out and counted.
 */
class AbReportTest {

    private static final AbPlan PLAN = new AbPlan(List.of("java", "-jar", "app.jar"), Path.of("/c.properties"),
            List.of("packet", "buffer"), List.of("baseline", "new", "locked", "magazine"),
            List.of(Collector.DEFAULT), 6, Pattern.compile("us=([0-9.]+)"), false, Path.of("/out"), 1, null);

    private static List<RunRecord> runs(String strategy, double metric, String state, long hazards) {
        List<RunRecord> runs = new ArrayList<>();
        for (int round = 1; round <= 6; round++) {
            List<CacheRecord> caches = strategy.equals("baseline") ? List.of()
                    : List.of(new CacheRecord("packet", 1000, 990, state, hazards),
                            new CacheRecord("buffer", 1000, 980, "live", 0));
            runs.add(new RunRecord("default", strategy, round, null, metric * (1 + round % 3 * 0.01), 1.5, 1,
                    4 + round % 2, 12, 1 << 20, caches, ""));
        }
        return runs;
    }

    private static AbReport report() {
        List<RunRecord> all = new ArrayList<>(runs("baseline", 100, "live", 0));
        all.addAll(runs("new", 130, "live", 0));
        all.addAll(runs("locked", 90, CacheRecord.NOT_INSTALLED, 0));
        all.addAll(runs("magazine", 80, "off: hazard", 2));
        all.add(new RunRecord("default", "new", 7, "exit 1", Double.NaN, 0.2, 1, 0, 0, 0, List.of(),
                "Exception in thread \"main\" java.lang.IllegalStateException: boom"));
        return AbReport.of(PLAN, all);
    }

    @Test
    void aSignificantSlowdownGetsItsVerdictAndItsFigures() {
        StrategyResult slow = report().results().get(1);
        assertEquals("new", slow.strategy());
        assertEquals(Verdict.SLOWER, slow.comparison().verdict());
        assertEquals(1.3, slow.comparison().ratio(), 0.01);
        assertEquals(6, slow.runs());
        assertEquals(1, slow.failed());
        assertEquals(98.5, slow.hitsPercent(), 1e-9);
        assertEquals(4.5, slow.gcs());
        assertEquals(1 << 20, slow.bytesPerRun());
        assertNull(slow.status());
    }

    @Test
    void hazardsAndCachesThatStayedOffReplaceTheSpeedVerdict() {
        List<StrategyResult> results = report().results();
        assertEquals("off: packet (not installed)", results.get(2).verdictCell());
        assertEquals("hazard: packet (12)", results.get(3).verdictCell());
        String text = report().text();
        assertTrue(Pattern.compile("(?m)^default\\s+magazine\\s+6\\s+80\\.8\\s+-\\s+-\\s+hazard: packet \\(12\\)")
                .matcher(text).find(), text);
        assertTrue(Pattern.compile("(?m)^default\\s+locked\\s+6\\s+90\\.9\\s+-\\s+-\\s+off: packet \\(not installed\\)")
                .matcher(text).find(), text);
        assertTrue(Pattern.compile("(?m)^default\\s+new\\s+6 \\(1 failed\\)\\s+131\\.3\\s+1\\.30\\d \\[\\S+, \\S+\\]\\s+"
                + "0\\.\\d+\\s+slower\\s+98\\.5\\s+4\\.5\\s+1 MB$").matcher(text).find(), text);
        assertTrue(text.contains("new (default): 1 of 7 runs failed, last: exit 1: Exception in thread \"main\" "
                + "java.lang.IllegalStateException: boom"), text);
        assertTrue(report().markdown().contains("| default | magazine | 6 | 80.8 | - | - | hazard: packet (12) |"),
                report().markdown());
    }

    @Test
    void theBaselineRowHasNoVerdict() {
        StrategyResult base = report().results().get(0);
        assertNull(base.comparison());
        assertEquals("", base.verdictCell());
        assertTrue(Double.isNaN(base.hitsPercent()));
    }
}
