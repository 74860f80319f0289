package dev.slabagent.runtime;

import dev.slabagent.runtime.debug.SlabDebug;
import dev.slabagent.runtime.verify.Verification;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One slab cache: a bounded store of free objects of one class (or one array shape), with slabinfo counters.
 *
 * <p>Rewritten code calls {@link #allocate()} where it had {@code new T(..)}: a non-null result is a free
 * object to re-initialise, {@code null} means "construct one with {@code new}". At the release point it calls
 * {@link #free(Object)}. See the package documentation for the guarantees every strategy gives.
 */
public abstract class SlabCache {

    private final String name;
    private final Strategy strategy;
    private final int capacity;
    private volatile long objectSize;
    private final LongAdder unserved = new LongAdder();
    private final LongAdder bypassed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile SlabDebug debug;
    private volatile Verification verification;
    /** Releases per sample of the verification, 0 for none; set with it, before its release points are linked. */
    private int sampleEvery;
    /** Releases left until the next sample among those that go past a strategy's stripes. */
    private final AtomicInteger pastUntilSample = new AtomicInteger();

    SlabCache(String name, Strategy strategy, int capacity) {
        this.name = Objects.requireNonNull(name, "name");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Creates a cache; it is not registered (see {@link SlabRegistry#register(SlabCache)}).
     *
     * @param name     the name slabinfo shows
     * @param strategy how free objects are kept
     * @param capacity most free objects the cache holds, at least 1
     * @return the new, empty cache
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static SlabCache create(String name, Strategy strategy, int capacity) {
        return switch (strategy) {
            case NEW -> new NewCache(name, capacity);
            case LOCKED -> new LockedCache(name, capacity);
            case MAGAZINE -> new MagazineCache(name, capacity);
        };
    }

    /** The name slabinfo shows. */
    public final String name() {
        return name;
    }

    /** How this cache keeps its free objects. */
    public final Strategy strategy() {
        return strategy;
    }

    /** The most free objects this cache ever holds. */
    public final int capacity() {
        return capacity;
    }

    /**
     * Takes a free object, counted as a hit; or returns {@code null}, counted as a miss (the caller then
     * constructs one with {@code new}). The object returned is handed to no one else until freed again.
     */
    public abstract Object allocate();

    /**
     * Gives an object back, counted as a free. It is kept only while fewer than {@link #capacity()} free objects
     * are held, otherwise left to the GC. Safe from any thread, including one other than the allocating one.
     * A {@code null} is ignored and not counted. Once live, the verification takes one release in its {@code sample}
     * instead (picked by the strategy's countdowns), and a stand-in it makes is kept in that release's place.
     */
    public final void free(Object o) {
        Object sampled = release(o, sampleEvery);
        if (sampled != null) {
            release(inPlaceOf(sampled), 0);
        }
    }

    /**
     * The strategy's free of {@code o} ({@code null}: nothing), unless its countdown of {@code every} releases (0: none)
     * picks {@code o} as a sample: then {@code o} is neither kept nor counted, and is returned. Holds no lock or stripe
     * of the strategy's when it returns.
     */
    abstract Object release(Object o, int every);

    /** Sets the shallow size of one object in bytes, shown as slabinfo's objsize. */
    public final void objectSize(long bytes) {
        this.objectSize = bytes;
    }

    /** The shallow size of one object in bytes, 0 until measured. */
    public final long objectSize() {
        return objectSize;
    }

    /**
     * Counts an allocation this cache could not serve, e.g. an array of another length at a rewritten array site;
     * it is neither a hit nor a miss (counted apart, so users see how many requests went past the cache).
     */
    public final void countUnserved() {
        unserved.increment();
    }

    /**
     * Counts an allocation made with {@code new} while the cache's verification kept the cache out of use; slabinfo
     * shows it as a miss.
     */
    public final void countBypassed() {
        bypassed.increment();
    }

    /**
     * Counts a release the cache did not keep because its verification watches the object instead; slabinfo shows
     * it as a free.
     */
    public final void countDropped() {
        dropped.increment();
    }

    /** Allocations counted by {@link #countUnserved()}. */
    public final long unserved() {
        return unserved.sum();
    }

    /** The cache's slab debugging, or {@code null} if it was never switched on. */
    public final SlabDebug debug() {
        return debug;
    }

    /**
     * The cache's slab debugging if it tracks objects now, else {@code null}: what code linked now must hand its
     * objects to (sites, release points and access checks are linked with the debug hooks only then).
     */
    public final SlabDebug tracking() {
        SlabDebug d = debug;
        return d != null && d.isTracking() ? d : null;
    }

    /** Gives the cache its slab debugging; from then on slabinfo shows its three debug columns. */
    public final void debug(SlabDebug d) {
        this.debug = Objects.requireNonNull(d, "debug");
    }

    /** The proof of the cache's release rule, or {@code null} if it has none (it is then live from the start). */
    public final Verification verification() {
        return verification;
    }

    /** Gives the cache its verification; sites and release points linked from then on follow its state. */
    public final void verification(Verification v) {
        this.sampleEvery = Objects.requireNonNull(v, "verification").sample();
        this.verification = v;
    }

    /**
     * For a release that goes past a strategy's stripes (its thread's stripe held by another thread): counts it down
     * on a countdown all such releases share; true for one in {@code every} (0: never), which is then a sample.
     */
    final boolean pastSampleDue(int every) {
        if (every == 0 || pastUntilSample.decrementAndGet() > 0) {
            return false;
        }
        pastUntilSample.set(every);
        return true;
    }

    /**
     * What the cache keeps in place of {@code sampled}, a release a countdown picked as a sample, once the
     * verification has taken it ({@link Verification#takeSample(Object)}): a stand-in, {@code sampled} itself if the
     * verification did not take it, or {@code null}. Called outside any lock or stripe of the strategy's, as the
     * verification takes its own lock; what it returns is kept without counting towards a sample.
     */
    private Object inPlaceOf(Object sampled) {
        Verification v = verification;
        return v == null ? sampled : v.takeSample(sampled);
    }

    /** Drops every free object held (used when the cache is switched off); the counters are kept. */
    public abstract void drain();

    /** A snapshot of the counters: exact when no other thread uses the cache, consistent enough otherwise. */
    public final SlabStats stats() {
        SlabDebug d = debug;
        Verification v = verification;
        Tally t = tally();
        SlabStats stats = new Tally(t.hits(), t.misses() + bypassed.sum(), t.frees() + dropped.sum(), t.held(), t.refused())
                .toStats(name, objectSize).withDebug(d == null ? null : d.counts());
        return v == null ? stats : stats.withVerification(v.state().label(), v.hazards());
    }

    /** The raw counters, read as consistently as the strategy allows. */
    abstract Tally tally();

    /**
     * Releases refused because the object was already the last one freed into the cache (a double free caught
     * without slab debugging); they are not counted as frees.
     */
    public final long refusedFrees() {
        return tally().refused();
    }

    /** Raw counters of a strategy: the inputs of the slabinfo arithmetic, and the refused frees. */
    record Tally(long hits, long misses, long frees, long held, long refused) {
        SlabStats toStats(String name, long objSize) {
            return SlabStats.of(name, objSize, hits, misses, frees, held);
        }
    }

    @Override
    public String toString() {
        return name + "(" + strategy.configName() + ", capacity " + capacity + ")";
    }
}
