package dev.slabagent.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.Stripes;
import dev.slabagent.runtime.Strategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A live cache picks its samples on its own fast path, one release in {@code sample} counted down per stripe, and
 * keeps a stand-in in each sample's place; a stand-in is never a sample itself.
 */
class SamplingTest {

    /** A released object, numbered from 1; a stand-in's number is 0. */
    static final class Item {
        final int id;

        Item(int id) {
            this.id = id;
        }
    }

    @ParameterizedTest
    @CsvSource({"MAGAZINE, 4, 10", "LOCKED, 4, 10", "MAGAZINE, 1, 40", "LOCKED, 1, 40", "MAGAZINE, 0, 0", "LOCKED, 0, 0"})
    void oneReleaseInSampleIsTakenAndAStandInKeptInItsPlace(Strategy strategy, int sample, int standIns) {
        SlabCache cache = SlabCache.create("items", strategy, 1_000);
        Verification v = new Verification(cache, 0, sample, OnHazard.OFF);
        cache.verification(v);
        List<Item> released = new ArrayList<>(); // held, so that no collection clears a watched sample meanwhile
        try {
            for (int i = 1; i <= 40; i++) {
                released.add(new Item(i));
                cache.free(released.get(i - 1));
            }
            assertEquals(standIns, v.watchedCount(), "samples watched");
            List<Item> back = new ArrayList<>();
            for (Object o; (o = cache.allocate()) != null; ) {
                back.add((Item) o);
            }
            assertEquals(40, back.size(), "every release, or a stand-in for it, is kept");
            assertEquals(standIns, back.stream().filter(item -> item.id == 0).count(), "stand-ins handed out");
            assertEquals(40, cache.stats().frees(), "frees counted, a stand-in's as its sample's");
            assertEquals(40, cache.stats().hits(), "no allocation missed behind a sample");
        } finally {
            v.retire();
        }
    }

    @ParameterizedTest
    @CsvSource({"NEW, true", "NEW, false", "MAGAZINE, false"})
    void anotherThreadsReleasesAreSampledOnItsStripeOrPastTheStripes(Strategy strategy, boolean sameStripe)
            throws InterruptedException {
        SlabCache cache = SlabCache.create("items", strategy, 1_000);
        Verification v = new Verification(cache, 0, 4, OnHazard.OFF);
        cache.verification(v);
        List<Item> released = new ArrayList<>(); // held, so that no collection clears a watched sample meanwhile
        try {
            released.add(new Item(0));
            cache.free(released.get(0)); // the test thread's stripe: leased to it from now on, its first release a sample
            Thread releaser = threadPicking(sameStripe, () -> {
                for (int i = 1; i <= 40; i++) {
                    Item item = new Item(i);
                    synchronized (released) {
                        released.add(item);
                    }
                    cache.free(item);
                }
            });
            releaser.start();
            releaser.join();
            assertEquals(1 + 10, v.watchedCount(), "one release in 4 of the other thread's, its first included");
            assertEquals(41, cache.stats().frees());
        } finally {
            v.retire();
        }
    }

    /**
     * A thread running {@code task} whose stripe (its id modulo the stripes) is the calling thread's, which holds it:
     * its releases go past the stripes; or, if not {@code sameStripe}, a thread with a stripe of its own.
     */
    private static Thread threadPicking(boolean sameStripe, Runnable task) {
        int mask = Stripes.forThisMachine() - 1;
        long mine = Thread.currentThread().getId() & mask;
        while (true) {
            Thread t = new Thread(task, "releaser");
            if (((t.getId() & mask) == mine) == sameStripe) {
                return t;
            }
        }
    }
}
