package dev.slabagent.demo.bench;

import dev.slabagent.demo.bench.pooled.BenchHandle;
import dev.slabagent.demo.bench.pooled.HandleSink;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/**
 * The alloc+free round trip of a pooled allocation site as the agent rewrites it: {@code new BenchHandle(1)}
 * whose result escapes, then its release at {@link HandleSink#stop}. Without the agent this is plain
 * {@code new} (a TLAB bump plus the handle's list, and later GC work); with it, the configured strategy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class HandleSiteBench {
    private final HandleSink sink = new HandleSink();

    /**
     * Allocates one handle, lets it escape, and stops it on the same thread.
     *
     * @param blackhole makes the handle escape
     */
    @Benchmark
    public void roundTrip(Blackhole blackhole) {
        BenchHandle handle = new BenchHandle(1);
        blackhole.consume(handle);
        sink.stop(handle);
    }

    /**
     * The allocating side of the cross-thread case: handles made here are stopped by {@link #release}.
     *
     * @param handoff the ring to the releasing thread
     * @param control JMH's control
     */
    @Benchmark
    @Group("crossThread")
    @GroupThreads(1)
    public void allocate(Handoff handoff, Control control) {
        handoff.pass(new BenchHandle(1), control);
    }

    /**
     * The releasing side of the cross-thread case: stops handles allocated by {@link #allocate}.
     *
     * @param handoff the ring from the allocating thread
     * @param control JMH's control
     */
    @Benchmark
    @Group("crossThread")
    @GroupThreads(1)
    public void release(Handoff handoff, Control control) {
        Object handle = handoff.take(control);
        if (handle != null) {
            sink.stop((BenchHandle) handle);
        }
    }
}
