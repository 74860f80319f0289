package dev.slabagent.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared layer of a {@link MagazineCache}: stacks of full and of empty magazines, and the cache's capacity as
 * credits. A stripe needs one credit per free object it keeps; credits move in batches, so the atomic counter is
 * touched once per magazine's worth of operations, not per operation.
 *
 * <p>The stacks are guarded by a spin lock that is only ever tried, never waited for: a caller that cannot take
 * it after a few spins gets nothing ({@code null}) and carries on without the depot. So a thread holding a
 * stripe never blocks, parks or yields here (a virtual thread is never unmounted while it holds its carrier's
 * stripe), and the lock is held for a few array stores only.
 *
 * <p>Invariant (per depot): {@code credits + sum(stripe budgets) + full * rounds == capacity}, where a stripe's
 * budget is the objects in its magazines plus its credits, so the free objects held never exceed the capacity.
 * {@link MagazineCache#drain()} replaces the whole depot.
 */
final class Depot {

    /** Tries of the spin lock before a caller gives up on the depot. */
    static final int SPINS = 64;

    private static final VarHandle LOCK;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(Depot.class, "lock", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int rounds;
    private final AtomicInteger credits;
    private final Object[][] full;
    private final Object[][] empty;
    private volatile int lock;
    private volatile int fullCount;
    private int emptyCount;

    Depot(int capacity, int rounds) {
        this.rounds = rounds;
        this.credits = new AtomicInteger(capacity);
        this.full = new Object[capacity / rounds + 1][];
        this.empty = new Object[capacity / rounds + 1][];
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

    /**
     * Stores a full magazine and returns an empty one (a new one if the depot has none); or returns {@code null},
     * storing nothing, if the depot is busy.
     */
    Object[] swapFullForEmpty(Object[] fullMagazine) {
        if (!tryLock()) {
            return null;
        }
        Object[] e = null;
        try {
            full[fullCount] = fullMagazine;
            fullCount = fullCount + 1;
            if (emptyCount > 0) {
                e = empty[--emptyCount];
                empty[emptyCount] = null;
            }
        } finally {
            unlock();
        }
        return e != null ? e : Magazine.create(rounds);
    }

    /**
     * Stores an empty magazine and returns a full one; or returns {@code null}, storing nothing, if none is left
     * or the depot is busy.
     */
    Object[] swapEmptyForFull(Object[] emptyMagazine) {
        if (fullCount == 0 || !tryLock()) {
            return null;
        }
        try {
            int n = fullCount;
            if (n == 0) {
                return null;
            }
            Object[] f = full[n - 1];
            full[n - 1] = null;
            fullCount = n - 1;
            if (emptyCount < empty.length) {
                empty[emptyCount++] = emptyMagazine;
            }
            return f;
        } finally {
            unlock();
        }
    }

    /** Free objects held in the depot's full magazines (racy: for statistics). */
    long heldObjects() {
        return (long) fullCount * rounds;
    }

    /** Drops every full magazine (the depot is being replaced; its credits no longer matter). */
    void clear() {
        while (!tryLock()) {
            Thread.onSpinWait();
        }
        try {
            Arrays.fill(full, null);
            fullCount = 0;
        } finally {
            unlock();
        }
    }

    private boolean tryLock() {
        for (int i = 0; i < SPINS; i++) {
            if (lock == 0 && LOCK.compareAndSet(this, 0, 1)) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private void unlock() {
        LOCK.setRelease(this, 0);
    }
}
