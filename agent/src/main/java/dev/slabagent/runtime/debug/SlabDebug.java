package dev.slabagent.runtime.debug;

import dev.slabagent.runtime.debug.TrackedObjects.Track;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Slab debugging of one cache, as SLUB_DEBUG with user tracking does for the kernel. While it
 * tracks, every object the cache hands out is followed by identity (weakly) with the stack of its allocation or
 * release, and:
 * <ul>
 *   <li>a release of an object already free in the cache is a <b>double free</b>: reported with both release
 *       stacks, and the object is not freed twice;</li>
 *   <li>a field access or method call that rewritten code makes on an object free in the cache is a <b>use after
 *       free</b>, reported with the access's and the release's stacks;</li>
 *   <li>a released object is <b>poisoned</b> ({@link Poison}) before it goes back to the cache;</li>
 *   <li>an object handed out that the GC collects without its being released is a <b>leak</b>, reported with its
 *       allocation stack; a bounded sample of those stacks is kept for {@link #report()}.</li>
 * </ul>
 * Reports go to SLF4J at WARN and to {@link #counts()}; in {@link DebugMode#FAIL} a double free or a use after free
 * also throws {@link IllegalStateException} at the faulty call. Thread-safe.
 */
public final class SlabDebug {

    /** Leaked (and in-flight) allocation stacks kept for the report. */
    public static final int SAMPLES = 8;

    private final String cacheName;
    private final Set<String> preserved;
    private final LongAdder doubleFrees = new LongAdder();
    private final LongAdder useAfterFree = new LongAdder();
    private final LongAdder leaked = new LongAdder();
    private final List<Track> leakSamples = new ArrayList<>();
    private final BugLog log = new BugLog();
    private volatile DebugMode mode = DebugMode.OFF;
    private volatile TrackedObjects tracked;
    private volatile Poison poison;

    /**
     * @param cacheName the cache's name, as reports show it
     * @param preserved fields kept across reuse ({@code preserve}), which are not poisoned
     */
    public SlabDebug(String cacheName, Collection<String> preserved) {
        this.cacheName = cacheName;
        this.preserved = Set.copyOf(preserved);
    }

    /**
     * Sets the mode and whether objects are tracked: only while the mode is not {@link DebugMode#OFF} and the
     * cache is switched on (objects left out when it is switched off are the GC's, not leaks). Stopping forgets
     * every tracked object; the counters are kept.
     */
    public synchronized void set(DebugMode newMode, boolean cacheOn) {
        mode = newMode;
        boolean track = cacheOn && newMode != DebugMode.OFF;
        if (!track) {
            tracked = null;
        } else if (tracked == null) {
            tracked = new TrackedObjects();
        }
    }

    /** The mode set last. */
    public DebugMode mode() {
        return mode;
    }

    /** Whether objects are being tracked now: rewritten code linked now must call the hooks below. */
    public boolean isTracking() {
        return tracked != null;
    }

    /** Called with every object the cache's sites hand out (a hit or a new one); returns it. */
    public Object handedOut(Object o) {
        TrackedObjects t = tracked;
        if (t != null && o != null) {
            collect(t);
            t.put(o, new Track(false, o.getClass(), new CallStack()));
        }
        return o;
    }

    /**
     * Called first at a release point, before the guard: whether the release may go on. A release of an object
     * already free in the cache is a double free: reported, and {@code false}.
     *
     * @throws IllegalStateException on a double free in {@link DebugMode#FAIL}
     */
    public boolean releasing(Object o) {
        TrackedObjects t = tracked;
        if (t == null) {
            return true;
        }
        collect(t);
        Track track = t.get(o);
        if (track == null || !track.free()) {
            return true;
        }
        reportDoubleFree(o, track);
        return false;
    }

    private void reportDoubleFree(Object o, Track first) {
        doubleFrees.increment();
        String summary = prefix() + "double free of " + describe(o) + " (already free in the cache; not freed again)";
        log.report(BugKind.DOUBLE_FREE, summary, "second release", new CallStack(), "first release", first.stack());
        failIfAsked(summary);
    }

    /**
     * Called when the release goes on (its guard held), just before the object goes back to the cache: marks it free
     * and poisons it. Marking is one atomic step from "handed out" to "free", so of two threads releasing the same
     * object at once exactly one gets {@code true} and frees it; the other's release is reported as a double free.
     *
     * @return whether the caller may free the object into the cache
     * @throws IllegalStateException on a double free in {@link DebugMode#FAIL}
     */
    public boolean released(Object o) {
        TrackedObjects t = tracked;
        if (t == null) {
            return true;
        }
        Track first = t.markFree(o, new Track(true, o.getClass(), new CallStack()));
        if (first != null) {
            reportDoubleFree(o, first);
            return false;
        }
        Poison p = poison;
        if (p == null || p.type() != o.getClass()) {
            poison = p = Poison.of(o.getClass(), preserved);
        }
        p.apply(o);
        return true;
    }

    /**
     * Called by checked code before it reads or writes a field of {@code o} or calls one of its methods.
     *
     * @param access what is done, e.g. {@code read of com.example.Packet.ref}
     * @throws IllegalStateException if {@code o} is free in the cache, in {@link DebugMode#FAIL}
     */
    public void accessed(Object o, String access) {
        TrackedObjects t = tracked;
        if (t == null || o == null) {
            return;
        }
        Track track = t.get(o);
        if (track == null || !track.free()) {
            return;
        }
        useAfterFree.increment();
        String summary = prefix() + "use after free: " + access + " on " + describe(o) + " (free in the cache)";
        log.report(BugKind.USE_AFTER_FREE, summary, "access", new CallStack(), "released", track.stack());
        failIfAsked(summary);
    }

    /** The bugs found so far (leaks of objects the GC has collected by now included). */
    public DebugCounts counts() {
        TrackedObjects t = tracked;
        if (t != null) {
            collect(t);
        }
        return new DebugCounts(doubleFrees.sum(), useAfterFree.sum(), leaked.sum());
    }

    /** Objects handed out, not released and still reachable. */
    public long inFlight() {
        TrackedObjects t = tracked;
        return t == null ? 0 : t.inFlight();
    }

    /**
     * The debug report printed with slabinfo: the counts, the objects in flight (not leaks), and the allocation
     * stacks of a sample of leaked and in-flight objects.
     */
    public String report() {
        DebugCounts c = counts();
        TrackedObjects t = tracked;
        StringBuilder text = new StringBuilder(prefix()).append("debug ").append(mode.configName()).append(": ")
                .append(c.doubleFrees()).append(" double frees, ").append(c.useAfterFree()).append(" uses after free, ")
                .append(c.leaked()).append(" leaked, ").append(t == null ? 0 : t.inFlight())
                .append(" in flight (handed out, not released, still reachable)");
        appendAllocations(text, "leaked", leakSamples());
        appendAllocations(text, "in flight", t == null ? List.of() : t.inFlight(SAMPLES));
        return text.append('\n').toString();
    }

    private static void appendAllocations(StringBuilder text, String what, List<Track> tracks) {
        for (Track o : tracks) {
            text.append("\n  ").append(what).append(' ').append(o.type().getTypeName()).append(", allocated:")
                    .append(o.stack().frames());
        }
    }

    private List<Track> leakSamples() {
        synchronized (leakSamples) {
            return List.copyOf(leakSamples);
        }
    }

    private void collect(TrackedObjects t) {
        t.collect(this::leaked);
    }

    private void leaked(Track track) {
        leaked.increment();
        synchronized (leakSamples) {
            if (leakSamples.size() < SAMPLES) {
                leakSamples.add(track);
            }
        }
        log.report(BugKind.LEAK, prefix() + "leak: a " + track.type().getTypeName()
                + " was handed out and collected by the GC without being released", "allocated", track.stack());
    }

    private void failIfAsked(String summary) {
        if (mode == DebugMode.FAIL) {
            throw new IllegalStateException(summary);
        }
    }

    private String prefix() {
        return "slab-agent: " + cacheName + ": ";
    }

    private static String describe(Object o) {
        return o.getClass().getTypeName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }
}
