package dev.slabagent.runtime;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * Magazines are plain {@code Object[]}s of {@code rounds} slots between two pads; their fill counts are kept by
 * whoever holds the magazine ({@link MagazineStripe}, or {@link Depot} where a magazine is always full or empty),
 * so a push or a pop writes only the slot, never a shared header. The pads keep the slots of two magazines
 * allocated side by side (as every stripe's first two are) off each other's cache lines.
 *
 * <p>The first pad slot holds the magazine's <em>birth mark</em>: a weak reference to an object nothing else
 * holds, cleared by the first garbage collection after the magazine was made. A push stores an object into the
 * magazine; on G1 (JDK 17 to 25) a reference store into an object outside the young generation pays a
 * store-load fence in the write barrier, a few nanoseconds, more than the rest of a push. So the holder of a magazine
 * whose mark is cleared, which may have been promoted, pushes into a {@linkplain #renew fresh copy} instead: at
 * most once per magazine per collection, and only where the magazine is pushed to again. The holder looks at the
 * mark once every {@link StripeState#AGE_CHECK_INTERVAL} frees, not on every push: the look itself is a chain of
 * three dependent loads.
 */
final class Magazine {

    /** Index of a magazine's first round: 16 slots (64 bytes or more) of padding before it, and as many after. */
    static final int FIRST = 16;

    private Magazine() {
    }

    /** A new, empty magazine of {@code rounds} rounds. */
    static Object[] create(int rounds) {
        Object[] m = new Object[FIRST + rounds + FIRST];
        m[0] = new WeakReference<>(new Object());
        return m;
    }

    /** Whether a collection ran since {@code m} was made: it may be in the old generation now. */
    static boolean aged(Object[] m) {
        return ((WeakReference<?>) m[0]).refersTo(null);
    }

    /**
     * A copy of {@code m}, rounds included, newly made (so in the young generation) and with its own birth mark. The
     * rounds of {@code m}, which its holder drops, are cleared: an old magazine waiting for the next old-generation
     * collection would otherwise keep them alive (null stores skip the costly part of the barrier).
     */
    static Object[] renew(Object[] m) {
        Object[] copy = m.clone();
        copy[0] = new WeakReference<>(new Object());
        clear(m, m.length - 2 * FIRST);
        return copy;
    }

    /** Empties {@code m}'s {@code rounds} rounds, keeping its birth mark. */
    static void clear(Object[] m, int rounds) {
        Arrays.fill(m, FIRST, FIRST + rounds, null);
    }
}
