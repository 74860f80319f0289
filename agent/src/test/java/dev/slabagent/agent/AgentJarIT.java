package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded agent jar ({@code target/slab-agent.jar}, built in the package phase) run as
 * {@code -javaagent} on a host program in a child JVM of the JDK running the tests.
 */
class AgentJarIT {

    private static final Path AGENT_JAR = Path.of("target", "slab-agent.jar");
    private static final String GOOD = """
            slab.packet.class=fixture.pool.Packet
            slab.packet.release=fixture.pool.Router#stop:0
            slab.packet.when=ref==0
            sites=fixture
            report=exit
            """;

    @TempDir
    Path dir;

    @Test
    void hostProgramRecyclesAndReportsSlabinfoAtExit() throws Exception {
        Run plain = run(null);
        Run agent = run(config(GOOD));
        assertEquals(0, agent.exit, agent.stderr);
        assertEquals(plain.stdout, agent.stdout, "the program computes the same with the agent");
        List<String> table = agent.stderr.lines().filter(l -> l.startsWith("# name") || l.startsWith("packet ")).toList();
        assertEquals("# name active_objs num_objs objsize allocs frees hits misses", table.get(0), agent.stderr);
        long[] row = Arrays.stream(table.get(1).trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
        assertEquals(0, row[0], "active_objs");
        assertTrue(row[2] > 0, "objsize measured");
        assertEquals(100_000, row[3], "allocs");
        assertEquals(100_000, row[4], "frees");
        assertTrue(row[5] >= 99_000, "hits: " + table.get(1));
        assertEquals(100_000, row[5] + row[6], "hits + misses = allocs");
    }

    @Test
    void badConfigPrintsOneLinePerProblemAndTheProgramRunsUnmodified() throws Exception {
        Run plain = run(null);
        Run agent = run(config("""
                slab.packet.class=fixture.pool.Packet
                slab.packet.release=fixture.pool.Router#stop:7
                slab.ghost.class=fixture.pool.Ghost
                slab.ghost.release=fixture.pool.Router#stop:0
                slab.packet2.class=fixture.pool.Packet
                slab.packet2.release=fixture.pool.Router#stop:0
                slab.packet2.strategy=fast
                """));
        assertEquals(0, agent.exit, agent.stderr);
        assertEquals(plain.stdout, agent.stdout);
        List<String> lines = agent.stderr.lines().filter(l -> l.contains("slab-agent:")).toList();
        assertEquals(3, lines.size(), agent.stderr);
        assertTrue(lines.stream().anyMatch(l -> l.contains("slab.packet.release: fixture.pool.Router: argument 7 out of range")), agent.stderr);
        assertTrue(lines.stream().anyMatch(l -> l.contains("slab.ghost.class: class fixture.pool.Ghost not found")), agent.stderr);
        assertTrue(lines.stream().anyMatch(l -> l.contains("slab.packet2.strategy")), agent.stderr);
    }

    @Test
    void missingConfigFileIsOneLineAndTheProgramRuns() throws Exception {
        Run agent = run(dir.resolve("nope.properties"));
        assertEquals(0, agent.exit, agent.stderr);
        assertEquals(run(null).stdout, agent.stdout);
        assertEquals(1, agent.stderr.lines().filter(l -> l.contains("slab-agent:") && l.contains("nope.properties")).count(),
                agent.stderr);
    }

    private Path config(String text) throws IOException {
        Path file = Files.createTempFile(dir, "slab", ".properties");
        Files.writeString(file, text);
        return file;
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    /** Runs fixture.app.Main, with the agent and {@code config} unless it is null. */
    private Run run(Path config) throws Exception {
        assertTrue(Files.isRegularFile(AGENT_JAR), AGENT_JAR.toAbsolutePath() + " missing: run mvn package first");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (config != null) {
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=" + config);
        }
        command.addAll(List.of("-cp", Path.of("target", "test-classes").toAbsolutePath().toString(), "fixture.app.Main"));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
