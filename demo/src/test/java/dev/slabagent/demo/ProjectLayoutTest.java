package dev.slabagent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {

    @Test
    void aMissingJarIsAOneLineErrorSayingHowToBuildIt(@TempDir Path root) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ProjectLayout(root).agentJar());
        assertEquals("missing " + root.resolve("agent/target/slab-agent.jar")
                + ": build it first with 'mvn -B -DskipTests package' in " + root, e.getMessage());
    }

    @Test
    void findsTheProjectAboveTheDemosClassesWithItsContractPaths() {
        ProjectLayout layout = ProjectLayout.locate();
        assertEquals(layout.root().resolve("demo/configs/journal_handle.properties"), layout.seedConfig());
        assertEquals(layout.root().resolve("demo/configs/journal_frozen.properties"), layout.frozenConfig());
        assertEquals(true, Files.isRegularFile(layout.root().resolve("demo/pom.xml")));
    }
}
