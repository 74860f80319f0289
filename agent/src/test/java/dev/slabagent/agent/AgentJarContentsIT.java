package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shipped {@code target/slab-agent.jar} itself: its manifest, and every class of it under {@code dev/slabagent/}. */
class AgentJarContentsIT {

    @Test
    void manifestDeclaresTheAgentAndTheCli() throws IOException {
        try (JarFile jar = new JarFile(HostJvm.AGENT_JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.slabagent.agent.SlabAgent", main.getValue("Premain-Class"));
            assertEquals("dev.slabagent.agent.SlabAgent", main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertEquals("dev.slabagent.agent.cli.SlabCli", main.getValue("Main-Class"));
        }
    }

    @Test
    void everyClassIsTheAgentsOwnOrShadedUnderDevSlabagentShaded() throws IOException {
        List<String> classes;
        try (JarFile jar = new JarFile(HostJvm.AGENT_JAR.toFile())) {
            classes = Collections.list(jar.entries()).stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
                    .toList();
        }
        assertEquals(List.of(), classes.stream().filter(n -> !n.startsWith("dev/slabagent/")).toList(),
                "classes outside dev/slabagent/ would clash with the host's own");
        assertEquals(List.of(), classes.stream().filter(n -> !n.startsWith("dev/slabagent/agent/")
                && !n.startsWith("dev/slabagent/runtime/") && !n.startsWith("dev/slabagent/shaded/")
                && !n.startsWith("dev/slabagent/ab/") && !n.startsWith("dev/slabagent/stats/")).toList(),
                "only the agent, its runtime, the ab command, its statistics and shaded libraries");
        for (String library : List.of("bytebuddy/ByteBuddy", "asm/ClassReader", "slf4j/LoggerFactory",
                "slf4j/simple/SimpleLogger", "picocli/CommandLine", "math3/stat/inference/MannWhitneyUTest",
                "jackson/core/JsonGenerator", "xchart/XYChart")) {
            assertTrue(classes.contains("dev/slabagent/shaded/" + library + ".class"), library + " is shaded");
        }
    }
}
