package dev.slabagent.runtime.verify;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Tells the verifications when the garbage collector has run: a sentinel object reachable only through a weak
 * reference is cleared by any collection, young or full; one daemon thread ({@code slab-agent-verify}) waits for
 * it, counts the collection, plants a new sentinel and lets every verification judge its watched objects; between
 * collections (every 20 ms at most) it lets each compare its settled objects with their state at release. A
 * verification that has objects ready to judge (while verifying) or suspects (objects that survived young
 * collections) and has waited {@value #PATIENCE_MILLIS} ms for the program's own collections asks for one with
 * {@link System#gc()}: only then, never periodically. With {@code -XX:+DisableExplicitGC} it asks for nothing, and a
 * verification kept waiting says once how to make a collection ({@link Verification#remindOfFullCollection}).
 */
final class GcTicks {

    /** How long a verification with objects ready waits for a collection before it asks for one. */
    static final long PATIENCE_MILLIS = 100;
    /**
     * How long, with {@code -XX:+DisableExplicitGC}, a verification may wait for a collection it cannot ask for before
     * it says how to make one.
     */
    static final long REMIND_MILLIS = 5_000;

    private static final List<Verification> WATCHERS = new CopyOnWriteArrayList<>();
    private static final ReferenceQueue<Object> CLEARED = new ReferenceQueue<>();
    private static volatile long collections;
    /** Collections this thread asked for ({@link System#gc()}): started, and returned. */
    private static volatile long requestsStarted;
    private static volatile long requestsDone;
    private static WeakReference<Object> sentinel;
    private static Thread thread;

    /**
     * What the JVM's management interface says about its collectors, read once, by the verify thread: loading it (some
     * 150 classes, the platform MXBeans) is not on an attach's install path.
     */
    private static final class JvmCollectors {
        /** The collectors whose collections are full ones: every judged object reads their counts. */
        static final List<GarbageCollectorMXBean> FULL = fullCollectors();
        /**
         * Whether {@link System#gc()} collects: not with {@code -XX:+DisableExplicitGC}, where it returns at once.
         * Counting such a request as a full collection made objects unreachable in the old generation, which young
         * collections never clear, look held: the seed config's cache went off with a false hazard. Then the verifier
         * asks for nothing and waits for the program's own collections.
         */
        static final boolean EXPLICIT_GC = !vmFlag("DisableExplicitGC");

        private JvmCollectors() {
        }

        /**
         * G1's, Parallel's and Serial's full collectors; none where the JVM cannot say, and then only the collections
         * this thread asks for count as full ones.
         */
        private static List<GarbageCollectorMXBean> fullCollectors() {
            try {
                return ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .filter(gc -> gc.getName().endsWith("Old Generation") || gc.getName().contains("MarkSweep"))
                        .toList();
            } catch (RuntimeException | LinkageError e) {
                return List.of();
            }
        }
    }

    private GcTicks() {
    }

    /** Collections seen since the thread started. */
    static long collections() {
        return collections;
    }

    /**
     * The full collections so far, as a mark to take when a released object is settled (its thread moved on):
     * {@link #fullSince} then tells whether one ran after it. Only a full collection proves an object reachable: a
     * young collection leaves an unreachable object in the old generation alone (a pooled object usually lives
     * there), and a concurrent cycle keeps what it found reachable when it started. The counts are the JVM's own,
     * read when the mark is taken, not the collections this thread has noticed so far, which may lag behind: a
     * collection that ended just before must never count as one after it.
     */
    static long[] fullMark() {
        return new long[] {oldCollections(), requestsStarted};
    }

    /**
     * Whether a full collection ran after {@code mark} was taken: one the program made whose collector stops the
     * world to mark the whole heap (G1's, Parallel's and Serial's full collections), or one this thread asked for
     * that started after the mark.
     */
    static boolean fullSince(long[] mark) {
        return oldCollections() > mark[0] || requestsDone > mark[1];
    }

    /** Full stop-the-world collections so far (G1 "Old Generation", Parallel "PS MarkSweep", Serial "MarkSweepCompact"). */
    private static long oldCollections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : JvmCollectors.FULL) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** Whether the boolean HotSpot flag {@code name} is on; false where it cannot be read (a JVM without it). */
    private static boolean vmFlag(String name) {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption(name).getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Judges {@code v}'s watched objects at every collection until it {@linkplain #unwatch leaves}. */
    static synchronized void watch(Verification v) {
        WATCHERS.add(v);
        if (thread == null) {
            sentinel = new WeakReference<>(new Object(), CLEARED);
            thread = new Thread(GcTicks::run, "slab-agent-verify");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops judging {@code v} (it is live without sampling, or off). */
    static void unwatch(Verification v) {
        WATCHERS.remove(v);
    }

    /** Lets {@code v} compare its settled objects; a failure there leaves the others and the collections' count alone. */
    private static void checkWrites(Verification v) {
        try {
            v.checkWrites();
        } catch (RuntimeException e) {
            // that verification compares its objects at its next judgement instead; the thread goes on
        }
    }

    private static void run() {
        long waitingSince = System.nanoTime();
        long remindersCheckedAt = waitingSince;
        while (true) {
            try {
                if (!JvmCollectors.EXPLICIT_GC && System.nanoTime() - remindersCheckedAt > TimeUnit.SECONDS.toNanos(1)) {
                    remindersCheckedAt = System.nanoTime();
                    for (Verification v : WATCHERS) {
                        v.remindOfFullCollection(remindersCheckedAt);
                    }
                }
                boolean collected = CLEARED.remove(PATIENCE_MILLIS / 5) != null;
                for (Verification v : WATCHERS) {
                    checkWrites(v);
                }
                if (collected) {
                    synchronized (GcTicks.class) {
                        sentinel = new WeakReference<>(new Object(), CLEARED);
                    }
                    long n = ++collections;
                    waitingSince = System.nanoTime();
                    for (Verification v : WATCHERS) {
                        v.judge(n);
                    }
                } else if (JvmCollectors.EXPLICIT_GC
                        && System.nanoTime() - waitingSince > TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS)
                        && WATCHERS.stream().anyMatch(Verification::wantsCollection)) {
                    waitingSince = System.nanoTime();
                    requestsStarted++;
                    System.gc();
                    requestsDone++;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a verification's judgement failed: the others go on; that one stays as it was
            }
        }
    }
}
