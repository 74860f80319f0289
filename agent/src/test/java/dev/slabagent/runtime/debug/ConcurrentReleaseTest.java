package dev.slabagent.runtime.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With slab debugging, "handed out -> free" is one atomic step: of two racing releases exactly one frees. */
class ConcurrentReleaseTest {

    private static final int ROUNDS = 2_000;

    @Test
    @Timeout(60)
    void twoThreadsReleasingTheSameObjectGiveOneFreeAndOneDoubleFree() throws Exception {
        SlabDebug debug = new SlabDebug("race", List.of());
        debug.set(DebugMode.ON, true);
        AtomicInteger frees = new AtomicInteger();
        Object[] current = new Object[1];
        CyclicBarrier start = new CyclicBarrier(2, () -> current[0] = debug.handedOut(new int[] {1}));
        CyclicBarrier end = new CyclicBarrier(2);
        Runnable releaser = () -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    start.await();
                    Object o = current[0];
                    if (debug.releasing(o) && debug.released(o)) {
                        frees.incrementAndGet();
                    }
                    end.await();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        Thread a = new Thread(releaser);
        Thread b = new Thread(releaser);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(ROUNDS, frees.get(), "exactly one of the two releases frees each object");
        assertEquals(ROUNDS, debug.counts().doubleFrees(), "the other is reported as a double free");
    }
}
