package dev.slabagent.demo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadReportTest {

    @Test
    void combinesTheWorkloadLineTheProbeLineAndSlabinfo() {
        ChildResult run = new ChildResult(List.of("java"), 0,
                "writes=1000 threads=2 us_per_write=1.5 commits=7\n"
                        + "thread_allocated_bytes=50000 name=writer-0\n"
                        + "thread_allocated_bytes=6000 name=Signal Dispatcher\n"
                        + "allocated_bytes=56000 gc_count=3 gc_ms=12\n",
                SlabRow.HEADER + "\njournal_handle 0 5 32 1000 1000 995 5\n");
        WorkloadReport report = WorkloadReport.parse(run);
        assertEquals(new WorkloadReport(1000, 2, 1.5, 7, 56000, 3, 12,
                List.of(new SlabRow("journal_handle", 0, 5, 32, 1000, 1000, 995, 5)),
                Map.of("writer-0", 50_000L, "Signal Dispatcher", 6_000L)), report);
        assertEquals(50.0, report.bytesPerWrite("writer-0"));
        assertEquals(0.0, report.bytesPerWrite("absent"));
        assertEquals(56.0, report.bytesPerWrite());
        assertEquals(995, report.cache("journal_handle").orElseThrow().hits());
    }

    @Test
    void aMissingProbeLineNamesWhatIsMissingAndTheCommand() {
        ChildResult run = new ChildResult(List.of("java", "-jar", "x.jar"), 0,
                "writes=1000 threads=1 us_per_write=1.5 commits=7\n", "");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkloadReport.parse(run));
        assertTrue(e.getMessage().startsWith("no 'allocated_bytes=...' line in the output of java -jar x.jar"),
                e.getMessage());
    }
}
