package dev.slabagent.demo.bench.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach benchmark's measuring parts: the latency windows and the safepoint log reader. */
class AttachBenchPartsTest {

    @Test
    void latencyWindowsKeepTheLongestCallStartedInARange() {
        long origin = 1_000_000_000L;
        LatencyWindows w = new LatencyWindows(origin, 1);
        w.record(origin + 100, 5_000);
        w.record(origin + 200, 3_000);
        w.record(origin + 2_500_000, 40_000);
        w.record(origin + 9_000_000, 7_000);
        w.record(origin + 5_000_000_000L, 99_000_000); // after the recorded second: ignored
        assertEquals(5_000, w.longest(origin, origin + 1_500_000));
        assertEquals(40_000, w.longest(origin, origin + 3_000_000));
        assertEquals(7_000, w.longest(origin + 4_000_000, origin + 60_000_000_000L));
        assertEquals(0, w.longest(origin + 20_000_000, origin + 30_000_000));
    }

    @Test
    void safepointsGiveTheLongestRedefinition(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("safepoints.txt");
        Files.writeString(log, """
                [0.512s][info][safepoint] Safepoint "G1CollectForAllocation", Time since last: 1 ns, Reaching safepoint: 2 ns, At safepoint: 3 ns, Total: 90000000 ns
                [1.734s][info][safepoint] Safepoint "RedefineClasses", Time since last: 4 ns, Reaching safepoint: 5 ns, At safepoint: 6 ns, Total: 3210000 ns
                [1.901s][info][safepoint] Safepoint "RedefineClasses", Time since last: 7 ns, Reaching safepoint: 8 ns, At safepoint: 9 ns, Total: 1200000 ns
                """);
        assertEquals(3_210_000, Safepoints.longestRedefine(log));
    }
}
