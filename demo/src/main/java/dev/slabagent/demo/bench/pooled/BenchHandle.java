package dev.slabagent.demo.bench.pooled;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in with the shape of jbd-target's {@code Handle}: credits, a nesting count {@code ref} that
 * starts at 1, a sync flag and a list of commit callbacks created by the constructor.
 */
public final class BenchHandle {
    /** Buffer credits reserved by the handle. */
    public int credits;
    /** Nesting count: 1 after construction, 0 after the outermost {@link HandleSink#stop}. */
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
    public BenchHandle(int credits) {
        this.credits = credits;
        this.ref = 1;
        this.callbacks = new ArrayList<>();
    }
}
