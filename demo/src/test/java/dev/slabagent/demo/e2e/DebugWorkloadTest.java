package dev.slabagent.demo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.demo.ProjectLayout;
import dev.slabagent.demo.run.AgentConfigFile;
import dev.slabagent.demo.run.ChildJvm;
import dev.slabagent.demo.run.ChildResult;
import dev.slabagent.demo.run.Workload;
import dev.slabagent.demo.run.WorkloadRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: jbd-target's workload under slab debugging with the seed config, and with the frozen-copy cache added,
 * reports nothing (no double free, no use after free, no leak), still pools, and writes the same bytes as without
 * the agent.
 */
class DebugWorkloadTest {

    private static final String HEADER = "# name active_objs num_objs objsize allocs frees hits misses"
            + " double_frees use_after_free leaked";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"journal_handle", "journal_frozen"})
    void withDebugOnNothingIsReported(String configName, @TempDir Path dir) throws IOException {
        Workload workload = new Workload(3000, 1, 7);
        runner().plain(workload, dir.resolve("baseline"), Optional.empty());
        ChildResult run = runWithDebug(configName, workload, dir);
        assertNothingReported(run, configName);
        SameFiles.assertSameFiles(dir.resolve("baseline"), dir.resolve("debug"));
    }

    @Test
    void twoWritersWithDebugOnReportNothing(@TempDir Path dir) throws IOException {
        assertNothingReported(runWithDebug("journal_frozen", new Workload(6000, 2, 11), dir), "journal_frozen");
    }

    private static WorkloadRunner runner() {
        return new WorkloadRunner(ChildJvm.current(), ProjectLayout.locate());
    }

    private static ChildResult runWithDebug(String configName, Workload workload, Path dir) {
        ProjectLayout layout = ProjectLayout.locate();
        Path base = configName.equals("journal_frozen") ? layout.frozenConfig() : layout.seedConfig();
        // debug=on proves the rules here, so the caches reuse from the first release (verify=0)
        Path config = AgentConfigFile.derive(base, Map.of("debug", "on", "slab.journal_handle.verify", "0",
                "slab.journal_frozen.verify", "0"), dir.resolve("debug.properties"));
        return runner().plain(workload, dir.resolve("debug"), Optional.of(config));
    }

    private static void assertNothingReported(ChildResult run, String configName) {
        assertFalse(run.stderr().contains("WARN"), () -> "slab debugging reported a bug: " + run.stderr());
        assertFalse(run.stderr().contains("ERROR"), () -> "the agent reported a problem: " + run.stderr());
        List<String> lines = run.stderr().lines().toList();
        int header = lines.indexOf(HEADER);
        assertTrue(header >= 0, () -> "no slabinfo table with the debug columns: " + run.stderr());
        List<String> caches = configName.equals("journal_frozen")
                ? List.of("journal_frozen", "journal_handle") : List.of("journal_handle");
        for (int i = 0; i < caches.size(); i++) {
            String cache = caches.get(i);
            String[] row = lines.get(header + 1 + i).split(" ");
            assertEquals(cache, row[0], run.stderr());
            assertEquals(11, row.length, run.stderr());
            assertTrue(Long.parseLong(row[6]) > 0, () -> "nothing was reused from " + cache + ": " + run.stderr());
            assertEquals(List.of("0", "0", "0"), List.of(row[8], row[9], row[10]), run.stderr());
            assertTrue(lines.contains("# slab-agent: " + cache + ": debug on: 0 double frees, 0 uses after free,"
                    + " 0 leaked, 0 in flight (handed out, not released, still reachable)"), run.stderr());
        }
    }
}
