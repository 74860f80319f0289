package dev.slabagent.demo.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.demo.run.SlabRow;
import dev.slabagent.demo.run.WorkloadReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final List<SlabRow> POOLED = List.of(new SlabRow("journal_handle", 0, 4, 32, 1000, 1000, 996, 4));
    private static final Series BASELINE = new Series(List.of(run(2.0, 100_000, List.of())));
    private static final Series BASELINES = new Series(List.of(run(2.0, 100_000, List.of()),
            run(2.0, 100_000, List.of())));

    /** A run of 1000 writes taking {@code usPerWrite} each and allocating {@code allocatedBytes} in all. */
    private static WorkloadReport run(double usPerWrite, long allocatedBytes, List<SlabRow> slabinfo) {
        return new WorkloadReport(1000, 1, usPerWrite, 10, allocatedBytes, 2, 10, slabinfo);
    }

    private static String verdict(WorkloadReport... agentRuns) {
        return new Comparison(BASELINE, new Series(List.of(agentRuns)), "journal_handle").verdict();
    }

    @Test
    void summaryLineCarriesTheMedians() {
        Series agent = new Series(List.of(run(1.7, 44_000, POOLED), run(1.9, 45_000, POOLED),
                run(2.5, 43_000, POOLED)));
        assertEquals("summary: baseline_us_per_write=2.0000 agent_us_per_write=1.9000 ratio=0.9500"
                        + " baseline_bytes_per_write=100.0 agent_bytes_per_write=44.0 hits=996",
                new Comparison(BASELINE, agent, "journal_handle").summaryLine());
    }

    @Test
    void fasterAndLeanerPaid() {
        String verdict = verdict(run(1.9, 44_000, POOLED));
        assertEquals("verdict: pooling journal_handle paid: faster per write (2.000 -> 1.900 us, ratio 0.950,"
                + " noise unknown: one run on a side, use --rounds 3 or more), 56.0 B less allocated per write"
                + " (100.0 -> 44.0 B, noise unknown: one run on a side, use --rounds 3 or more);"
                + " journal_handle reused 99.6% of its 1000 allocations (scripts/bench.sh measures write() with JMH)",
                verdict);
    }

    @Test
    void leanerButSlowerSavedAllocationButCostTime() {
        String verdict = verdict(run(2.2, 44_000, POOLED));
        assertTrue(verdict.startsWith("verdict: pooling journal_handle saved allocation but cost time: slower"),
                verdict);
    }

    @Test
    void differencesWithinTheRunsRangeAreTies() {
        String verdict = new Comparison(BASELINES, new Series(List.of(run(1.5, 99_000, POOLED),
                run(1.9, 99_500, POOLED), run(2.5, 101_000, POOLED))), "journal_handle").verdict();
        assertTrue(verdict.startsWith("verdict: pooling journal_handle made no measurable difference: as fast within"
                + " the noise per write (2.000 -> 1.900 us, ratio 0.950, noise +-0.500 us), as much allocated within"
                + " the noise per write (100.0 -> 99.5 B, noise +-1.0 B)"), verdict);
    }

    @Test
    void moreBytesAndMoreTimeDidNotPayAndNoCacheMeansNoHits() {
        WorkloadReport heavy = run(2.2, 120_000, List.of());
        String verdict = verdict(heavy);
        assertTrue(verdict.contains("did not pay") && verdict.contains("20.0 B more allocated"), verdict);
        assertTrue(verdict.contains("the agent reported no journal_handle cache"), verdict);
        assertEquals(0, new Comparison(BASELINE, new Series(List.of(heavy)), "journal_handle").hits());
    }
}
