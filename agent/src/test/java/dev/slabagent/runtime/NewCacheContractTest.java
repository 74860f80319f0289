package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cache contract for {@link Strategy#NEW} caches of plain objects, and its counting. */
class NewCacheContractTest extends SlabCacheContract {

    @Override
    Strategy strategy() {
        return Strategy.NEW;
    }

    /**
     * More live threads than stripes, all counting at once: those whose stripe another live thread leases count in
     * the shared adder. Every allocation and free is counted exactly once, whichever way it went.
     */
    @Test
    @Timeout(60)
    void countsAreExactWhenLiveThreadsOutnumberTheStripes() throws Exception {
        SlabCache c = cache(CAPACITY);
        int threads = 4 * Stripes.forThisMachine();
        int each = 20_000;
        CountDownLatch allStarted = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                allStarted.countDown();
                awaitQuietly(go);
                for (int k = 0; k < each; k++) {
                    c.free(allocateOrCreate(c));
                }
            });
            t.start();
            workers.add(t);
        }
        allStarted.await();
        go.countDown();
        for (Thread t : workers) {
            t.join();
        }
        SlabStats s = c.stats();
        assertEquals((long) threads * each, s.allocs());
        assertEquals((long) threads * each, s.frees());
        assertEquals(0, s.hits());
    }
}
