package dev.slabagent.demo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slabagent.demo.ProjectLayout;
import dev.slabagent.demo.run.AgentConfigFile;
import dev.slabagent.demo.run.ChildJvm;
import dev.slabagent.demo.run.ChildResult;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's guard with JBD's nested handles, under the agent and the seed config ({@code when=ref==0}): an inner
 * stop does not free the shared handle, the outermost stop does, and the next start gets that handle back.
 */
class NestedHandlesTest {

    @Test
    void onlyTheOutermostStopFreesTheHandle(@TempDir Path dir) throws URISyntaxException {
        ProjectLayout layout = ProjectLayout.locate();
        Path testClasses = Path.of(NestedHandles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // the rule is the subject here, and one release is too few to verify it: it is declared proven
        Path config = AgentConfigFile.derive(layout.seedConfig(), Map.of("slab.journal_handle.verify", "0",
                "slab.journal_handle.sample", "0"), dir.resolve("seed-proven.properties"));
        ChildResult run = ChildJvm.current().run(List.of(
                "-javaagent:" + layout.agentJar() + "=" + config,
                "-cp", layout.jbdJar() + File.pathSeparator + testClasses,
                NestedHandles.class.getName(), dir.toString()), dir, Duration.ofMinutes(2)).requireSuccess();

        assertEquals(List.of(
                "outer-start same=true ref=1 allocs=1 frees=0 active=1 hits=0",
                "inner-start same=true ref=2 allocs=1 frees=0 active=1 hits=0",
                "inner-stop same=true ref=1 allocs=1 frees=0 active=1 hits=0",
                "outer-stop same=true ref=0 allocs=1 frees=1 active=0 hits=0",
                "restart same=true ref=1 allocs=2 frees=1 active=1 hits=1"),
                run.stdout().lines().toList(), () -> "stderr: " + run.stderr());
    }
}
