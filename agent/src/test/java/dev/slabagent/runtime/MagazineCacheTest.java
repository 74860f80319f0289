package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What only the magazine strategy needs: the fixed CPU layer, and stripes that outlive or miss a drain. */
class MagazineCacheTest {

    private static final int CAPACITY = 64;

    private static void freeFresh(SlabCache c, int n) {
        for (int i = 0; i < n; i++) {
            c.free(new Object());
        }
    }

    @Test
    void theCpuLayerHasTwiceAsManyStripesAsProcessorsRoundedUpToAPowerOfTwo() {
        assertEquals(2, Stripes.count(1));
        assertEquals(4, Stripes.count(2));
        assertEquals(8, Stripes.count(3));
        assertEquals(8, Stripes.count(4));
        assertEquals(256, Stripes.count(128));
    }

    @Test
    void aNewThreadsFirstAllocationTakesAFullMagazineFromTheDepot() throws Exception {
        SlabCache c = SlabCache.create("first", Strategy.MAGAZINE, CAPACITY);
        freeFresh(c, CAPACITY);
        AtomicReference<Object> first = new AtomicReference<>();
        Thread t = new Thread(() -> first.set(c.allocate()));
        t.start();
        t.join();
        assertNotNull(first.get());
        assertEquals(0, c.stats().misses());
    }

    @Test
    void drainAlsoEmptiesTheStripeOfAnotherLiveThread() throws Exception {
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
