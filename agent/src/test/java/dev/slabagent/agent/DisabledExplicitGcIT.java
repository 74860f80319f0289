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
 * 200,000 writes). Then a cache may stay verifying until the program makes a full collection; the verifier says how to
 * make one.
 */
class DisabledExplicitGcIT {

    @TempDir
    Path dir;

    @Test
    void anIgnoredRequestForACollectionIsNoFullCollection() throws Exception {
        HostJvm.Run run = runWithoutExplicitGc(0, 1, "fixture.hazard.IgnoredGc");
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().matches("young collections ([6-9]|\\d\\d+)\\n"), run.stdout());
        assertFalse(run.stderr().contains("hazard"), run.stderr());
        assertEquals(1, run.slabinfo("buf")[4], "the one release: " + run.stderr());
    }

    @Test
    void aVerificationKeptWaitingForAFullCollectionSaysHowToMakeOneAndGoesLiveAfterIt() throws Exception {
        HostJvm.Run without = awaitedGc("1000", "none");
        assertEquals(0, without.exit(), without.stderr());
        assertEquals(0, without.slabinfo("buf")[5], "no full collection, no hit: " + without.stderr());
        assertEquals("verifying", without.slabinfoState("buf"), without.stderr());
        assertFalse(without.stderr().contains("still verifying"), "not kept waiting long: " + without.stderr());

        HostJvm.Run run = awaitedGc("7500", "full");
        assertEquals(0, run.exit(), run.stderr());
        List<String> reminders = run.stderr().lines().filter(l -> l.contains("still verifying")).toList();
        assertEquals(1, reminders.size(), run.stderr());
        assertTrue(reminders.get(0).matches(".*slab-agent: cache buf: still verifying after [5-7] s: the objects it"
                + " watches wait for a full garbage collection, which -XX:\\+DisableExplicitGC keeps it from asking"
                + " for; jcmd \\d+ GC.run makes one"), reminders.get(0));
        long[] row = run.slabinfo("buf");
        assertEquals(64 + 2000, row[4], "every release counted: " + run.stderr());
        assertTrue(row[5] > 1900, "live after the full collection, the later buffers are reused: " + run.stderr());
        assertEquals("", run.slabinfoState("buf"), run.stderr());
    }

    /** {@code fixture.hazard.AwaitedGc}, a cache verifying 8 releases. */
    private HostJvm.Run awaitedGc(String waitMillis, String collection) throws Exception {
        return runWithoutExplicitGc(8, 0, "fixture.hazard.AwaitedGc", "64", waitMillis, collection);
    }

    /**
     * {@code mainClass} under G1 with the flag and a tenuring threshold of 1, with a cache of {@code Hazards.Buf}
     * released by {@code Printer#print} and checked with {@code verify} and {@code sample}.
     */
    private HostJvm.Run runWithoutExplicitGc(int verify, int sample, String mainClass, String... args) throws Exception {
        Path config = HostJvm.config(dir, """
                slab.buf.class=fixture.hazard.Hazards$Buf
                slab.buf.release=fixture.hazard.Hazards$Printer#print:1
                slab.buf.verify=%d
                slab.buf.sample=%d
                sites=fixture.hazard
                report=exit
                """.formatted(verify, sample));
        return HostJvm.run(dir, config, List.of("-XX:+UseG1GC", "-XX:+DisableExplicitGC", "-XX:MaxTenuringThreshold=1"),
                List.of(HostJvm.TEST_CLASSES), mainClass, args);
    }
}
