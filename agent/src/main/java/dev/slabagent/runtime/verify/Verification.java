package dev.slabagent.runtime.verify;

import static java.lang.invoke.MethodType.methodType;

import dev.slabagent.runtime.LinkSwitch;
import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.Strategy;
import dev.slabagent.runtime.Stripes;
import dev.slabagent.runtime.WeakIdentityMap;
import dev.slabagent.runtime.debug.CallStack;
import dev.slabagent.runtime.debug.DebugMode;
import dev.slabagent.runtime.debug.SlabDebug;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A cache's proof of its release rule, before and while it reuses objects (KFENCE's idea: a sampling check cheap
 * enough to stay on).
 *
 * <p><b>Verifying</b> (the start, unless {@code verify=0}): sites construct with plain {@code new} (recording where)
 * and release points reuse nothing: each released object is only watched, through a weak reference, with its
 * allocation and release stacks. An object released twice, or still strongly reachable after two garbage
 * collections once it is settled (below), with a full (or old-generation) collection that started after that: the
 * verifier asks for one if the program makes none (some code still holds it: what would turn into corrupted data once
 * the object is reused), is a <em>hazard</em>: the cache goes off for good and the program runs on exactly as
 * without the agent. Once {@code verify} released objects were all collected, the cache goes <b>live</b>. An object is judged only
 * once the thread that released it has ended, or has released another object of the cache while {@value #SETTLE}
 * releases happened in all: a frame of that thread may still hold the object in a local variable it never reads
 * again (a thread blocked after its release, a virtual thread unmounted behind thousands of others), which is no
 * hazard.
 *
 * <p><b>Live</b>: one release in {@code sample} (0: none) is quarantined instead of freed, and judged the same way,
 * once its thread has ended or its stripe of threads has made {@code sample} more releases; so are releases the
 * cache refused as double frees. A hazard then switches the cache off ({@link OnHazard#OFF}) or
 * is only reported. <b>Off</b>: sites construct with {@code new}, release points free nothing; objects still out
 * are left to the GC, so nothing is ever handed out twice.
 *
 * <p>Each site and release point is a call site of one {@link LinkSwitch} whose position is the state: its target is
 * its code for the current state, and only that; when the state changes, every one is retargeted at once. Compiled
 * code of a live cache so holds none of the verifying code, whose size would otherwise change what the JIT inlines
 * around the fast path.
 */
public final class Verification {

    /** Releases after an object's own before it is judged. */
    static final int SETTLE = 16;
    /** Collections an object may survive after its release before it is a hazard. */
    static final int STRIKES = 2;
    /** Quarantined objects waiting for judgement at the most; sampling pauses above it. */
    private static final int QUARANTINE_MAX = 256;
    /** Ints between two stripes' sample counts: 64 bytes, so no two stripes share a cache line. */
    private static final int SAMPLES_STRIDE = 16;
    /** Allocation stacks kept at most, per verified release. */
    private static final int ALLOC_STACKS_PER_RELEASE = 4;
    /** Frames of each stack in the hazard line. */
    private static final int FRAMES = 6;

    private static final MethodHandle RECORD;
    private static final MethodHandle WATCH;
    private static final MethodHandle NOTHING = MethodHandles.empty(methodType(void.class, Object.class));

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RECORD = lookup.findVirtual(Verification.class, "allocated", methodType(Object.class, Object.class));
            WATCH = lookup.findVirtual(Verification.class, "watch", methodType(void.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Where a cache is in its proof. */
    public enum State {
        /** Released objects are watched, nothing is reused. */
        VERIFYING("verifying"),
        /** Objects are reused; a sample is still watched. */
        LIVE("live"),
        /** A hazard was found: nothing is reused any more. */
        OFF("off: hazard"),
        /** The cache is gone (its config replaced or detached): nothing is reused any more, and no hazard was found. */
        RETIRED("off");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** What slabinfo, the MBean and the JFR event show. */
        public String label() {
            return label;
        }

        /** Whether nothing is reused any more, for good. */
        boolean ended() {
            return this == OFF || this == RETIRED;
        }
    }

    /** One watched release. */
    private static final class Watched {
        final WeakReference<Object> ref;
        final String type;
        final long seq;
        final long collections;
        /** {@link GcTicks#fullMark()} when the object was first judged settled; {@code null} until then. */
        long[] settledMark;
        final CallStack released;
        final CallStack allocated;
        final boolean quarantined;
        /** The releasing thread; cleared once nothing else holds it. */
        final WeakReference<Thread> thread;
        /** Verifying: the thread's own releases so far; quarantined: its stripe's index and completed samples. */
        final long threadMark;
        final int stripe;
        int strikes;
        /** Whether the object was compared with {@link #state} (once, when settled, if it was still there). */
        boolean compared;
        /** What the object held at its release; {@code null} if it could not be read. */
        final ReleasedState state;

        Watched(Object o, ReleasedState state, long seq, CallStack released, CallStack allocated, long threadMark,
                int stripe) {
            this.ref = new WeakReference<>(o);
            this.state = state;
            this.type = o.getClass().getName();
            this.seq = seq;
            this.collections = GcTicks.collections();
            this.released = released;
            this.allocated = allocated;
            this.quarantined = stripe >= 0;
            this.thread = new WeakReference<>(Thread.currentThread());
            this.threadMark = threadMark;
            this.stripe = stripe;
        }

        /** Where it was released and allocated, as far as that was recorded. */
        String stacks() {
            return "released at " + (released != null ? released.oneLine(FRAMES)
                    : "(not recorded for a sampled release unless debug is on)") + "; allocated at "
                    + whereAllocated(allocated);
        }

        boolean threadEnded() {
            Thread t = thread.get();
            return t == null || !t.isAlive();
        }
    }

    private final SlabCache cache;
    private final int required;
    private final int sample;
    private final OnHazard onHazard;
    private final ReleasedState.Fields readable;
    /** Samples taken, counted per stripe of threads (by thread id), {@link #SAMPLES_STRIDE} apart. */
    private final int[] samplesTaken;
    private final int stripeMask;
    /** Links the sites and release points to the state's code (its lock is taken after this object's, never before). */
    private final LinkSwitch<State> phases;
    private final WeakIdentityMap<Watched> byObject = new WeakIdentityMap<>();
    private final WeakIdentityMap<CallStack> allocations = new WeakIdentityMap<>();
    private final List<Watched> watched = new ArrayList<>();
    /**
     * Per class of the cache (one per loader), what makes a stand-in's preserved fields ({@link #prepareStandIns}); a
     * class value, so that it keeps no class or loader alive.
     */
    private final ClassValue<AtomicReference<MethodHandle>> preparations = new ClassValue<>() {
        @Override
        protected AtomicReference<MethodHandle> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };
    /** Verifying: releases per releasing thread (guarded by this). */
    private final Map<Thread, long[]> releasesByThread = new WeakHashMap<>();
    private volatile State state;
    private volatile long hazards;
    private long releases;
    private long judgedClean;
    private long refusedSeen;
    /** Verifying: since when (nanoTime) it has wanted a collection it may not ask for; 0 if it does not (verify thread only). */
    private long wantingSince;
    private boolean reminded;

    /**
     * @param cache    the cache whose release rule is proven
     * @param required releases to watch and judge clean before the cache goes live; 0 starts it live
     * @param sample   one release in {@code sample} is quarantined and judged once live; 0 samples none
     * @param onHazard what a hazard found while live does
     */
    public Verification(SlabCache cache, int required, int sample, OnHazard onHazard) {
        this(cache, required, sample, onHazard, FieldAccess.PLAIN);
    }

    /**
     * @param cache    the cache whose release rule is proven
     * @param required releases to watch and judge clean before the cache goes live; 0 starts it live
     * @param sample   one release in {@code sample} is quarantined and judged once live; 0 samples none
     * @param onHazard what a hazard found while live does
     * @param access   how the fields of a released object are made readable, to tell whether it is written to after
     *                 its release
     */
    public Verification(SlabCache cache, int required, int sample, OnHazard onHazard, FieldAccess access) {
        if (required < 0 || sample < 0) {
            throw new IllegalArgumentException("verify and sample must not be negative");
        }
        this.cache = cache;
        this.required = required;
        this.sample = sample;
        this.onHazard = onHazard;
        this.readable = new ReleasedState.Fields(access);
        int stripes = Stripes.forThisMachine();
        this.samplesTaken = new int[stripes * SAMPLES_STRIDE];
        this.stripeMask = stripes - 1;
        this.state = required > 0 ? State.VERIFYING : State.LIVE;
        this.phases = new LinkSwitch<>(state);
        if (required > 0 || sample > 0) {
            GcTicks.watch(this);
        }
    }

    /** Verifying, live or off. */
    public State state() {
        return state;
    }

    /** One release in how many is sampled while live; 0 for none. */
    public int sample() {
        return sample;
    }

    /** Hazards found so far. */
    public long hazards() {
        return hazards;
    }

    /**
     * {@code (args)T} of a site: {@code plainNew} while verifying (its objects' allocation stacks recorded) and off,
     * {@code reuse} while live.
     *
     * @param reuse    the site's target taking objects from the cache, {@code (args)T}
     * @param plainNew what the original code did, same type
     */
    public MethodHandle site(MethodHandle reuse, MethodHandle plainNew) {
        Class<?> t = plainNew.type().returnType();
        MethodHandle recording = MethodHandles.filterReturnValue(plainNew,
                RECORD.bindTo(this).asType(methodType(t, t)));
        return phases.link(plainNew.type(), s -> switch (s) {
            case VERIFYING -> recording;
            case LIVE -> reuse;
            case OFF, RETIRED -> plainNew;
        }).dynamicInvoker();
    }

    /**
     * {@code (Object)void} of a release point whose object passed the class check and the guard: watched while
     * verifying, {@code free} while live (where the cache picks its samples, {@link #takeSample(Object)}), nothing
     * when off.
     */
    public MethodHandle release(MethodHandle free) {
        MethodHandle watching = WATCH.bindTo(this);
        return phases.link(free.type(), s -> switch (s) {
            case VERIFYING -> watching;
            case LIVE -> free;
            case OFF, RETIRED -> NOTHING;
        }).dynamicInvoker();
    }

    /**
     * The release of {@code o} on the path that is not linked through {@link #release(MethodHandle)}.
     *
     * @return true if {@code o} may go to the cache (live: where the cache picks its samples); false if it was
     *         watched or the cache is off
     */
    public boolean admits(Object o) {
        return switch (state) {
            case VERIFYING -> {
                watch(o);
                yield false;
            }
            case LIVE -> true;
            case OFF, RETIRED -> false;
        };
    }

    private Object allocated(Object o) {
        cache.countBypassed();
        if (state == State.VERIFYING && allocations.size() < (long) ALLOC_STACKS_PER_RELEASE * (required + SETTLE)) {
            allocations.put(o, new CallStack());
        }
        return o;
    }

    private void watch(Object o) {
        if (o == null) {
            return;
        }
        cache.countDropped();
        // a stack only for a release that is recorded (racy hint; checked again below): once the watch list is full,
        // the other releases of the verifying phase cost a lock and a lookup, not a stack walk each
        boolean hint = recordsMore();
        CallStack here = hint ? new CallStack() : null;
        ReleasedState atRelease = hint ? ReleasedState.of(o, readable) : null;
        synchronized (this) {
            if (state != State.VERIFYING) {
                return;
            }
            long seq = ++releases;
            long own = ++releasesByThread.computeIfAbsent(Thread.currentThread(), t -> new long[1])[0];
            Watched earlier = byObject.get(o);
            if (earlier != null) {
                hazard("an object released twice (first release at " + earlier.released.oneLine(FRAMES)
                        + "; again at " + (here != null ? here : new CallStack()).oneLine(FRAMES) + "; allocated at "
                        + whereAllocated(earlier.allocated) + ")");
                return;
            }
            if (recordsMore()) {
                Watched w = new Watched(o, hint ? atRelease : ReleasedState.of(o, readable), seq,
                        hint ? here : new CallStack(), allocations.remove(o), own, -1);
                watched.add(w);
                byObject.put(o, w);
            }
        }
    }

    /** Releases and samples watched now (for diagnostics and tests). */
    synchronized int watchedCount() {
        return watched.size();
    }

    /** Verifying: whether the watch list takes another release (racy outside the lock: a hint there). */
    private boolean recordsMore() {
        return watched.size() < required + SETTLE;
    }

    /**
     * Takes {@code o}, a release of the live cache that its strategy picked as one of its samples (one in
     * {@link #sample()}, counted down per stripe on the cache's fast path) and did not keep: watches it, and returns a
     * fresh object of its kind for the cache to keep in its place ({@link StandIns}; {@code null} for the {@code new}
     * strategy or if none can be made, the sample then counted as dropped). A sample so costs the cache no miss (a
     * miss path that runs at all stays in the compiled site and slows its hits). Returns {@code o} itself, for the
     * cache to keep, when it takes no sample: not live, or {@value #QUARANTINE_MAX} samples wait for judgement. No
     * stack is captured unless debug is on: a sample must cost the live path next to nothing.
     */
    public Object takeSample(Object o) {
        int at = sampleStripeOfThisThread();
        samplesTaken[at]++; // racy on purpose where two live threads share a stripe: a lost count delays a judgement
        if (state != State.LIVE || watched.size() >= QUARANTINE_MAX) {
            return o;
        }
        SlabDebug debug = cache.debug();
        CallStack here = debug != null && debug.mode() != DebugMode.OFF ? new CallStack() : null;
        ReleasedState atRelease = ReleasedState.of(o, readable);
        synchronized (this) {
            watched.add(new Watched(o, atRelease, releases, here, null, samplesTaken[at], at));
        }
        Object standIn = cache.strategy() == Strategy.NEW ? null : standInFor(o);
        if (standIn == null) {
            cache.countDropped();
        }
        return standIn;
    }

    /**
     * Makes the stand-ins of class {@code c} ready with {@code prepare}, {@code (c)void}, the reinit's code that
     * creates a blank object's preserved fields as the constructors create them.
     */
    public void prepareStandIns(Class<?> c, MethodHandle prepare) {
        preparations.get(c).set(prepare.asType(methodType(void.class, Object.class)));
    }

    /** A stand-in for {@code o} ({@link StandIns}) with its preserved fields made; {@code null} if none can be made. */
    private Object standInFor(Object o) {
        Object standIn = StandIns.like(o);
        MethodHandle prepare = standIn == null ? null : preparations.get(standIn.getClass()).get();
        if (prepare != null) {
            try {
                prepare.invokeExact(standIn);
            } catch (Throwable e) {
                return null;
            }
        }
        return standIn;
    }

    /** Where the calling thread's stripe's count of samples taken is in {@link #samplesTaken}. */
    private int sampleStripeOfThisThread() {
        return ((int) Thread.currentThread().getId() & stripeMask) * SAMPLES_STRIDE;
    }

    /**
     * Whether the frames that released {@code w} have moved on: its thread ended, or (verifying) released again
     * with {@link #SETTLE} releases in all since, or (quarantined) another sample was taken from a thread of its
     * stripe of threads (thread id modulo {@link Stripes}; the cache picks one release in {@code sample} per stripe of
     * its own, whose threads are mostly the same ones). Caller holds the lock.
     */
    private boolean settled(Watched w) {
        if (w.threadEnded()) {
            return true;
        }
        if (w.quarantined) {
            return samplesTaken[w.stripe] != w.threadMark;
        }
        long[] own = releasesByThread.get(w.thread.get());
        return own != null && own[0] > w.threadMark && w.seq + SETTLE <= releases;
    }

    /**
     * Counts a collection that the settled {@code w} survived; true once it survived {@value #STRIKES} and a full
     * collection that started after it was first judged settled. The collection at which it is first found settled
     * does not count, nor does a full collection before: until its frames moved on, the releasing thread held it,
     * and a virtual thread parked after its release (on the verifier's lock, say) may wait through a full
     * collection, after which its object sits in the old generation where young collections never clear it.
     * Caller holds the lock.
     */
    private static boolean struck(Watched w) {
        if (w.settledMark == null) {
            w.settledMark = GcTicks.fullMark();
            return false;
        }
        return ++w.strikes >= STRIKES && GcTicks.fullSince(w.settledMark);
    }

    /** True while objects are ready to be judged and a collection would judge them. */
    boolean wantsCollection() {
        synchronized (this) {
            if (state.ended() || watched.isEmpty()) {
                return false;
            }
            return state == State.VERIFYING ? releases >= required + SETTLE
                    : watched.stream().anyMatch(w -> w.strikes >= STRIKES);
        }
    }

    /**
     * With {@code -XX:+DisableExplicitGC}, where the verifier's {@link System#gc()} does nothing: once this verification
     * has wanted a collection for {@value GcTicks#REMIND_MILLIS} ms while verifying, says once (INFO) that it waits
     * for a full collection and that {@code jcmd PID GC.run}, which the flag does not stop, makes one. Watched objects
     * that young collections moved into the old generation are cleared by nothing less. Called by the verify thread
     * about once a second at {@code now} (nanoTime).
     */
    void remindOfFullCollection(long now) {
        if (reminded) {
            return;
        }
        if (state != State.VERIFYING || !wantsCollection()) {
            wantingSince = 0;
        } else if (wantingSince == 0) {
            wantingSince = now;
        } else if (now - wantingSince >= TimeUnit.MILLISECONDS.toNanos(GcTicks.REMIND_MILLIS)) {
            reminded = true;
            long seconds = TimeUnit.NANOSECONDS.toSeconds(now - wantingSince);
            LoggerFactory.getLogger(Verification.class).info("slab-agent: cache {}: still verifying after {} s: the"
                    + " objects it watches wait for a full garbage collection, which -XX:+DisableExplicitGC keeps it"
                    + " from asking for; jcmd {} GC.run makes one", cache.name(), seconds, ProcessHandle.current().pid());
        }
    }

    /**
     * Compares every settled object not compared yet with its state at its release. Called by the verify thread
     * between collections (every 20 ms at most), so that most objects are compared before a collection clears them.
     */
    void checkWrites() {
        synchronized (this) {
            if (state.ended()) {
                return;
            }
            for (Iterator<Watched> it = watched.iterator(); it.hasNext(); ) {
                Watched w = it.next();
                String found = writtenAfterRelease(w);
                if (found != null) {
                    it.remove();
                    hazard(found);
                    return;
                }
            }
        }
    }

    /** Judges the watched objects after collection number {@code collection}. */
    void judge(long collection) {
        allocations.expunge(stack -> { });
        byObject.expunge(w -> { });
        String found = null;
        synchronized (this) {
            long refused = cache.refusedFrees();
            if (refused > refusedSeen && state == State.LIVE) {
                found = "an object released twice while live (" + (refused - refusedSeen)
                        + " refused double frees; run with debug=on for the stacks)";
            }
            refusedSeen = refused;
            for (Iterator<Watched> it = watched.iterator(); it.hasNext() && found == null; ) {
                Watched w = it.next();
                found = writtenAfterRelease(w);
                if (found != null) {
                    it.remove();
                    continue;
                }
                if (w.ref.get() == null) {
                    it.remove();
                    judgedClean += w.quarantined ? 0 : 1;
                } else if (w.collections < collection && settled(w) && struck(w)) {
                    it.remove();
                    found = "a " + w.type + " still reachable after " + STRIKES
                            + " garbage collections since its release (code still holds it; " + w.stacks() + ")";
                }
            }
            if (found != null) {
                hazard(found);
            } else if (state == State.VERIFYING && judgedClean >= required) {
                goLive();
            }
        }
    }

    /**
     * Compares {@code w}'s object, once it is settled and if it was not collected yet, with its state at its release
     * (once). Caller holds the lock.
     *
     * @return the hazard, if code wrote to the object after its release; {@code null} otherwise
     */
    private String writtenAfterRelease(Watched w) {
        if (w.compared || !settled(w)) {
            return null;
        }
        w.compared = true;
        Object o = w.ref.get();
        String change = o == null || w.state == null ? null : w.state.changeIn(o);
        return change == null ? null
                : "a " + w.type + " written after its release (" + change + " changed; " + w.stacks() + ")";
    }

    private static String whereAllocated(CallStack stack) {
        return stack == null ? "(not recorded)" : stack.oneLine(FRAMES);
    }

    /**
     * Off for good ({@link State#RETIRED}): sites and release points construct with {@code new} and free nothing, and
     * the collector's ticks no longer reach this verification. The installer calls it for a cache that is gone
     * (replaced or uninstalled).
     */
    public synchronized void retire() {
        end(State.RETIRED);
    }

    /** Ends the verification in {@code how} (off or retired) unless it has ended already. */
    private synchronized void end(State how) {
        if (!state.ended()) {
            state = how;
            watched.clear();
            releasesByThread.clear();
            phases.end(how);
        }
        GcTicks.unwatch(this);
    }

    /** Caller holds the lock. */
    private void goLive() {
        state = State.LIVE;
        watched.clear();
        releasesByThread.clear();
        phases.set(State.LIVE);
        if (sample == 0) {
            GcTicks.unwatch(this);
        }
        LoggerFactory.getLogger(Verification.class).debug("slab-agent: cache {}: release rule verified on {} releases;"
                + " cache live", cache.name(), judgedClean);
    }

    /** Caller holds the lock. */
    private void hazard(String what) {
        hazards++;
        boolean off = state == State.VERIFYING || onHazard == OnHazard.OFF;
        String outcome = off ? "cache off, the program runs with plain new"
                : "reported only (onhazard=report), cache stays live";
        LoggerFactory.getLogger(Verification.class).warn("slab-agent: cache {}: hazard: {}; {}", cache.name(), what, outcome);
        if (off && !state.ended()) {
            end(State.OFF);
            cache.drain();
        }
    }
}
