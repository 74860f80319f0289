package dev.slabagent.runtime;

import java.util.ArrayDeque;

/**
 * {@link Strategy#LOCKED}: one free list (a LIFO stack) and its counters, all under one lock. A free of the object
 * on top of the list (the last one freed) is refused and counted, as the magazine strategy does.
 */
final class LockedCache extends SlabCache {

    private final Object lock = new Object();
    private final ArrayDeque<Object> free = new ArrayDeque<>();
    private long hits;
    private long misses;
    private long frees;
    private long refused;
    private int untilSample;

    LockedCache(String name, int capacity) {
        super(name, Strategy.LOCKED, capacity);
    }

    @Override
    public Object allocate() {
        synchronized (lock) {
            Object o = free.pollFirst();
            if (o == null) {
                misses++;
            } else {
                hits++;
            }
            return o;
        }
    }

    /** Frees {@code o} unless the countdown of {@code every} releases (0: none) picks it: then returns it, not kept. */
    @Override
    Object release(Object o, int every) {
        if (o == null) {
            return null;
        }
        synchronized (lock) {
            if (free.peekFirst() == o) {
                refused++;
                return null;
            }
            if (every != 0 && --untilSample <= 0) {
                untilSample = every;
                return o;
            }
            frees++;
            if (free.size() < capacity()) {
                free.addFirst(o);
            }
            return null;
        }
    }

    @Override
    public void drain() {
        synchronized (lock) {
            free.clear();
        }
    }

    @Override
    Tally tally() {
        synchronized (lock) {
            return new Tally(hits, misses, frees, free.size(), refused);
        }
    }
}
