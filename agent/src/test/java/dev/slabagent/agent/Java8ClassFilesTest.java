package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.alloc.Release;
import fixture.java8.Frame;
import fixture.java8.Frames;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A pooled class, its allocation site and its release point compiled as Java 8 class files ({@code --release 8},
 * src/test/java8): the release code takes its handle from a constant {@code invokedynamic} call site, objects come
 * back equal to fresh ones, and releases and allocations allocate nothing.
 */
class Java8ClassFilesTest {

    private static final int WARM_UP = 50_000;
    private static final int ROUND_TRIPS = 200_000;
    private static final long BOUND = 16_384;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void fixturesAreJava8ClassFiles() throws IOException {
        for (Class<?> c : List.of(Frame.class, Frames.class)) {
            assertEquals(Opcodes.V1_8, new ClassReader(original(c)).readUnsignedShort(6), c.getName());
        }
    }

    @Test
    void releaseCodeUsesAConstantCallSite() throws Exception {
        install("locked");
        ClassNode frames = read(TestAgent.currentClassFile(Frames.class));
        assertEquals(Opcodes.V1_8, frames.version, "the class file keeps its version");
        assertEquals(List.of("open(J)Lfixture/java8/Frame; " + Type.getInternalName(dev.slabagent.runtime.alloc.SlabSites.class)
                        + ".bootstrap", "stop(Lfixture/java8/Frame;)V " + Type.getInternalName(Release.class) + ".releaserSite"),
                indys(frames));
    }

    @ParameterizedTest
    @ValueSource(strings = {"locked", "magazine"})
    void recycledFrameEqualsAFreshOne(String strategy) throws Exception {
        install(strategy);
        Frame used = Frames.open(7);
        used.tags.add("used");
        used.weight = 9;
        used.ref = 1;
        Frames.stop(used);
        Frame recycled = Frames.open(8);
        assertSame(used, recycled);
        FieldState.assertSameState(new Frame(8, 3, 0.5), recycled);
    }

    @ParameterizedTest
    @ValueSource(strings = {"locked", "magazine"})
    void releasesAndAllocationsAllocateNothing(String strategy) {
        install(strategy);
        Frame first = roundTrips(null, WARM_UP);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        roundTrips(first, ROUND_TRIPS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < BOUND, ROUND_TRIPS + " allocations and releases of Java 8 class files allocated "
                + allocated + " bytes");
        assertTrue(SlabRegistry.get("frame").stats().hits() >= ROUND_TRIPS, SlabRegistry.get("frame").stats().toString());
    }

    /** Opens and stops a frame {@code n} times; every frame is {@code expected} (the cache's one object) once known. */
    private static Frame roundTrips(Frame expected, int n) {
        Frame last = expected;
        for (int i = 0; i < n; i++) {
            Frame f = Frames.open(i);
            if (last != null && f != last) {
                throw new AssertionError("round trip " + i + " did not reuse the released frame");
            }
            Frames.stop(f);
            last = f;
        }
        return last;
    }

    private static void install(String strategy) {
        Installation installed = TestAgent.install("""
                slab.frame.class=fixture.java8.Frame
                slab.frame.release=fixture.java8.Frames#stop:0
                slab.frame.when=ref==0
                slab.frame.strategy=%s
                slab.frame.preserve=tags
                sites=fixture.java8
                """.formatted(strategy));
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("frame"), installed.activated());
    }

    /** Each {@code invokedynamic} of the class as "method bootstrap-owner.bootstrap-name". */
    private static List<String> indys(ClassNode c) {
        List<String> found = new java.util.ArrayList<>();
        for (MethodNode m : c.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy) {
                    found.add(m.name + m.desc + " " + indy.bsm.getOwner() + "." + indy.bsm.getName());
                }
            }
        }
        return found;
    }

    private static ClassNode read(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node;
    }

    private static byte[] original(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
