package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code -XX:+DisableExplicitGC} the verifier's {@code System.gc()} does nothing, so it must not count as a full
 * collection: a sampled object left unreachable in the old generation, which young collections never clear, then
 * looked held after two of them (the seed config's jbd-target cache went off with a false hazard in 1 of 3 runs of
 * 200,000 writes).
 */
class DisabledExplicitGcIT {

    @TempDir
    Path dir;

    @Test
    void anIgnoredRequestForACollectionIsNoFullCollection() throws Exception {
        Path config = HostJvm.config(dir, """
                slab.buf.class=fixture.hazard.Hazards$Buf
                slab.buf.release=fixture.hazard.Hazards$Printer#print:1
                slab.buf.verify=0
                slab.buf.sample=1
                sites=fixture.hazard
                report=exit
                """);
        HostJvm.Run run = HostJvm.run(dir, config, List.of("-XX:+UseG1GC", "-XX:+DisableExplicitGC",
                "-XX:MaxTenuringThreshold=1"), List.of(HostJvm.TEST_CLASSES), "fixture.hazard.IgnoredGc");
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().matches("young collections ([6-9]|\\d\\d+)\\n"), run.stdout());
        assertFalse(run.stderr().contains("hazard"), run.stderr());
        assertEquals(1, run.slabinfo("buf")[4], "the one release: " + run.stderr());
    }
}
