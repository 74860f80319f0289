package dev.slabagent.demo.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slabagent.demo.run.SlabRow;
import dev.slabagent.demo.run.WorkloadReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    private static final List<SlabRow> POOLED = List.of(new SlabRow("journal_handle", 0, 4, 32, 1000, 1000, 996, 4));

    private static WorkloadReport run(double usPerWrite, long allocatedBytes, Map<String, Long> byThread) {
        return new WorkloadReport(1000, 1, usPerWrite, 10, allocatedBytes, 2, 10, POOLED, byThread);
    }

    private static SideBySide.Side side(String label, WorkloadReport... runs) {
        return new SideBySide.Side(label, new Series(List.of(runs)));
    }

    private static List<List<String>> cells(List<String> lines) {
        return lines.stream().map(line -> List.of(line.strip().split("\\s+"))).toList();
    }

    @Test
    void tableShowsEachConfigurationsRunsMediansAndRange() {
        SideBySide table = new SideBySide(List.of(side("no", run(2.0, 100_000, Map.of())),
                side("agent", run(1.7, 44_000, Map.of()), run(1.9, 44_000, Map.of()), run(2.5, 44_000, Map.of())),
                side("frozen", run(1.5, 4_000, Map.of()))));
        List<List<String>> lines = cells(table.table());
        assertEquals(List.of("run", "runs", "writes", "threads", "us/write", "us/write", "range", "bytes/write",
                "GCs", "GC", "ms", "commits"), lines.get(0));
        assertEquals(List.of("agent", "3", "1000", "1", "1.900", "1.700-2.500", "44.0", "2", "10", "10"),
                lines.get(2));
        assertEquals(List.of("frozen", "1", "1000", "1", "1.500", "1.500-1.500", "4.0", "2", "10", "10"),
                lines.get(3));
        assertEquals(4, lines.size());
    }

    @Test
    void threadTableShowsEachThreadsMedianBytesPerWriteAndTheDifferencesToTheFirst() {
        SideBySide table = new SideBySide(List.of(
                side("before", run(2.0, 0, Map.of("writer-0", 150_000L, "kjournald", 3_000_000L, "main", 500L))),
                side("agent", run(2.0, 0, Map.of("writer-0", 94_000L, "kjournald", 3_000_000L))),
                side("frozen", run(2.0, 0, Map.of("writer-0", 94_000L, "kjournald", 40_000L)))));
        assertEquals(List.of(List.of("thread", "before", "agent", "frozen", "Δ", "agent", "Δ", "frozen"),
                        List.of("kjournald", "3000.0", "B", "3000.0", "B", "40.0", "B", "+0.0", "B", "-2960.0", "B"),
                        List.of("writer-0", "150.0", "B", "94.0", "B", "94.0", "B", "-56.0", "B", "-56.0", "B")),
                cells(table.threadTable()));
    }
}
