package dev.slabagent.runtime;

import java.util.concurrent.atomic.LongAdder;

/**
 * {@link Strategy#NEW}: keeps nothing, only counts; every allocation is a miss. The counts live in leased stripes,
 * one per thread id modulo twice the processors (as {@link MagazineCache}'s CPU layer), written without atomic
 * read-modify-write; a thread whose stripe another live thread holds counts in a {@link LongAdder}.
 */
final class NewCache extends SlabCache {

    private final CountingStripe[] stripes;
    private final int mask;
    private final LongAdder pastMisses = new LongAdder();
    private final LongAdder pastFrees = new LongAdder();

    NewCache(String name, int capacity) {
        super(name, Strategy.NEW, capacity);
        int n = Stripes.forThisMachine();
        this.stripes = new CountingStripe[n];
        this.mask = n - 1;
        for (int i = 0; i < n; i++) {
            stripes[i] = new CountingStripe();
        }
    }

    @Override
    public Object allocate() {
        Thread me = Carriers.current();
        CountingStripe s = stripes[(int) me.getId() & mask];
        if (s.leasedTo(me)) {
            s.miss();
        } else {
            pastMisses.increment();
        }
        return null;
    }

    @Override
    public void free(Object o) {
        if (o != null && countFree(sampleEvery()) && inPlaceOf(o) != null) {
            countFree(0);
        }
    }

    /** Counts a free, unless the stripe's countdown of {@code every} releases (0: none) picks it as a sample: true then. */
    private boolean countFree(int every) {
        Thread me = Carriers.current();
        CountingStripe s = stripes[(int) me.getId() & mask];
        if (!s.leasedTo(me)) {
            if (pastSampleDue(every)) {
                return true;
            }
            pastFrees.increment();
            return false;
        }
        if (every != 0 && s.sampleDue(every)) {
            return true;
        }
        s.free();
        return false;
    }

    @Override
    public void drain() {
        // nothing is ever held
    }

    @Override
    Tally tally() {
        long misses = pastMisses.sum();
        long frees = pastFrees.sum();
        for (CountingStripe s : stripes) {
            misses += s.misses();
            frees += s.frees();
        }
        return new Tally(0, misses, frees, 0, 0);
    }
}
