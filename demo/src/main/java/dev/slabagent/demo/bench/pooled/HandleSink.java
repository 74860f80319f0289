package dev.slabagent.demo.bench.pooled;

/** The release point of {@link BenchHandle}, as {@code Transactions.stop} is jbd's: the agent frees the handle here. */
public final class HandleSink {
    /**
     * Ends one level of the handle: after the outermost stop {@code handle.ref == 0} and nothing keeps it.
     *
     * @param handle the handle to stop
     */
    public void stop(BenchHandle handle) {
        handle.ref--;
    }
}
