package dev.slabagent.demo.bench.pooled;

/** The release point of {@link Vec}: does nothing, so without the agent the vector never escapes. */
public final class VecSink {
    /**
     * Declares the vector dead; the agent frees it here.
     *
     * @param vec the vector no longer used
     */
    public void done(Vec vec) {
        // Intentionally empty: the release point only marks where the vector dies.
    }
}
