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

    /** Counts a free of {@code o}, unless the countdown of {@code every} releases (0: none) picks it: then returns it. */
    @Override
    Object release(Object o, int every) {
        if (o == null) {
            return null;
        }
        Thread me = Carriers.current();
        CountingStripe s = stripes[(int) me.getId() & mask];
        if (!s.leasedTo(me)) {
            if (pastSampleDue(every)) {
                return o;
            }
            pastFrees.increment();
            return null;
        }
        if (every != 0 && s.sampleDue(every)) {
            return o;
        }
        s.free();
        return null;
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
