package dev.slabagent.demo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.demo.ProjectLayout;
import dev.slabagent.demo.run.AgentConfigFile;
import dev.slabagent.demo.run.ChildJvm;
import dev.slabagent.demo.run.ChildResult;
import dev.slabagent.demo.run.SlabRow;
import dev.slabagent.demo.run.Workload;
import dev.slabagent.demo.run.WorkloadRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3's equivalence: jbd-target's workload, run on one thread with the same seed, writes byte-identical
 * journal and device files with the agent (each strategy, and magazine with the handle's callbacks list
 * preserved) and without it. Each run must also really have pooled: the seed cache's slabinfo line is checked.
 * Issue 8's: the same with the frozen-copy array cache of {@code journal_frozen.properties} added, with
 * {@code zero=true} and {@code zero=false}; its frozen copies must really have been freed and reused. On every JDK
 * the agent adds nothing to the host's stderr but the slabinfo table its config asks for (no ByteBuddy warnings).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EquivalenceContract {

    private static final String CACHE = "journal_handle";
    private static final String FROZEN = "journal_frozen";
    private static final Workload WORKLOAD = new Workload(3000, 1, 20031);

    private Path dir;
    private ProjectLayout layout;
    private WorkloadRunner runner;
    private Path baseline;

    /** The JVM the workloads run on. */
    abstract ChildJvm jvm();

    @BeforeAll
    void runBaseline(@TempDir Path folder) {
        dir = folder;
        layout = ProjectLayout.locate();
        runner = new WorkloadRunner(jvm(), layout);
        baseline = dir.resolve("baseline");
        runner.plain(WORKLOAD, baseline, Optional.empty());
    }

    /**
     * The strategies' variants reuse from the first release ({@code verify=0}: the workload is too short to wait for
     * the proof); {@code verified} runs the seed config as shipped, proof included, and must write the same bytes.
     */
    static Stream<Arguments> variants() {
        String strategy = "slab." + CACHE + ".strategy";
        String zero = "slab." + FROZEN + ".zero";
        Map<String, String> proven = Map.of("slab." + CACHE + ".verify", "0");
        Map<String, String> bothProven = with(proven, "slab." + FROZEN + ".verify", "0");
        return Stream.of(
                Arguments.of("verified", false, Map.of()),
                Arguments.of("new", false, with(proven, strategy, "new")),
                Arguments.of("locked", false, with(proven, strategy, "locked")),
                Arguments.of("magazine", false, with(proven, strategy, "magazine")),
                Arguments.of("magazine-preserve", false, with(with(proven, strategy, "magazine"),
                        "slab." + CACHE + ".preserve", "callbacks")),
                Arguments.of("frozen-zero", true, with(bothProven, zero, "true")),
                Arguments.of("frozen-nozero", true, with(bothProven, zero, "false")),
                Arguments.of("frozen-locked", true, with(bothProven, "slab." + FROZEN + ".strategy", "locked")));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.put(key, value);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void agentRunWritesTheSameBytesAsTheBaseline(String name, boolean frozen, Map<String, String> overrides)
            throws IOException {
        Path base = frozen ? layout.frozenConfig() : layout.seedConfig();
        Path config = AgentConfigFile.derive(base, overrides, dir.resolve(name + ".properties"));
        Path files = dir.resolve(name);
        ChildResult run = runner.plain(WORKLOAD, files, Optional.of(config));

        assertEquals(SlabRow.lastTable(run.stderr()), run.stderr().lines().toList(),
                "the host's stderr holds only what the config asked for (report=exit's slabinfo)");
        SlabRow cache = row(run, CACHE);
        if (frozen) {
            SlabRow copies = row(run, FROZEN);
            assertEquals(4096 + 16, copies.objSize(), () -> "objsize of a byte[4096]: " + copies);
            assertTrue(copies.frees() > 0 && copies.hits() > 0, () -> "no frozen copy was freed and reused: " + copies);
            assertEquals(copies.allocs(), copies.hits() + copies.misses(), () -> "hits + misses != allocs: " + copies);
        }
        assertTrue(cache.allocs() >= WORKLOAD.writes(), () -> "fewer handles than writes: " + cache);
        assertEquals(cache.allocs(), cache.hits() + cache.misses(), () -> "hits + misses != allocs: " + cache);
        if (name.equals("new")) {
            assertEquals(0, cache.hits(), () -> "strategy new must never reuse: " + cache);
        } else if (name.equals("verified")) {
            assertFalse(run.stderr().contains(": hazard: ") || run.stderr().contains(" off: hazard"),
                    () -> "the seed config's rule was judged a hazard: " + run.stderr());
        } else {
            assertTrue(cache.hits() > 0, () -> "no handle was reused: " + cache);
        }
        SameFiles.assertSameFiles(baseline, files);
    }

    private static SlabRow row(ChildResult run, String name) {
        return SlabRow.find(run.stderr(), name).orElseThrow(() -> new AssertionError(
                "no " + name + " line in the agent's slabinfo, so nothing was pooled: " + run.stderr()));
    }
}
