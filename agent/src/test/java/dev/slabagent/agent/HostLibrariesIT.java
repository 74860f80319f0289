package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped agent jar on a host program that has its own, unshaded ByteBuddy, SLF4J and slf4j-simple on its class
 * path ({@code fixture.host.HostMain}): neither clashes with the agent's shaded copies, and to the shipped agent the
 * host's copies are host code (its {@code ClassFilter} names only the JDK and {@code dev/slabagent/...}), so a cache of
 * the host's own SLF4J class works.
 */
class HostLibrariesIT {

    private static final String TUPLES = """
            slab.tuple.class=org.slf4j.helpers.FormattingTuple
            slab.tuple.release=fixture.host.HostMain#done:0
            slab.tuple.verify=0
            slab.tuple.sample=0
            sites=fixture.host
            report=exit
            """;

    @TempDir
    Path dir;

    @Test
    void hostWithItsOwnByteBuddyAndSlf4jRunsAndItsCacheHits() throws Exception {
        HostJvm.Run plain = host(null);
        assertEquals(0, plain.exit(), plain.stderr());
        assertTrue(plain.stdout().startsWith("fixture.host.Generated: made by the host's ByteBuddy"), plain.stdout());
        HostJvm.Run agent = host(HostJvm.config(dir, TUPLES));
        assertEquals(0, agent.exit(), agent.stderr());
        assertEquals(plain.stdout(), agent.stdout(), "the host computes the same with the agent");
        assertTrue(agent.stderr().contains("INFO fixture.host.HostMain - host logging: made by the host's ByteBuddy"),
                "the host's slf4j-simple logs: " + agent.stderr());
        assertFalse(agent.stderr().contains("SLF4J("), "no SLF4J provider clash or fallback: " + agent.stderr());
        assertFalse(agent.stderr().contains("slab-agent:"), "no problem reported: " + agent.stderr());
        long[] row = agent.slabinfo("tuple");
        assertEquals(10_000, row[3], "allocs: " + Arrays.toString(row));
        assertEquals(10_000, row[4], "frees");
        assertTrue(row[5] >= 9_999, "hits: " + Arrays.toString(row));
    }

    @Test
    void shippedClassFilterLeavesTheHostsLibrariesToTheHost() throws Exception {
        List<String> names = List.of("net/bytebuddy/ByteBuddy", "org/objectweb/asm/ClassReader", "org/slf4j/Logger",
                "picocli/CommandLine", "dev/slabagent/shaded/bytebuddy/ByteBuddy", "dev/slabagent/shaded/slf4j/Logger",
                "dev/slabagent/runtime/SlabCache", "java/lang/String");
        HostJvm.Run probe = HostJvm.run(dir, null, List.of(HostJvm.AGENT_JAR, HostJvm.TEST_CLASSES),
                "fixture.host.FilterProbe", names.toArray(String[]::new));
        assertEquals(0, probe.exit(), probe.stderr());
        assertEquals(List.of("net/bytebuddy/ByteBuddy true", "org/objectweb/asm/ClassReader true", "org/slf4j/Logger true",
                "picocli/CommandLine true", "dev/slabagent/shaded/bytebuddy/ByteBuddy false",
                "dev/slabagent/shaded/slf4j/Logger false", "dev/slabagent/runtime/SlabCache false", "java/lang/String false"),
                probe.stdout().lines().toList());
    }

    private HostJvm.Run host(Path config) throws Exception {
        return HostJvm.run(dir, config, List.of(HostJvm.TEST_CLASSES, HostJvm.libraryJar("byte-buddy"),
                HostJvm.libraryJar("slf4j-api"), HostJvm.libraryJar("slf4j-simple")), "fixture.host.HostMain");
    }
}
