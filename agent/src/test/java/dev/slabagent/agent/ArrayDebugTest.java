package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.debug.DebugCounts;
import fixture.arrays.Buffers;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slab debugging of array caches (issues 7 and 8): a released array is poisoned, so with {@code zero=false} a reused
 * one holds the poison pattern instead of its old contents; a second release is a double free.
 */
class ArrayDebugTest {

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void reusedArrayWithoutZeroingHoldsThePoisonPattern() {
        install("false");
        long[] used = filledAndReleased();
        long[] reused = Buffers.longs();
        assertSame(used, reused);
        assertArrayEquals(poison(), reused, "a program that reads before it writes sees 0x6b, not old data");
    }

    @Test
    void reusedArrayWithZeroingIsZeroEvenThoughPoisonedOnRelease() {
        install("true");
        long[] used = filledAndReleased();
        assertArrayEquals(poison(), used, "a stale holder of the released array sees the poison");
        assertArrayEquals(new long[64], Buffers.longs());
    }

    @Test
    void secondReleaseOfAnArrayIsADoubleFree() {
        install("true");
        long[] used = Buffers.longs();
        Buffers.free(used);
        Buffers.free(used);
        assertEquals(new DebugCounts(1, 0, 0), SlabRegistry.get("keep").stats().debug());
        assertEquals(1, SlabRegistry.get("keep").stats().frees());
    }

    private static long[] filledAndReleased() {
        long[] used = Buffers.longs();
        Arrays.fill(used, 12345L);
        Buffers.free(used);
        return used;
    }

    private static long[] poison() {
        long[] poison = new long[64];
        Arrays.fill(poison, 0x6b6b6b6b6b6b6b6bL);
        return poison;
    }

    private static void install(String zero) {
        Installation installed = TestAgent.install("""
                slab.keep.array=long[64]
                slab.keep.release=fixture.arrays.Buffers#free:0
                slab.keep.strategy=locked
                slab.keep.zero=%s
                sites=fixture.arrays
                debug=on
                """.formatted(zero));
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("keep"), installed.activated());
    }
}
