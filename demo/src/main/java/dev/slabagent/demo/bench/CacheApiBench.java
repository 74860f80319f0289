package dev.slabagent.demo.bench;

import dev.slabagent.demo.bench.pooled.BenchHandle;
import dev.slabagent.demo.bench.suite.ForkConfig;
import dev.slabagent.runtime.SlabCache;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/**
 * The cache itself, called directly (no transform): alloc+free of a {@link BenchHandle} through a
 * {@link SlabCache} of each strategy, reused the way {@code preserve=callbacks} reuses it (fields reset,
 * list cleared), next to {@code strategy=baseline}: plain {@code new} whose result escapes. One cache is
 * shared by all threads of a trial, as the agent shares one per configured class.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class CacheApiBench {
    /**
     * {@code baseline} (no cache: every handle is a plain {@code new}), or a strategy name of the runtime
     * ({@code new}, {@code locked}, {@code magazine}).
     */
    @Param({ForkConfig.BASELINE, "new", "locked", "magazine"})
    public String strategy;

    private SlabCache cache;

    /** Creates this trial's cache (none for the baseline). */
    @Setup(Level.Trial)
    public void createCache() {
        cache = DirectCaches.forParameter(strategy, "bench_api", 1024);
    }

    /**
     * Obtains one handle, lets it escape, and gives it back on the same thread.
     *
     * @param blackhole makes the handle escape
     */
    @Benchmark
    public void roundTrip(Blackhole blackhole) {
        BenchHandle handle = obtain();
        blackhole.consume(handle);
        recycle(handle);
    }

    /**
     * The allocating side of the cross-thread case.
     *
     * @param handoff the ring to the releasing thread
     * @param control JMH's control
     */
    @Benchmark
    @Group("crossThread")
    @GroupThreads(1)
    public void allocate(Handoff handoff, Control control) {
        handoff.pass(obtain(), control);
    }

    /**
     * The releasing side of the cross-thread case: frees on a thread other than the allocating one.
     *
     * @param handoff the ring from the allocating thread
     * @param control JMH's control
     */
    @Benchmark
    @Group("crossThread")
    @GroupThreads(1)
    public void release(Handoff handoff, Control control) {
        recycle((BenchHandle) handoff.take(control));
    }

    private BenchHandle obtain() {
        BenchHandle handle = cache == null ? null : (BenchHandle) cache.allocate();
        if (handle == null) {
            return new BenchHandle(1);
        }
        handle.credits = 1;
        handle.ref = 1;
        handle.sync = false;
        handle.callbacks.clear();
        return handle;
    }

    /** Stops the handle and gives it back; null (the measurement ended while waiting) is ignored. */
    private void recycle(BenchHandle handle) {
        if (handle == null) {
            return;
        }
        handle.ref--;
        if (cache != null) {
            cache.free(handle);
        }
    }
}
