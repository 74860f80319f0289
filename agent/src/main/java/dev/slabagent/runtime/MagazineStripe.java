package dev.slabagent.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One stripe of a {@link MagazineCache}'s CPU layer (Bonwick's per-CPU magazines): a loaded and a previous
 * magazine, capacity credits and counters, used by one thread at a time, which works on it with plain reads and
 * writes. A stripe is used in one of two ways, never both:
 * <ul>
 *   <li><b>leased</b>: a thread {@linkplain #tryLease(Thread) takes the lease} with one compare-and-set and then uses
 *       the stripe with no atomic operation at all, until it ends; the next thread takes the lease over from the
 *       ended one (the end of a thread happens-before the detection of its end), with the free objects and credits
 *       in it;</li>
 *   <li><b>claimed</b>: a thread {@linkplain #tryClaim() claims} the stripe with one compare-and-set per operation and
 *       {@linkplain #unclaim() unclaims} it with a release store, which orders every hand-over of the stripe (and of
 *       the objects in it) between threads. Nothing between the two blocks, parks or yields, so a virtual thread is
 *       never unmounted while it holds a stripe.</li>
 * </ul>
 * Other threads read the counters (with opaque loads) and the round counts racily, to compute statistics. The hit and free
 * counters, written on every operation, are written with plain stores: an opaque store would also stop the JIT
 * from reusing the stripe's fields it has just read, and cost the fast path a load or two. A 64-bit JVM stores a
 * {@code long} whole; a 32-bit one may split it (JLS 17.7), and a reader could then see a torn count, in statistics
 * only. The slow paths' counters (misses, refused frees) are written with opaque stores.
 *
 * <p>Invariant as in Bonwick 2001: the previous magazine is always either full or empty. The stripe's state sits
 * between two pads ({@link StripePad}, {@link StripeState}) so that no two stripes share a cache line.
 */
final class MagazineStripe extends StripeState {

    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;

    MagazineStripe(Depot depot, int rounds) {
        super(depot, rounds);
    }
}

/** 128 bytes before a stripe's state (hierarchy padding: a superclass's fields are laid out first). */
abstract class StripePad {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
}

/**
 * The lease of a stripe ({@link MagazineStripe}, {@link CountingStripe}): the thread that holds it uses the stripe with
 * plain reads and writes; the next thread takes it over only once the holder has ended.
 */
abstract class LeasedStripe extends StripePad {

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(LeasedStripe.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Thread owner;
    private int untilSample;

    /**
     * Holder only: counts one release towards the cache's next sample; true for one release in {@code every}
     * ({@code every >= 1}) and for the stripe's first, which the cache then gives to its verification instead of
     * keeping it. The countdown is the stripe's: the fast path pays a decrement of a field on a line it writes anyway.
     */
    final boolean sampleDue(int every) {
        if (--untilSample > 0) {
            return false;
        }
        untilSample = every;
        return true;
    }

    /** The thread that holds the stripe's lease, or {@code null} (racy: for diagnostics). */
    final Thread holder() {
        return owner;
    }

    /** Whether {@code me}, the caller, holds the stripe's lease, taking it if {@link #tryLease it may}. */
    final boolean leasedTo(Thread me) {
        return isLeasedBy(me) || tryLease(me);
    }

    /**
     * Whether {@code me}, the calling thread or the carrier it runs on, holds the stripe's lease. A plain read, exact
     * for {@code me} only: only {@code me} puts itself there or takes itself out (for a carrier, the virtual threads
     * that run on it, one after another on its OS thread, as {@link StripeState#enter()} relies on), and nobody takes
     * the lease of a live holder. Plain, not volatile: after a volatile read the JIT reads every field again, so an allocation and a release
     * inlined into one loop could not share their reads of the stripe.
     */
    final boolean isLeasedBy(Thread me) {
        return (Thread) OWNER.get(this) == me;
    }

    /**
     * Takes the stripe's lease for {@code me} if nobody holds it or its holder has ended (then every write of the
     * ended holder happens-before this, JLS 17.4.4); never waits. The holder uses the stripe without claiming it.
     */
    final boolean tryLease(Thread me) {
        Thread o = owner;
        return (o == null || !o.isAlive()) && OWNER.compareAndSet(this, o, me);
    }

    /** Lease holder only: gives the lease up. */
    final void endLease() {
        OWNER.setRelease(this, null);
    }
}

/**
 * The state of a {@link MagazineStripe}. "Holder only" methods are for the thread that holds the lease or the claim.
 */
abstract class StripeState extends LeasedStripe {

    private static final VarHandle CLAIMED;
    private static final VarHandle HITS;
    private static final VarHandle MISSES;
    private static final VarHandle FREES;
    private static final VarHandle REFUSED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLAIMED = lookup.findVarHandle(StripeState.class, "claimed", int.class);
            HITS = lookup.findVarHandle(StripeState.class, "hits", long.class);
            MISSES = lookup.findVarHandle(StripeState.class, "misses", long.class);
            FREES = lookup.findVarHandle(StripeState.class, "frees", long.class);
            REFUSED = lookup.findVarHandle(StripeState.class, "refused", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Frees refused a credit between two calls for other stripes' spare credits. */
    static final int STARVED_RECLAIM_INTERVAL = 16;

    /**
     * Frees between two looks at the loaded magazine's birth mark ({@link Magazine#aged}), a power of two: the look
     * is a chain of dependent loads that cost a free more than the rest of its push, and a promoted magazine costs
     * only a barrier's fence per push until the next look.
     */
    static final int AGE_CHECK_INTERVAL = 64;

    private final int rounds;
    private volatile int claimed;
    private boolean busy;
    private Depot depot;
    private Object[] loaded;
    private Object[] previous;
    private int loadedCount;
    private int previousCount;
    /**
     * Capacity this stripe holds: the objects in its magazines plus its credits for more. A hit or a kept free moves
     * one unit between the two and leaves it as it is; only credits and magazines moving to or from the depot change it.
     */
    private int budget;
    private int starved;
    private long hits;
    private long misses;
    private long frees;
    private long refused;

    StripeState(Depot depot, int rounds) {
        this.depot = depot;
        this.rounds = rounds;
        this.loaded = Magazine.create(rounds);
        this.previous = Magazine.create(rounds);
    }

    /** Claims the stripe if no other thread holds it; never waits. */
    final boolean tryClaim() {
        return claimed == 0 && CLAIMED.compareAndSet(this, 0, 1);
    }

    /**
     * Lease holder only: marks the stripe in use for one operation, unless it is marked already; {@link #exit()}
     * clears the mark. The lease holder is a carrier shared by its virtual threads, which take turns on it only where
     * one is unmounted: an operation cut by an unmount (none is, as nothing in one blocks, parks or yields) leaves the
     * mark, and the next virtual thread on that carrier goes to the claimed stripes instead of using the stripe at
     * the same time. Plain reads and writes: the threads that share the mark take turns on one carrier's OS thread,
     * and an unmount happens only inside a call, before which the compiled code has stored the mark.
     */
    final boolean enter() {
        if (busy) {
            return false;
        }
        busy = true;
        return true;
    }

    /** Lease holder only: the operation {@link #enter()} began is over. */
    final void exit() {
        busy = false;
    }

    /** Holder only: lets the next thread claim the stripe. */
    final void unclaim() {
        CLAIMED.setRelease(this, 0);
    }

    /** Holder only: binds the stripe to {@code d}, dropping the free objects and credits of an older depot. */
    final void bind(Depot d) {
        if (depot != d) {
            Magazine.clear(loaded, rounds);
            Magazine.clear(previous, rounds);
            loadedCount = 0;
            previousCount = 0;
            budget = 0;
            depot = d;
        }
    }

    /**
     * Holder only: a free object (a hit) or {@code null} (a miss). A hit touches neither credits nor the depot: the
     * credit an object leaves behind is counted in the stripe's budget, and spare credits go back to the depot when
     * the loaded magazine runs empty ({@link #reloadFull()}).
     */
    final Object allocate() {
        if (loadedCount == 0 && !reloadFull()) {
            MISSES.setOpaque(this, misses + 1);
            return null;
        }
        int slot = Magazine.FIRST + --loadedCount;
        Object o = loaded[slot];
        loaded[slot] = null;
        hits++;
        return o;
    }

    /**
     * Holder only: keeps {@code o} if a capacity credit is available, otherwise leaves it to the GC. An
     * object that is already the last one freed into the loaded magazine is refused and counted (a double free
     * caught for the price of one comparison, as SLUB's freelist hardening does).
     *
     * @return true when the depot has refused this stripe credits {@value #STARVED_RECLAIM_INTERVAL} times since
     *         the last such call: time to take back the spare credits of other stripes
     */
    final boolean free(Object o) {
        if (isLastFreed(o)) {
            REFUSED.setOpaque(this, refused + 1);
            return false;
        }
        long f = frees + 1;
        frees = f;
        if (spareCredits() == 0) {
            int taken = depot.takeCredits(rounds);
            if (taken == 0) {
                return ++starved % STARVED_RECLAIM_INTERVAL == 0;
            }
            budget += taken;
        }
        if (loadedCount == rounds && !reloadEmpty()) {
            return false;
        }
        if ((f & (AGE_CHECK_INTERVAL - 1)) == 0 && Magazine.aged(loaded)) {
            loaded = Magazine.renew(loaded);
        }
        loaded[Magazine.FIRST + loadedCount++] = o;
        return false;
    }

    /** Holder only: whether {@code o} is the last object freed into the loaded magazine (its free would be refused). */
    final boolean isLastFreed(Object o) {
        return loadedCount > 0 && loaded[Magazine.FIRST + loadedCount - 1] == o;
    }

    /**
     * Credits this stripe holds without objects for them: exact for the holder; from another thread racy, a hint
     * for {@link #returnCredits(Depot)}.
     */
    final int spareCredits() {
        return budget - loadedCount - previousCount;
    }

    /** Holder only: binds the stripe to {@code d} and gives its spare credits back to it. */
    final void returnCredits(Depot d) {
        bind(d);
        int spare = spareCredits();
        d.giveCredits(spare);
        budget -= spare;
    }

    /**
     * Loaded is empty: if the stripe has two magazines' worth of spare credits or more (hits leave credits behind),
     * gives all but one magazine's worth back to the depot; then makes a full magazine the loaded one; false if none
     * is to be had. So a stripe's budget stays within three magazines' worth: it grows only by a full magazine taken
     * here (previous empty, under two magazines' worth of credits spare) or by a credit batch a free takes when none
     * is spare (two magazines of objects at most, plus the batch).
     */
    private boolean reloadFull() {
        int spare = spareCredits();
        if (spare >= 2 * rounds) {
            depot.giveCredits(spare - rounds);
            budget -= spare - rounds;
        }
        if (previousCount == rounds) {
            swap();
            return true;
        }
        Object[] full = depot.swapEmptyForFull(previous);
        if (full == null) {
            return false;
        }
        previous = loaded;
        loaded = full;
        loadedCount = rounds;
        budget += rounds;
        return true;
    }

    /** Loaded is full: make an empty magazine the loaded one; false if the depot is busy. */
    private boolean reloadEmpty() {
        if (previousCount == 0) {
            swap();
            return true;
        }
        Object[] empty = depot.swapFullForEmpty(previous);
        if (empty == null) {
            return false;
        }
        previous = loaded;
        loaded = empty;
        loadedCount = 0;
        budget -= rounds;
        return true;
    }

    private void swap() {
        Object[] m = loaded;
        loaded = previous;
        previous = m;
        int n = loadedCount;
        loadedCount = previousCount;
        previousCount = n;
    }

    /** Free objects in this stripe's magazines if it is bound to {@code d}, else 0 (racy: for statistics). */
    final int heldObjects(Depot d) {
        return depot == d ? loadedCount + previousCount : 0;
    }

    final long hits() {
        return (long) HITS.getOpaque(this);
    }

    final long misses() {
        return (long) MISSES.getOpaque(this);
    }

    final long frees() {
        return (long) FREES.getOpaque(this);
    }

    final long refused() {
        return (long) REFUSED.getOpaque(this);
    }
}
