package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Virtual threads use their carriers' stripes once the agent has linked the carrier (JDK 21 and later; the CI's JDK 25
 * pass runs these), platform threads their own; on JDK 17 every thread stays its own.
 */
class CarriersTest {

    /** The agent's installer links the carriers when it installs a config, as in a host. */
    @BeforeAll
    static void agent() {
        VirtualThreads.installAgent();
    }

    @Test
    void aPlatformThreadIsItsOwn() throws Exception {
        assertSame(Thread.currentThread(), Carriers.current());
        AtomicReference<Thread[]> seen = new AtomicReference<>();
        Thread t = new Thread(() -> seen.set(new Thread[] {Thread.currentThread(), Carriers.current()}));
        t.start();
        t.join();
        assertSame(seen.get()[0], seen.get()[1]);
    }

    @Test
    void aVirtualThreadIsNamedByItsCarrier() throws Exception {
        Optional<ExecutorService> virtual = VirtualThreads.perTaskExecutor();
        if (virtual.isEmpty()) {
            assertFalse(Carriers.linked(), "no carriers before JDK 21");
            return;
        }
        assertTrue(Carriers.linked(), "an install links the carriers on JDK " + Runtime.version());
        ExecutorService executor = virtual.get();
        try {
            // a mounted virtual thread's toString ends with "@" and its carrier's name
            Object[] seen = executor.submit(() -> new Object[] {Thread.currentThread(), Carriers.current(),
                    Thread.currentThread().toString()}).get();
            Thread carrier = (Thread) seen[1];
            assertTrue(VirtualThreads.isVirtual((Thread) seen[0]));
            assertNotSame(seen[0], carrier);
            assertFalse(VirtualThreads.isVirtual(carrier), "the carrier is a platform thread");
            assertTrue(((String) seen[2]).endsWith("@" + carrier.getName()),
                    "the thread named is the one carrying it: " + seen[2] + " vs " + carrier);
        } finally {
            executor.shutdown();
        }
    }

    /**
     * 2,000 virtual threads allocate, yield (unmounting, so that others run on the same carrier between the allocation
     * and the free) and free, 50 times each, checking that no object has two owners. The leased stripes end up held by
     * carriers only, and the tasks hit: the virtual threads share their carriers' stripes, none leases one of its own.
     */
    @Test
    @Timeout(120)
    void virtualThreadsThatYieldShareTheirCarriersStripesAndNeverAnObject() throws Exception {
        Optional<ExecutorService> virtual = VirtualThreads.perTaskExecutor();
        if (virtual.isEmpty()) {
            return;
        }
        MagazineCache c = (MagazineCache) SlabCache.create("carriers", Strategy.MAGAZINE, 256);
        AtomicReference<String> failure = new AtomicReference<>();
        int tasks = 2_000;
        int rounds = 50;
        ExecutorService executor = virtual.get();
        try {
            for (int i = 1; i <= tasks; i++) {
                int me = i;
                executor.execute(() -> {
                    for (int r = 0; r < rounds && failure.get() == null; r++) {
                        Object o = c.allocate();
                        AtomicInteger owner = o != null ? (AtomicInteger) o : new AtomicInteger();
                        if (!owner.compareAndSet(0, me)) {
                            failure.compareAndSet(null, "task " + me + " got an object owned by task " + owner.get());
                        }
                        Thread.yield();
                        if (!owner.compareAndSet(me, 0)) {
                            failure.compareAndSet(null, "task " + me + " lost its object to task " + owner.get());
                        }
                        c.free(owner);
                    }
                });
            }
        } finally {
            executor.shutdown();
            assertTrue(executor.awaitTermination(100, TimeUnit.SECONDS), "tasks did not end");
        }
        assertEquals(null, failure.get());
        SlabStats s = c.stats();
        assertEquals((long) tasks * rounds, s.allocs());
        assertTrue(s.hits() >= s.allocs() * 95 / 100, "virtual threads hit in their carriers' stripes: " + s);
        List<Thread> holders = c.leaseHolders().stream().filter(t -> t != null).toList();
        assertFalse(holders.isEmpty(), "a carrier holds a leased stripe");
        for (Thread holder : holders) {
            assertNotNull(holder);
            assertFalse(VirtualThreads.isVirtual(holder), "a virtual thread leased a stripe: " + holder);
        }
    }
}
