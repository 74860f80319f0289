package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
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

    /**
     * An operation of a virtual thread on its carrier's leased stripe cut short (as if the thread were unmounted in it,
     * which nothing in an operation does) leaves the stripe marked in use: the next operations of virtual threads on
     * that carrier go to the claimed stripes and leave the marked stripe's objects alone, and once the mark is cleared
     * the stripe serves again. (Whether or not the carrier is linked: unlinked, a virtual thread is its own carrier.)
     */
    @Test
    void aStripeMarkedInUseIsPassedOverUntilTheMarkIsCleared() throws Exception {
        Optional<ExecutorService> virtual = VirtualThreads.perTaskExecutor();
        if (virtual.isEmpty()) {
            return;
        }
        ExecutorService executor = virtual.get();
        try {
            executor.submit(() -> {
                passesOverAMarkedStripe();
                return null;
            }).get();
        } finally {
            executor.shutdown();
        }
    }

    /** On a virtual thread. */
    private static void passesOverAMarkedStripe() {
        MagazineCache c = (MagazineCache) SlabCache.create("marked", Strategy.MAGAZINE, CAPACITY);
        freeFresh(c, 8);
        Thread carrier = Carriers.carrierOf(Thread.currentThread());
        MagazineStripe own = c.leasedStripeOf(carrier);
        assertTrue(own.isLeasedBy(carrier));
        assertTrue(own.enter(), "a stripe not in use can be entered");
        assertFalse(own.enter(), "a stripe in use cannot be entered twice");
        long ownHits = own.hits();
        long ownFrees = own.frees();
        Object fresh = new Object();
        c.free(fresh);
        Object got = c.allocate();
        assertEquals(ownHits, own.hits(), "the marked stripe served no allocation");
        assertEquals(ownFrees, own.frees(), "the marked stripe took no free");
        assertSame(fresh, got, "the claimed stripe served the free and the allocation");
        own.exit();
        assertNotNull(c.allocate());
        assertEquals(ownHits + 1, own.hits(), "cleared, the stripe serves again");
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

    /**
     * A thread that fills the cache and then only allocates gains a credit per hit and gives the spare ones back a
     * magazine at a time: however many objects it took before it stopped (alive), it keeps at most three magazines'
     * worth of the capacity (objects and credits), and another thread can fill the rest of the capacity again.
     */
    @Test
    void aLiveThreadThatOnlyAllocatedKeepsAtMostThreeMagazinesOfCapacity() throws Exception {
        int capacity = 256;
        int rounds = MagazineCache.MAX_ROUNDS;
        for (int taken = 1; taken <= capacity; taken++) {
            SlabCache c = SlabCache.create("producer", Strategy.MAGAZINE, capacity);
            int n = taken;
            CountDownLatch allocated = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Thread producer = new Thread(() -> {
                freeFresh(c, capacity);
                for (int i = 0; i < n; i++) {
                    c.allocate();
                }
                allocated.countDown();
                SlabCacheContract.awaitQuietly(done);
            });
            producer.start();
            allocated.await();
            try {
                assertEquals(n, c.stats().hits(), "the producer's allocations all hit");
                assertEquals(capacity - n, c.stats().freeObjs());
                freeFresh(c, capacity);
                long held = c.stats().freeObjs();
                assertTrue(held >= capacity - 3L * rounds && held <= capacity,
                        "after the producer took " + n + ": " + held + " of " + capacity + " held");
            } finally {
                done.countDown();
                producer.join();
            }
        }
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
