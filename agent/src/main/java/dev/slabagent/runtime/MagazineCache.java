package dev.slabagent.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@link Strategy#MAGAZINE}: per-thread magazines ({@link ThreadMagazines}) in front of a shared {@link Depot}
 * (Bonwick and Adams, "Magazines and Vmem", 2001). The fast path is a thread-local lookup, one volatile read
 * and an array push or pop; the depot's lock is taken once per magazine's worth of operations.
 *
 * <p>An object freed on another thread goes into that thread's magazine and reaches the allocating side through
 * the depot, whose lock orders the hand-over. When a thread ends, its free objects are dropped and its credits go
 * back to the depot the next time a thread first uses the cache, statistics are read, the cache is drained, or a
 * thread has been refused credits {@value ThreadMagazines#STARVED_RECLAIM_INTERVAL} times.
 *
 * <p>The first thread to use the cache finds its magazines without the {@link ThreadLocal} lookup, through a field
 * that names them and their owner (most caches have one hot thread; the lookup was a third of a round trip). Every
 * other thread, and the first one's successor once it has ended, goes through the {@code ThreadLocal}.
 */
final class MagazineCache extends SlabCache {

    /** Rounds per magazine for large caches: small enough to keep few objects per thread, big enough to amortise the depot. */
    static final int MAX_ROUNDS = 16;

    private final int rounds;
    private final Object lock = new Object();
    private final List<ThreadMagazines> threads = new ArrayList<>();
    private final ThreadLocal<ThreadMagazines> local = ThreadLocal.withInitial(this::register);
    private volatile Depot depot;
    private volatile ThreadMagazines first;
    private long endedHits;
    private long endedMisses;
    private long endedFrees;

    MagazineCache(String name, int capacity) {
        super(name, Strategy.MAGAZINE, capacity);
        this.rounds = Math.max(1, Math.min(MAX_ROUNDS, capacity / 4));
        this.depot = new Depot(capacity, rounds);
    }

    @Override
    public Object allocate() {
        return current().allocate();
    }

    @Override
    public void free(Object o) {
        if (o != null) {
            current().free(o);
        }
    }

    /** Replaces the depot: every thread drops its magazines on its next use; objects in flight are never handed out twice. */
    @Override
    public void drain() {
        synchronized (lock) {
            collectEndedThreads();
            depot = new Depot(capacity(), rounds);
        }
    }

    @Override
    Tally tally() {
        synchronized (lock) {
            collectEndedThreads();
            Depot d = depot;
            long hits = endedHits;
            long misses = endedMisses;
            long frees = endedFrees;
            long held = d.heldObjects();
            for (ThreadMagazines t : threads) {
                hits += t.hits();
                misses += t.misses();
                frees += t.frees();
                if (t.depot() == d) {
                    held += t.heldObjects();
                }
            }
            return new Tally(hits, misses, frees, held);
        }
    }

    private ThreadMagazines current() {
        ThreadMagazines t = first;
        if (t == null || !t.isOwner(Thread.currentThread())) {
            t = local.get();
        }
        Depot d = depot;
        if (t.depot() != d) {
            t.rebind(d);
        }
        return t;
    }

    private ThreadMagazines register() {
        synchronized (lock) {
            collectEndedThreads();
            ThreadMagazines t = new ThreadMagazines(Thread.currentThread(), depot, rounds, this::reclaimEndedThreads);
            threads.add(t);
            if (first == null) {
                first = t;
            }
            return t;
        }
    }

    private void reclaimEndedThreads() {
        synchronized (lock) {
            collectEndedThreads();
        }
    }

    /** Folds the counters of ended threads into the totals and gives their capacity back (under {@code lock}). */
    private void collectEndedThreads() {
        for (Iterator<ThreadMagazines> it = threads.iterator(); it.hasNext(); ) {
            ThreadMagazines t = it.next();
            if (t.ownerEnded()) {
                endedHits += t.hits();
                endedMisses += t.misses();
                endedFrees += t.frees();
                if (t.depot() == depot) {
                    t.returnCapacity();
                }
                if (t == first) {
                    first = null;
                }
                it.remove();
            }
        }
    }
}
