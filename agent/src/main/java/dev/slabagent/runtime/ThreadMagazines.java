package dev.slabagent.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The per-thread layer of a {@link MagazineCache} (Bonwick's "CPU layer"): a loaded and a previous magazine,
 * the thread's capacity credits and its counters. Only the owner thread writes these fields, without locks;
 * other threads read the counters and round counts racily (counters with opaque stores and loads, so a reader
 * never sees a torn value) to compute statistics, and take over the whole state once the owner has ended.
 *
 * <p>Invariant as in Bonwick 2001: the previous magazine is always either full or empty.
 */
final class ThreadMagazines {

    private static final VarHandle HITS;
    private static final VarHandle MISSES;
    private static final VarHandle FREES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HITS = lookup.findVarHandle(ThreadMagazines.class, "hits", long.class);
            MISSES = lookup.findVarHandle(ThreadMagazines.class, "misses", long.class);
            FREES = lookup.findVarHandle(ThreadMagazines.class, "frees", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Failed credit requests between two looks for ended threads' credits. */
    static final int STARVED_RECLAIM_INTERVAL = 1024;

    private final Thread owner;
    private final int rounds;
    private final Runnable reclaim;
    private Depot depot;
    private Magazine loaded;
    private Magazine previous;
    private int credits;
    private long hits;
    private long misses;
    private long frees;
    private int starved;

    /** {@code reclaim} gives ended threads' capacity back; called now and then while the cache is at capacity. */
    ThreadMagazines(Thread owner, Depot depot, int rounds, Runnable reclaim) {
        this.owner = owner;
        this.reclaim = reclaim;
        this.depot = depot;
        this.rounds = rounds;
        this.loaded = new Magazine(rounds);
        this.previous = new Magazine(rounds);
    }

    /** The depot this thread's free objects and credits belong to. */
    Depot depot() {
        return depot;
    }

    /** Owner thread only: drops the free objects and credits of an old depot and binds to {@code d}. */
    void rebind(Depot d) {
        loaded.clear();
        previous.clear();
        credits = 0;
        depot = d;
    }

    /** Owner thread only: a free object (a hit) or {@code null} (a miss). */
    Object allocate() {
        if (loaded.isEmpty() && !reloadFull()) {
            MISSES.setOpaque(this, misses + 1);
            return null;
        }
        Object o = loaded.pop();
        HITS.setOpaque(this, hits + 1);
        if (++credits >= 2 * rounds) {
            depot.giveCredits(rounds);
            credits -= rounds;
        }
        return o;
    }

    /** Owner thread only: keeps {@code o} if a capacity credit is available, otherwise leaves it to the GC. */
    void free(Object o) {
        FREES.setOpaque(this, frees + 1);
        if (credits == 0) {
            credits = depot.takeCredits(rounds);
            if (credits == 0) {
                if (++starved % STARVED_RECLAIM_INTERVAL == 0) {
                    reclaim.run();
                }
                return;
            }
        }
        if (loaded.isFull()) {
            reloadEmpty();
        }
        loaded.push(o);
        credits--;
    }

    /** Loaded is empty: make a full magazine the loaded one; false if none is to be had. */
    private boolean reloadFull() {
        if (previous.isFull()) {
            swap();
            return true;
        }
        Magazine full = depot.swapEmptyForFull(previous);
        if (full == null) {
            return false;
        }
        previous = loaded;
        loaded = full;
        return true;
    }

    /** Loaded is full: make an empty magazine the loaded one. */
    private void reloadEmpty() {
        if (previous.isEmpty()) {
            swap();
            return;
        }
        Magazine empty = depot.swapFullForEmpty(previous);
        previous = loaded;
        loaded = empty;
    }

    private void swap() {
        Magazine m = loaded;
        loaded = previous;
        previous = m;
    }

    /** Whether {@code t} is the owner thread (safe from any thread: the owner is final). */
    boolean isOwner(Thread t) {
        return owner == t;
    }

    boolean ownerEnded() {
        return !owner.isAlive();
    }

    /** Free objects in this thread's magazines (racy unless read by the owner or after it ended). */
    int heldObjects() {
        return loaded.count() + previous.count();
    }

    /** After the owner ended: gives its credits and the slots of its free objects back to the depot. */
    void returnCapacity() {
        depot.giveCredits(credits + heldObjects());
        rebind(depot);
    }

    long hits() {
        return (long) HITS.getOpaque(this);
    }

    long misses() {
        return (long) MISSES.getOpaque(this);
    }

    long frees() {
        return (long) FREES.getOpaque(this);
    }
}
