package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import fixture.arrays.Buffers;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Array caches across threads, through rewritten sites: a producer allocates blocks and hands them to a consumer
 * that frees them, while both also allocate and free on their own. A block is never out twice at once, every block
 * handed out is all zeros (zero=true), and the cache never keeps more than its capacity.
 */
class ArrayConcurrencyTest {

    private static final int BLOCKS_PER_THREAD = 100_000;
    private static final int CAPACITY = 64;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @ParameterizedTest
    @ValueSource(strings = {"locked", "magazine"})
    void blocksCrossingThreadsAreNeverOutTwiceAndAlwaysZero(String strategy) throws Exception {
        assertEquals(4096, Buffers.FIRST.length, "the fixture's static initialiser runs before the count starts");
        Installation installed = TestAgent.install("""
                slab.block.array=byte[4096]
                slab.block.release=fixture.arrays.Buffers#free:0
                slab.block.strategy=%s
                slab.block.capacity=%d
                sites=fixture.arrays
                """.formatted(strategy, CAPACITY));
        assertEquals(List.of("block"), installed.activated(), installed.problems().toString());
        Set<byte[]> out = ConcurrentHashMap.newKeySet();
        BlockingQueue<byte[]> handoff = new ArrayBlockingQueue<>(CAPACITY);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = thread("producer", failure, () -> {
            for (int i = 0; i < BLOCKS_PER_THREAD; i++) {
                handoff.put(take(out, 1));
                Buffers.free(give(out, take(out, 1), 1));
            }
        });
        Thread consumer = thread("consumer", failure, () -> {
            for (int i = 0; i < BLOCKS_PER_THREAD; i++) {
                byte[] block = handoff.poll(30, TimeUnit.SECONDS);
                if (block == null) {
                    throw new AssertionError("producer stalled");
                }
                Buffers.free(give(out, block, 1));
                Buffers.free(give(out, take(out, 2), 2));
            }
        });
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();
        assertNull(failure.get(), () -> "worker failed: " + failure.get());
        SlabStats stats = SlabRegistry.get("block").stats();
        assertEquals(3L * BLOCKS_PER_THREAD, stats.allocs());
        assertEquals(3L * BLOCKS_PER_THREAD, stats.frees());
        assertTrue(stats.hits() > BLOCKS_PER_THREAD, "most allocations are hits: " + stats);
        assertTrue(stats.numObjs() - stats.activeObjs() <= CAPACITY, "capacity respected: " + stats);
    }

    /** Allocates a block at a rewritten site, checks it is fresh and free, and tags it with its owner. */
    private static byte[] take(Set<byte[]> out, int owner) {
        byte[] block = Buffers.block();
        if (!out.add(block)) {
            throw new AssertionError("block handed out twice at once");
        }
        for (byte b : block) {
            if (b != 0) {
                throw new AssertionError("a block from the cache is not all zeros");
            }
        }
        block[0] = (byte) owner;
        block[4095] = (byte) owner;
        return block;
    }

    /** Checks the owner's tags are intact and marks the block as no longer out. */
    private static byte[] give(Set<byte[]> out, byte[] block, int owner) {
        if (block[0] != owner || block[4095] != owner || !out.remove(block)) {
            throw new AssertionError("block changed owner while out");
        }
        return block;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Thread thread(String name, AtomicReference<Throwable> failure, Work work) {
        return new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
    }
}
