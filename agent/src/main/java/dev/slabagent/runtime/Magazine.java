package dev.slabagent.runtime;

/**
 * Magazines are plain {@code Object[]}s of {@code rounds} slots between two pads; their fill counts are kept by
 * whoever holds the magazine ({@link MagazineStripe}, or {@link Depot} where a magazine is always full or empty),
 * so a push or a pop writes only the slot, never a shared header. The pads keep the slots of two magazines
 * allocated side by side (as every stripe's first two are) off each other's cache lines.
 */
final class Magazine {

    /** Index of a magazine's first round: 16 slots (64 bytes or more) of padding before it, and as many after. */
    static final int FIRST = 16;

    private Magazine() {
    }

    /** A new, empty magazine of {@code rounds} rounds. */
    static Object[] create(int rounds) {
        return new Object[FIRST + rounds + FIRST];
    }
}
