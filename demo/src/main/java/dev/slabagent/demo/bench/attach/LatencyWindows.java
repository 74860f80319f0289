package dev.slabagent.demo.bench.attach;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The longest call started in each millisecond since a start time, for one recording thread and any readers:
 * enough to see a pause of the writer (a safepoint, a deoptimisation) between two {@link System#nanoTime} moments.
 */
final class LatencyWindows {

    private static final long WINDOW_NANOS = 1_000_000;

    private final long origin;
    private final AtomicLongArray longest;

    /** @param seconds how long it records; later calls are not counted */
    LatencyWindows(long origin, int seconds) {
        this.origin = origin;
        this.longest = new AtomicLongArray(seconds * 1000);
    }

    /** Records a call that started at {@code start} (nanoTime) and took {@code nanos}; one thread only. */
    void record(long start, long nanos) {
        int slot = (int) ((start - origin) / WINDOW_NANOS);
        if (slot >= 0 && slot < longest.length() && nanos > longest.getPlain(slot)) {
            longest.setRelease(slot, nanos);
        }
    }

    /** The longest call that started between {@code from} and {@code to} (nanoTime), in nanoseconds. */
    long longest(long from, long to) {
        int first = (int) Math.max(0, (from - origin) / WINDOW_NANOS);
        int last = (int) Math.min(longest.length() - 1, (to - origin) / WINDOW_NANOS);
        long max = 0;
        for (int slot = first; slot <= last; slot++) {
            max = Math.max(max, longest.getAcquire(slot));
        }
        return max;
    }
}
