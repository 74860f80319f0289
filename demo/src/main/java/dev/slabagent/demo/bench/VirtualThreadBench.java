package dev.slabagent.demo.bench;

import dev.slabagent.demo.bench.pooled.BenchHandle;
import dev.slabagent.demo.bench.pooled.HandleSink;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A virtual thread per task (as {@code Executors.newVirtualThreadPerTaskExecutor()} runs a server's requests), each
 * task making one pooled {@code BenchHandle} that escapes and stopping it at {@link HandleSink#stop}. One operation
 * starts {@value #TASKS} such virtual threads at once and waits for all; the time is per task. Needs JDK 21 or later
 * (virtual threads are looked up reflectively, so the suite still compiles for 17); on an older JDK the setup
 * fails with that message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class VirtualThreadBench {

    /** Virtual threads per operation. */
    static final int TASKS = 1_000;

    /** Where each task's handle escapes to. */
    static volatile BenchHandle escaped;

    private final HandleSink sink = new HandleSink();
    private ThreadFactory virtualThreads;

    /**
     * Finds the JDK's virtual thread factory ({@code Thread.ofVirtual().factory()}).
     *
     * @throws ReflectiveOperationException if this JDK has no virtual threads
     */
    @Setup(Level.Trial)
    public void findVirtualThreads() throws ReflectiveOperationException {
        Object builder;
        try {
            builder = Thread.class.getMethod("ofVirtual").invoke(null);
        } catch (NoSuchMethodException e) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later; this is "
                    + Runtime.version(), e);
        }
        virtualThreads = (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    }

    /**
     * Starts {@value #TASKS} virtual threads, each allocating and stopping one handle, and waits for them all.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void virtualThreadPerTask() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            virtualThreads.newThread(() -> {
                BenchHandle h = new BenchHandle(1);
                escaped = h;
                sink.stop(h);
                done.countDown();
            }).start();
        }
        done.await();
    }
}
