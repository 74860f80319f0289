package dev.slabagent.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link Strategy#MAGAZINE}: a CPU layer of {@link MagazineStripe}s in front of a shared {@link Depot}
 * (Bonwick and Adams, "Magazines and Vmem", 2001, with stripes for CPUs, as SLUB's per-CPU freelists).
 *
 * <p>The CPU layer is two fixed arrays of stripes, twice as many as there are processors (a power of two) each,
 * made with the cache: it does not grow with the number of threads. A thread's id (a virtual thread's carrier's)
 * picks one stripe of each ({@code id & mask}: consecutive threads get different stripes).
 * <ul>
 *   <li>The <b>leased</b> stripe is the fast path: the thread that holds its lease uses it with plain reads and
 *       writes, no atomic operation. A thread takes the lease (one compare-and-set, no lock, no list) when it is free
 *       or its holder has ended, and with it the ended thread's free objects and credits: a thread's first
 *       allocation can be a hit, and nothing is dropped when a thread ends.</li>
 *   <li>A thread whose leased stripe is held by another live thread uses the <b>claimed</b> stripes: one
 *       compare-and-set per operation, on its stripe or the next one; if both are held it goes past the layer (an
 *       allocation is a miss, a free leaves the object to the GC). Nothing between claim and release blocks, parks
 *       or yields, so a virtual thread is never unmounted holding one.</li>
 * </ul>
 * A thread is named by {@link Carriers#current()}: a virtual thread by its carrier (JDK 21 and later, once the agent
 * has linked the carrier), so virtual threads use the leased stripes of the carriers they run on; none has a stripe
 * or a set of magazines of its own. Nothing in an operation on a stripe blocks, parks or yields, so a virtual thread
 * is not unmounted in one; should a JDK or another agent ever unmount it there anyway, the stripe's in-use mark
 * ({@link MagazineStripe#enter()}) sends the next virtual thread on that carrier to the claimed stripes instead.
 *
 * <p>The depot is tried (never waited for) once per magazine's worth of operations. Capacity moves between the
 * layers as credits, a batch at a time; a stripe refused credits now and then takes back the spare ones of claimed
 * stripes not in use and of leased stripes whose holder has ended (ending their lease), so capacity does not stay
 * stranded there. A live thread that stops using the cache keeps its leased stripe's objects and credits (up to three
 * magazines' worth together) until it ends. Nothing refers to the cache but its users: once the registry and the rewritten
 * code drop it, it and its free objects are garbage.
 */
final class MagazineCache extends SlabCache {

    /** Rounds per magazine for large caches: small enough to keep few objects per stripe, big enough to amortise the depot. */
    static final int MAX_ROUNDS = 16;

    /** Claimed stripes a thread tries before it goes past the CPU layer. */
    static final int PROBES = 2;

    private final int rounds;
    private final MagazineStripe[] leased;
    private final MagazineStripe[] claimed;
    private final int mask;
    private final LongAdder pastMisses = new LongAdder();
    private final LongAdder pastFrees = new LongAdder();
    private volatile Depot depot;

    MagazineCache(String name, int capacity) {
        super(name, Strategy.MAGAZINE, capacity);
        this.rounds = Math.max(1, Math.min(MAX_ROUNDS, capacity / 4));
        this.depot = new Depot(capacity, rounds);
        int n = Stripes.forThisMachine();
        this.leased = new MagazineStripe[n];
        this.claimed = new MagazineStripe[n];
        this.mask = n - 1;
        for (int i = 0; i < n; i++) {
            leased[i] = new MagazineStripe(depot, rounds);
            claimed[i] = new MagazineStripe(depot, rounds);
        }
    }

    @Override
    public Object allocate() {
        Thread me = Thread.currentThread();
        if (Carriers.isVirtual(me)) {
            return allocateOnCarrier(Carriers.carrierOf(me));
        }
        MagazineStripe s = leasedStripeOf(me);
        if (s.leasedTo(me)) {
            return allocateIn(s);
        }
        return allocateClaimed(me);
    }

    /** A virtual thread's allocation: in its carrier's leased stripe, marked in use meanwhile ({@link MagazineStripe#enter}). */
    private Object allocateOnCarrier(Thread carrier) {
        MagazineStripe s = leasedStripeOf(carrier);
        if (s.leasedTo(carrier) && s.enter()) {
            try {
                return allocateIn(s);
            } finally {
                s.exit();
            }
        }
        return allocateClaimed(carrier);
    }

    /** Holder of {@code s} only. */
    private Object allocateIn(MagazineStripe s) {
        s.bind(depot);
        return s.allocate();
    }

    private Object allocateClaimed(Thread me) {
        MagazineStripe s = claim(me);
        if (s == null) {
            pastMisses.increment();
            return null;
        }
        try {
            return allocateIn(s);
        } finally {
            s.unclaim();
        }
    }

    /**
     * Frees {@code o} into the stripe of the calling thread (of its carrier, for a virtual thread), unless that
     * stripe's countdown of {@code every} releases (0: none) picks it as a sample.
     *
     * @return {@code o} if it was picked as a sample and not kept, else {@code null}
     */
    @Override
    Object release(Object o, int every) {
        if (o == null) {
            return null;
        }
        Thread me = Thread.currentThread();
        if (Carriers.isVirtual(me)) {
            return freeOnCarrier(Carriers.carrierOf(me), o, every);
        }
        MagazineStripe s = leasedStripeOf(me);
        if (s.leasedTo(me)) {
            return freeIn(s, me, o, every);
        }
        return freeClaimed(me, o, every);
    }

    /** A virtual thread's free: into its carrier's leased stripe, marked in use meanwhile ({@link MagazineStripe#enter}). */
    private Object freeOnCarrier(Thread carrier, Object o, int every) {
        MagazineStripe s = leasedStripeOf(carrier);
        if (s.leasedTo(carrier) && s.enter()) {
            try {
                return freeIn(s, carrier, o, every);
            } finally {
                s.exit();
            }
        }
        return freeClaimed(carrier, o, every);
    }

    /** Holder {@code me} of {@code s} (its lease or its claim) only; returns {@code o} if picked as a sample. */
    private Object freeIn(MagazineStripe s, Thread me, Object o, int every) {
        if (every != 0 && s.sampleDue(every) && !s.isLastFreed(o)) {
            return o; // a double free of the last object freed is refused below, never sampled
        }
        Depot d = depot;
        s.bind(d);
        if (s.free(o)) {
            reclaimSpareCredits(me, d);
        }
        return null;
    }

    private Object freeClaimed(Thread me, Object o, int every) {
        MagazineStripe s = claim(me);
        if (s == null) {
            if (pastSampleDue(every)) {
                return o;
            }
            pastFrees.increment();
            return null;
        }
        try {
            return freeIn(s, me, o, every);
        } finally {
            s.unclaim();
        }
    }

    /**
     * Gives the spare credits of the claimed stripes not in use, and of the leased stripes whose holder has ended,
     * back to {@code d}: credits move a batch at a time, so such stripes may hold up to three magazines' worth each, which
     * a starved stripe could otherwise never use. Claims and leases are only tried, never waited for.
     */
    private void reclaimSpareCredits(Thread me, Depot d) {
        for (MagazineStripe s : claimed) {
            if (s.spareCredits() > 0 && s.tryClaim()) {
                try {
                    s.returnCredits(d);
                } finally {
                    s.unclaim();
                }
            }
        }
        for (MagazineStripe s : leased) {
            if (s.spareCredits() > 0 && !s.isLeasedBy(me) && s.tryLease(me)) {
                s.returnCredits(d);
                s.endLease();
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
        Thread me = Carriers.current();
        for (MagazineStripe s : claimed) {
            if (s.tryClaim()) {
                try {
                    s.bind(d);
                } finally {
                    s.unclaim();
                }
            }
        }
        for (MagazineStripe s : leased) {
            if (s.isLeasedBy(me)) {
                if (s.enter()) {
                    try {
                        s.bind(d);
                    } finally {
                        s.exit();
                    }
                }
            } else if (s.tryLease(me)) {
                s.bind(d);
                s.endLease();
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
        for (MagazineStripe[] layer : List.of(leased, claimed)) {
            for (MagazineStripe s : layer) {
                hits += s.hits();
                misses += s.misses();
                frees += s.frees();
                refused += s.refused();
                held += s.heldObjects(d);
            }
        }
        return new Tally(hits, misses, frees, held, refused);
    }

    /** The leased stripe {@code holder} picks (whether it may use it is up to the stripe's lease and mark). */
    MagazineStripe leasedStripeOf(Thread holder) {
        return leased[(int) holder.getId() & mask];
    }

    /** The holders of the leased stripes' leases, {@code null} for a stripe nobody holds (racy: for diagnostics). */
    List<Thread> leaseHolders() {
        return Arrays.stream(leased).map(MagazineStripe::holder).toList();
    }

    /** The claimed stripe this thread picks, or the next one, claimed; {@code null} if both are in use. */
    private MagazineStripe claim(Thread me) {
        int i = (int) me.getId();
        for (int n = 0; n < PROBES; n++) {
            MagazineStripe s = claimed[(i + n) & mask];
            if (s.tryClaim()) {
                return s;
            }
        }
        return null;
    }
}
