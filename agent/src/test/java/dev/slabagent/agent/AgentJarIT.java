package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded agent jar ({@code target/slab-agent.jar}, built in the package phase) run as
 * {@code -javaagent} on a host program in a child JVM of the JDK running the tests.
 */
class AgentJarIT {

    private static final String GOOD = """
            slab.packet.class=fixture.pool.Packet
            slab.packet.release=fixture.pool.Router#stop:0
            slab.packet.when=ref==0
            slab.packet.verify=0
            slab.packet.sample=0
            sites=fixture
            report=exit
            """;

    @TempDir
    Path dir;

    @Test
    void hostProgramRecyclesAndReportsSlabinfoAtExit() throws Exception {
        HostJvm.Run plain = run(null);
        HostJvm.Run agent = run(config(GOOD));
        assertEquals(0, agent.exit(), agent.stderr());
        assertEquals(plain.stdout(), agent.stdout(), "the program computes the same with the agent, and the agent"
                + " sets no system property");
        assertEquals(plain.stderr(), agent.stderr().lines().filter(l -> !l.startsWith("# name") && !l.startsWith("packet "))
                .map(l -> l + System.lineSeparator()).collect(Collectors.joining()),
                "nothing on stderr but the slabinfo table report=exit asks for (JDK 24+: no Unsafe warning)");
        long[] row = agent.slabinfo("packet");
        assertEquals(0, row[0], "active_objs");
        assertTrue(row[2] > 0, "objsize measured");
        assertEquals(100_000, row[3], "allocs");
        assertEquals(100_000, row[4], "frees");
        assertTrue(row[5] >= 99_000, "hits: " + Arrays.toString(row));
        assertEquals(100_000, row[5] + row[6], "hits + misses = allocs");
    }

    @Test
    void badConfigPrintsOneLinePerProblemAndTheProgramRunsUnmodified() throws Exception {
        HostJvm.Run plain = run(null);
        HostJvm.Run agent = run(config("""
                slab.packet.class=fixture.pool.Packet
                slab.packet.release=fixture.pool.Router#stop:7
                slab.ghost.class=fixture.pool.Ghost
                slab.ghost.release=fixture.pool.Router#stop:0
                slab.packet2.class=fixture.pool.Packet
                slab.packet2.release=fixture.pool.Router#stop:0
                slab.packet2.strategy=fast
                """));
        assertEquals(0, agent.exit(), agent.stderr());
        assertEquals(plain.stdout(), agent.stdout());
        List<String> lines = agent.stderr().lines().filter(l -> l.contains("slab-agent:")).toList();
        assertEquals(3, lines.size(), agent.stderr());
        assertTrue(lines.stream().anyMatch(l -> l.contains("slab.packet.release: fixture.pool.Router: argument 7 out of range")), agent.stderr());
        assertTrue(lines.stream().anyMatch(l -> l.contains("slab.ghost.class: class fixture.pool.Ghost not found")), agent.stderr());
        assertTrue(lines.stream().anyMatch(l -> l.contains("slab.packet2.strategy")), agent.stderr());
    }

    @Test
    void missingConfigFileIsOneLineAndTheProgramRuns() throws Exception {
        HostJvm.Run agent = run(dir.resolve("nope.properties"));
        assertEquals(0, agent.exit(), agent.stderr());
        assertEquals(run(null).stdout(), agent.stdout());
        assertEquals(1, agent.stderr().lines().filter(l -> l.contains("slab-agent:") && l.contains("nope.properties")).count(),
                agent.stderr());
    }

    @Test
    void aHostWithItsOwnSlf4jBindingGetsExactlyTheDocumentedLineOnStderr() throws Exception {
        List<Path> classPath = List.of(HostJvm.TEST_CLASSES, HostJvm.libraryJar("slf4j-api"),
                HostJvm.libraryJar("slf4j-simple"));
        HostJvm.Run plain = HostJvm.run(dir, null, classPath, "fixture.app.Main");
        HostJvm.Run agent = HostJvm.run(dir, config("""
                slab.ghost.class=fixture.pool.Ghost
                slab.ghost.release=fixture.pool.Router#stop:0
                """), classPath, "fixture.app.Main");
        assertEquals(0, agent.exit(), agent.stderr());
        assertEquals(plain.stdout(), agent.stdout());
        assertEquals(plain.stderr() + "slab-agent: slab.ghost.class: class fixture.pool.Ghost not found; cache ghost is not"
                + " rewritten" + System.lineSeparator(), agent.stderr());
    }

    private Path config(String text) throws IOException {
        return HostJvm.config(dir, text);
    }

    /** Runs fixture.app.Main, with the agent and {@code config} unless it is null. */
    private HostJvm.Run run(Path config) throws Exception {
        return HostJvm.run(dir, config, List.of(HostJvm.TEST_CLASSES), "fixture.app.Main");
    }
}
