package dev.slabagent.jbd;

/** Transaction ids are u32 counters compared modulo 2^32 (tid_gt in jbd.h). */
final class Tids {
    private Tids() {
    }

    /** Whether {@code a} comes after {@code b}. */
    static boolean after(int a, int b) {
        return a - b > 0;
    }
}
