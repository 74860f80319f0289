package dev.slabagent.runtime;

import java.util.concurrent.atomic.LongAdder;

/**
 * {@link Strategy#MAGAZINE}: a CPU layer of {@link MagazineStripe}s in front of a shared {@link Depot}
 * (Bonwick and Adams, "Magazines and Vmem", 2001, with stripes for CPUs, as SLUB's per-CPU freelists).
 *
 * <p>The CPU layer is a fixed array of twice as many stripes as there are processors (a power of two), made with
 * the cache: it does not grow with the number of threads, a new thread registers nothing, and a thread that ends
 * leaves nothing behind (its free objects are in the stripes, where the next thread finds them). A thread uses the
 * stripe its id picks ({@code id & mask}: consecutive threads get different stripes), or the next one if another
 * thread holds that; if both are held it goes past the layer: an allocation is a miss and a free leaves the object
 * to the GC. Virtual threads use the stripes like any thread, so they share the magazines of the stripes their
 * carriers run them on, never one set per virtual thread. No {@code java.base} internals are used.
 *
 * <p>The fast path is one compare-and-set to claim the stripe, an array push or pop, and a release store; the
 * depot is tried (never waited for) once per magazine's worth of operations. Capacity moves between the layers as
 * credits, a batch at a time; a stripe refused credits now and then takes back the spare ones of idle stripes, so
 * no capacity stays stranded in a stripe nobody uses. Nothing refers to the cache but its
 * users: once the registry and the rewritten code drop it, it and its free objects are garbage.
 */
final class MagazineCache extends SlabCache {

    /** Rounds per magazine for large caches: small enough to keep few objects per stripe, big enough to amortise the depot. */
    static final int MAX_ROUNDS = 16;

    /** Stripes a thread tries before it goes past the CPU layer. */
    static final int PROBES = 2;

    private final int rounds;
    private final MagazineStripe[] stripes;
    private final int mask;
    private final LongAdder pastMisses = new LongAdder();
    private final LongAdder pastFrees = new LongAdder();
    private volatile Depot depot;

    MagazineCache(String name, int capacity) {
        super(name, Strategy.MAGAZINE, capacity);
        this.rounds = Math.max(1, Math.min(MAX_ROUNDS, capacity / 4));
        this.depot = new Depot(capacity, rounds);
        this.stripes = new MagazineStripe[stripeCount(Runtime.getRuntime().availableProcessors())];
        this.mask = stripes.length - 1;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new MagazineStripe(depot, rounds);
        }
    }

    /** The stripes for {@code processors} processors: the power of two at or above twice their number. */
    static int stripeCount(int processors) {
        return Integer.highestOneBit(Math.max(1, 2 * processors - 1)) * 2;
    }

    @Override
    public Object allocate() {
        MagazineStripe s = claim();
        if (s == null) {
            pastMisses.increment();
            return null;
        }
        try {
            s.bind(depot);
            return s.allocate();
        } finally {
            s.unclaim();
        }
    }

    @Override
    public void free(Object o) {
        if (o == null) {
            return;
        }
        MagazineStripe s = claim();
        if (s == null) {
            pastFrees.increment();
            return;
        }
        try {
            Depot d = depot;
            s.bind(d);
            if (s.free(o)) {
                reclaimSpareCredits(s, d);
            }
        } finally {
            s.unclaim();
        }
    }

    /**
     * Gives the spare credits of every other stripe not in use back to {@code d}: credits move a batch at a time, so
     * idle stripes may hold up to a magazine's worth each, which a starved stripe could otherwise never use. Claims
     * are only tried, never waited for (while {@code starved} is held too).
     */
    private void reclaimSpareCredits(MagazineStripe starved, Depot d) {
        for (MagazineStripe s : stripes) {
            if (s != starved && s.spareCredits() > 0 && s.tryClaim()) {
                try {
                    s.returnCredits(d);
                } finally {
                    s.unclaim();
                }
            }
        }
    }

    /**
     * Replaces the depot, then empties every stripe not in use; a stripe in use drops its objects on its next use.
     * Objects freed before the drain are never handed out again.
     */
    @Override
    public void drain() {
        Depot old = depot;
        Depot d = new Depot(capacity(), rounds);
        depot = d;
        old.clear();
        for (MagazineStripe s : stripes) {
            if (s.tryClaim()) {
                try {
                    s.bind(d);
                } finally {
                    s.unclaim();
                }
            }
        }
    }

    @Override
    Tally tally() {
        Depot d = depot;
        long hits = 0;
        long misses = pastMisses.sum();
        long frees = pastFrees.sum();
        long refused = 0;
        long held = d.heldObjects();
        for (MagazineStripe s : stripes) {
            hits += s.hits();
            misses += s.misses();
            frees += s.frees();
            refused += s.refused();
            held += s.heldObjects(d);
        }
        return new Tally(hits, misses, frees, held, refused);
    }

    /** The stripe this thread picks, or the next one, claimed; {@code null} if both are in use. */
    private MagazineStripe claim() {
        int i = (int) Thread.currentThread().getId();
        for (int n = 0; n < PROBES; n++) {
            MagazineStripe s = stripes[(i + n) & mask];
            if (s.tryClaim()) {
                return s;
            }
        }
        return null;
    }
}
