package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import fixture.arrays.Buffers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/** Array caches: {@code new T[n]} sites rewritten, served when n is the cache's length, cleared or kept as configured. */
class ArrayCachesTest {

    private static final int CAPACITY = 8;

    @BeforeAll
    static void install() {
        Installation installed = TestAgent.install("""
                slab.block.array=byte[4096]
                slab.block.release=fixture.arrays.Buffers#free:0
                slab.block.capacity=%d
                slab.names.array=java.lang.String[16]
                slab.names.release=fixture.arrays.Buffers#free:0
                slab.keep.array=long[64]
                slab.keep.release=fixture.arrays.Buffers#free:0
                slab.keep.zero=false
                sites=fixture.arrays
                """.formatted(CAPACITY));
        assertEquals(List.of("block", "names", "keep"), installed.activated(), installed.problems().toString());
        assertEquals(List.of(), installed.problems());
    }

    @AfterAll
    static void uninstall() {
        TestAgent.installer().uninstall();
    }

    @BeforeEach
    void emptyCaches() {
        for (String name : List.of("block", "names", "keep")) {
            SlabRegistry.get(name).drain();
        }
    }

    @Test
    void servedSitesHaveNoArrayCreationLeft() throws Exception {
        byte[] rewritten = TestAgent.currentClassFile(Buffers.class);
        assertEquals("", TestAgent.verify(rewritten, Buffers.class.getClassLoader()));
        List<String> creations = new ArrayList<>();
        ClassNode node = new ClassNode();
        new ClassReader(rewritten).accept(node, 0);
        for (MethodNode m : node.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof IntInsnNode i && i.getOpcode() == Opcodes.NEWARRAY) {
                    creations.add(m.name + " NEWARRAY " + i.operand);
                } else if (insn instanceof TypeInsnNode t && t.getOpcode() == Opcodes.ANEWARRAY) {
                    creations.add(m.name + " ANEWARRAY " + t.desc);
                } else if (insn.getOpcode() == Opcodes.MULTIANEWARRAY) {
                    creations.add(m.name + " MULTIANEWARRAY");
                }
            }
        }
        assertEquals(List.of("ints NEWARRAY " + Opcodes.T_INT, "grid MULTIANEWARRAY"), creations,
                "only the uncached int[] and the MULTIANEWARRAY are left");
        assertEquals(10, TestAgent.slabSites(rewritten), "every byte[], String[] and long[] site is a cache call");
    }

    @Test
    void rewrittenSitesMakeWhatTheOriginalsMade() {
        assertEquals(4096, Buffers.FIRST.length);
        assertEquals(4096, Buffers.block().length);
        assertEquals(100, Buffers.block(100).length);
        assertEquals(4096, Buffers.either(true).length);
        assertEquals(16, Buffers.either(false).length);
        assertEquals(4096, Buffers.lazy().get().length);
        assertEquals(12, Buffers.parsed("12").length);
        assertEquals(4096, Buffers.parsed("many").length);
        assertEquals(16, Buffers.names().length);
        assertEquals(2, Buffers.grid().length);
        assertEquals(4096, Buffers.ints().length);
    }

    @Test
    void otherLengthsFallThroughToNewAndAreCountedApart() {
        SlabCache block = SlabRegistry.get("block");
        Buffers.free(Buffers.block());
        SlabStats before = block.stats();
        long unserved = block.unserved();
        assertEquals(100, Buffers.block(100).length);
        assertEquals(16, Buffers.either(false).length);
        SlabStats after = block.stats();
        assertEquals(unserved + 2, block.unserved());
        assertEquals(before.hits(), after.hits());
        assertEquals(before.misses(), after.misses(), "another length is not a miss");
        assertEquals(before.allocs(), after.allocs());
    }

    @Test
    void reusedArrayIsZeroFilledLikeAFreshOne() {
        byte[] block = Buffers.block();
        Arrays.fill(block, (byte) 7);
        Buffers.free(block);
        long hits = SlabRegistry.get("block").stats().hits();
        byte[] again = Buffers.block();
        assertSame(block, again, "the freed array comes back");
        assertEquals(hits + 1, SlabRegistry.get("block").stats().hits());
        assertArrayEquals(new byte[4096], again);
    }

    @Test
    void reusedArrayOfReferencesIsClearedToNull() {
        String[] names = Buffers.names();
        Arrays.fill(names, "taken");
        Buffers.free(names);
        String[] again = Buffers.names();
        assertSame(names, again);
        assertArrayEquals(new String[16], again);
    }

    @Test
    void zeroFalseKeepsTheOldContents() {
        long[] longs = Buffers.longs();
        Arrays.fill(longs, 42L);
        Buffers.free(longs);
        long[] again = Buffers.longs();
        assertSame(longs, again);
        long[] expected = new long[64];
        Arrays.fill(expected, 42L);
        assertArrayEquals(expected, again);
    }

    @Test
    void onlyArraysOfTheCachesClassAndLengthAreFreed() {
        SlabCache block = SlabRegistry.get("block");
        long frees = block.stats().frees();
        Buffers.free(Buffers.block(100));
        Buffers.free(new byte[4095]);
        Buffers.free((byte[]) null);
        assertEquals(frees, block.stats().frees(), "an array of another length never enters the cache");
        byte[] small = Buffers.block(100);
        assertEquals(100, small.length);
        Buffers.free(new byte[4096]);
        assertEquals(frees + 1, block.stats().frees());
        assertEquals(4096, Buffers.block(4096).length);
    }

    @Test
    void steadyLoopHitsAndCapacityIsRespected() {
        SlabCache block = SlabRegistry.get("block");
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 3 * CAPACITY; i++) {
            out.add(Buffers.block());
        }
        out.forEach(Buffers::free);
        SlabStats full = block.stats();
        assertEquals(CAPACITY, full.numObjs() - full.activeObjs(), "at most capacity free arrays kept: " + full);
        for (int i = 0; i < 1000; i++) {
            Buffers.free(Buffers.block());
        }
        SlabStats after = block.stats();
        assertEquals(full.misses(), after.misses(), "a steady loop must not miss");
        assertEquals(full.hits() + 1000, after.hits());
        assertEquals(TestAgent.instrumentation().getObjectSize(new byte[4096]), after.objSize(), "objsize is the array's size");
    }

    @Test
    void aFreedArrayIsNotHandedOutTwice() {
        byte[] a = Buffers.block();
        Buffers.free(a);
        byte[] b = Buffers.block();
        byte[] c = Buffers.block();
        assertSame(a, b);
        assertNotSame(b, c);
        assertTrue(c.length == 4096);
    }
}
