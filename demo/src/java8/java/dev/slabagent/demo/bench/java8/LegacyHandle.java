package dev.slabagent.demo.bench.java8;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code BenchHandle}'s shape compiled as a Java 8 class file ({@code --release 8}), as most libraries on Maven
 * Central ship: credits, a nesting count {@code ref} that starts at 1, a sync flag and a final list of callbacks.
 */
public final class LegacyHandle {
    /** Buffer credits reserved by the handle. */
    public int credits;
    /** Nesting count: 1 after construction, 0 after the outermost {@link LegacySink#stop}. */
    public int ref;
    /** Whether stopping the handle forces a commit. */
    public boolean sync;
    /** Callbacks run when the transaction of the handle commits. */
    public final List<Runnable> callbacks;

    /**
     * A handle for one operation.
     *
     * @param credits the buffer credits to reserve
     */
    public LegacyHandle(int credits) {
        this.credits = credits;
        this.ref = 1;
        this.callbacks = new ArrayList<Runnable>();
    }
}
