package dev.slabagent.demo.bench;

import dev.slabagent.demo.bench.pooled.BenchHandle;
import dev.slabagent.demo.bench.pooled.HandleSink;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A new platform thread per task, each task making one pooled {@code BenchHandle} that escapes and stopping it at
 * {@link HandleSink#stop}: the thread churn of a thread-per-request server. With the agent, every task's thread is
 * new to the cache, so the hits ({@link AgentProbe}'s {@code agent.hits} against {@code agent.allocs}) show whether
 * a new thread's first allocation is served.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ThreadChurnBench {

    /** Where each task's handle escapes to. */
    static volatile BenchHandle escaped;

    private final HandleSink sink = new HandleSink();

    /**
     * Starts one platform thread that allocates and stops one handle, and waits for it to end.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    public void platformThreadPerTask() throws InterruptedException {
        Thread t = new Thread(this::task);
        t.start();
        t.join();
    }

    private void task() {
        BenchHandle h = new BenchHandle(1);
        escaped = h;
        sink.stop(h);
    }
}
