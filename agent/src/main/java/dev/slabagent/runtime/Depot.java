package dev.slabagent.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared layer of a {@link MagazineCache}: full and empty magazines under one lock, and the cache's
 * capacity as credits. A thread needs one credit per free object it keeps; credits move in batches, so the
 * atomic counter is touched once per magazine's worth of operations, not per operation.
 *
 * <p>Invariant (per depot): {@code credits + sum(thread credits) + sum(thread rounds) + full * rounds == capacity},
 * so the free objects held never exceed the capacity. {@link MagazineCache#drain()} replaces the whole depot.
 */
final class Depot {

    private final int rounds;
    private final int maxEmpty;
    private final AtomicInteger credits;
    private final ArrayDeque<Magazine> full = new ArrayDeque<>();
    private final ArrayDeque<Magazine> empty = new ArrayDeque<>();

    Depot(int capacity, int rounds) {
        this.rounds = rounds;
        this.maxEmpty = capacity / rounds + 1;
        this.credits = new AtomicInteger(capacity);
    }

    /** Takes up to {@code max} credits; returns how many were taken (0 when the cache is at capacity). */
    int takeCredits(int max) {
        while (true) {
            int available = credits.get();
            if (available == 0) {
                return 0;
            }
            int taken = Math.min(available, max);
            if (credits.compareAndSet(available, available - taken)) {
                return taken;
            }
        }
    }

    void giveCredits(int n) {
        credits.addAndGet(n);
    }

    /** Stores a full magazine and returns an empty one (a new one if the depot has none). */
    synchronized Magazine swapFullForEmpty(Magazine fullMagazine) {
        full.push(fullMagazine);
        Magazine e = empty.poll();
        return e != null ? e : new Magazine(rounds);
    }

    /** Stores an empty magazine and returns a full one, or returns {@code null} (storing nothing) if none is left. */
    synchronized Magazine swapEmptyForFull(Magazine emptyMagazine) {
        Magazine f = full.poll();
        if (f != null && empty.size() < maxEmpty) {
            empty.push(emptyMagazine);
        }
        return f;
    }

    /** Free objects held in the depot's full magazines. */
    synchronized long heldObjects() {
        return (long) full.size() * rounds;
    }
}
