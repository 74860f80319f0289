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
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EquivalenceContract {

    private static final String CACHE = "journal_handle";
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

    static Stream<Arguments> variants() {
        String strategy = "slab." + CACHE + ".strategy";
        return Stream.of(
                Arguments.of("new", Map.of(strategy, "new")),
                Arguments.of("locked", Map.of(strategy, "locked")),
                Arguments.of("magazine", Map.of(strategy, "magazine")),
                Arguments.of("magazine-preserve", Map.of(strategy, "magazine", "slab." + CACHE + ".preserve",
                        "callbacks")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void agentRunWritesTheSameBytesAsTheBaseline(String name, Map<String, String> overrides) throws IOException {
        Path config = AgentConfigFile.derive(layout.seedConfig(), overrides, dir.resolve(name + ".properties"));
        Path files = dir.resolve(name);
        ChildResult run = runner.plain(WORKLOAD, files, Optional.of(config));

        assertFalse(run.stderr().contains("ERROR"), () -> "the agent reported a problem: " + run.stderr());
        SlabRow cache = SlabRow.find(run.stderr(), CACHE).orElseThrow(() -> new AssertionError(
                "no " + CACHE + " line in the agent's slabinfo, so nothing was pooled: " + run.stderr()));
        assertTrue(cache.allocs() >= WORKLOAD.writes(), () -> "fewer handles than writes: " + cache);
        assertEquals(cache.allocs(), cache.hits() + cache.misses(), () -> "hits + misses != allocs: " + cache);
        if (name.equals("new")) {
            assertEquals(0, cache.hits(), () -> "strategy new must never reuse: " + cache);
        } else {
            assertTrue(cache.hits() > 0, () -> "no handle was reused: " + cache);
        }
        SameFiles.assertSameFiles(baseline, files);
    }
}
