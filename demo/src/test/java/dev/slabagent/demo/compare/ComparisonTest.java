package dev.slabagent.demo.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.demo.run.SlabRow;
import dev.slabagent.demo.run.WorkloadReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final WorkloadReport BASELINE = new WorkloadReport(1000, 1, 2.0, 10, 100_000, 4, 20, List.of());

    private static WorkloadReport agent(double usPerWrite, long allocatedBytes) {
        return new WorkloadReport(1000, 1, usPerWrite, 10, allocatedBytes, 2, 10,
                List.of(new SlabRow("journal_handle", 0, 4, 32, 1000, 1000, 996, 4)));
    }

    @Test
    void summaryLineCarriesTheMeasuredFigures() {
        Comparison comparison = new Comparison(BASELINE, agent(1.9, 44_000), "journal_handle");
        assertEquals("summary: baseline_us_per_write=2.0000 agent_us_per_write=1.9000 ratio=0.9500"
                + " baseline_bytes_per_write=100.0 agent_bytes_per_write=44.0 hits=996", comparison.summaryLine());
    }

    @Test
    void verdictFollowsTheFigures() {
        String paid = new Comparison(BASELINE, agent(1.9, 44_000), "journal_handle").verdict();
        assertTrue(paid.startsWith("verdict: pooling journal_handle paid on this run: 5.0% faster per write"
                + " (2.000 -> 1.900 us), 56.0 B less allocated per write (100.0 -> 44.0); journal_handle reused 99.6%"
                + " of its 1000 handles"), paid);

        String costly = new Comparison(BASELINE, agent(2.2, 44_000), "journal_handle").verdict();
        assertTrue(costly.startsWith("verdict: pooling journal_handle saved allocation but cost time on this run:"
                + " 10.0% slower per write"), costly);

        String lost = new Comparison(BASELINE, agent(2.2, 120_000), "journal_handle").verdict();
        assertTrue(lost.contains("did not pay") && lost.contains("20.0 B more allocated"), lost);
    }

    @Test
    void noCacheRowMeansNoHitsAndSaysSo() {
        WorkloadReport unpooled = new WorkloadReport(1000, 1, 2.0, 10, 100_000, 4, 20, List.of());
        Comparison comparison = new Comparison(BASELINE, unpooled, "journal_handle");
        assertEquals(0, comparison.hits());
        assertTrue(comparison.verdict().contains("the agent reported no journal_handle cache"), comparison.verdict());
    }
}
