package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What only the magazine strategy needs: per-thread state that outlives or misses a drain, and ended threads. */
class MagazineCacheTest {

    private static final int CAPACITY = 64;

    private static void freeFresh(SlabCache c, int n) {
        for (int i = 0; i < n; i++) {
            c.free(new Object());
        }
    }

    @Test
    void anEndedThreadsCapacityComesBack() throws Exception {
        SlabCache c = SlabCache.create("ended", Strategy.MAGAZINE, CAPACITY);
        Thread t = new Thread(() -> freeFresh(c, CAPACITY));
        t.start();
        t.join();
        int inItsMagazines = 2 * MagazineCache.MAX_ROUNDS;
        assertEquals(CAPACITY - inItsMagazines, c.stats().freeObjs(),
                "the ended thread's own magazines are dropped; its full magazines in the depot stay");
        freeFresh(c, CAPACITY);
        assertEquals(CAPACITY, c.stats().freeObjs(), "its credits serve this thread's frees");
    }

    @Test
    void aThreadAtCapacityReclaimsEndedThreadsCreditsWithoutAnyStatsCall() throws Exception {
        SlabCache c = SlabCache.create("starved", Strategy.MAGAZINE, CAPACITY);
        c.free(new Object());
        Thread t = new Thread(() -> freeFresh(c, CAPACITY));
        t.start();
        t.join();
        freeFresh(c, ThreadMagazines.STARVED_RECLAIM_INTERVAL + 2 * CAPACITY);
        int hits = 0;
        while (c.allocate() != null) {
            hits++;
        }
        assertEquals(CAPACITY, hits);
    }

    @Test
    void drainAlsoEmptiesTheMagazinesOfAnotherLiveThread() throws Exception {
        SlabCache c = SlabCache.create("drained", Strategy.MAGAZINE, CAPACITY);
        CountDownLatch freed = new CountDownLatch(1);
        CountDownLatch drained = new CountDownLatch(1);
        AtomicReference<Object> afterDrain = new AtomicReference<>("not run");
        Thread t = new Thread(() -> {
            freeFresh(c, 10);
            freed.countDown();
            SlabCacheContract.awaitQuietly(drained);
            afterDrain.set(c.allocate());
        });
        t.start();
        freed.await();
        assertEquals(10, c.stats().freeObjs());
        c.drain();
        assertEquals(0, c.stats().freeObjs());
        drained.countDown();
        t.join();
        assertNull(afterDrain.get(), "the other thread's old magazine is not used after the drain");
        assertEquals(1, c.stats().misses());
    }
}
