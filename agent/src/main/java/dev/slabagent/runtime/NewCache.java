package dev.slabagent.runtime;

import java.util.concurrent.atomic.LongAdder;

/** {@link Strategy#NEW}: keeps nothing, only counts; every allocation is a miss. */
final class NewCache extends SlabCache {

    private final LongAdder misses = new LongAdder();
    private final LongAdder frees = new LongAdder();

    NewCache(String name, int capacity) {
        super(name, Strategy.NEW, capacity);
    }

    @Override
    public Object allocate() {
        misses.increment();
        return null;
    }

    @Override
    public void free(Object o) {
        if (o != null) {
            frees.increment();
        }
    }

    @Override
    public void drain() {
        // nothing is ever held
    }

    @Override
    Tally tally() {
        return new Tally(0, misses.sum(), frees.sum(), 0, 0);
    }
}
