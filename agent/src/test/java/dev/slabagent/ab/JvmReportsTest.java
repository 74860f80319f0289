package dev.slabagent.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the agent's run reports: sums over a run's JVMs, columns by their header's names. */
class JvmReportsTest {

    @TempDir
    Path dir;

    @Test
    void sumsTheJvmsOfARunAndMarksACacheNoJvmHadAsNotInstalled() throws IOException {
        Files.writeString(dir.resolve("jvm-1.txt"), """
                jvm pid=1 gc_count=3 gc_ms=20 alloc_bytes=1000
                # name active_objs num_objs objsize allocs frees hits misses
                packet 0 4 24 100 100 96 4
                """);
        Files.writeString(dir.resolve("jvm-2.txt"), """
                jvm pid=2 gc_count=1 gc_ms=5 alloc_bytes=500
                # name active_objs num_objs objsize allocs frees hits misses
                packet 0 2 24 50 50 48 2
                """);
        Files.writeString(dir.resolve("stdout.txt"), "not a report");
        JvmReports.Totals totals = JvmReports.read(dir, List.of("packet", "buffer"));
        assertEquals(2, totals.jvms());
        assertEquals(4, totals.gcCount());
        assertEquals(25, totals.gcMillis());
        assertEquals(1500, totals.allocBytes());
        assertEquals(List.of(new CacheRecord("packet", 150, 144, "live", 0),
                new CacheRecord("buffer", 0, 0, CacheRecord.NOT_INSTALLED, 0)), totals.caches());
    }

    @Test
    void readsAStateAndAHazardColumnWhenSlabinfoHasThem() {
        List<String> header = List.of("name", "active_objs", "num_objs", "objsize", "allocs", "frees", "hits",
                "misses", "state", "hazards");
        assertEquals(new CacheRecord("packet", 10, 9, "off: hazard", 3), JvmReports.row(header,
                "packet 0 0 24 10 10 9 1 off: hazard 3".split(" ")));
        assertEquals(new CacheRecord("packet", 10, 9, "verifying", 0), JvmReports.row(header,
                "packet 0 0 24 10 10 9 1 verifying 0".split(" ")));
    }

    @Test
    void noReportsMeansNoJvmWasReached() throws IOException {
        JvmReports.Totals totals = JvmReports.read(dir.resolve("missing"), List.of());
        assertEquals(0, totals.jvms());
        assertEquals(List.of(), totals.caches());
    }
}
