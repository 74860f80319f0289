package dev.slabagent.demo.bench;

import dev.slabagent.demo.bench.java8.LegacyHandle;
import dev.slabagent.demo.bench.java8.LegacySink;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pooled alloc+free round trip on a Java 8 class file and on a Java 17 one: the same handle shape, site and
 * release point, compiled {@code --release 8} ({@link LegacyHandle}, {@link LegacySink}) and {@code --release 17}
 * ({@link BenchHandle}, {@link HandleSink}). The agent's release code reaches the cache through an
 * {@code invokedynamic} call site in the first and a dynamic constant in the second; both should cost the same and
 * allocate nothing. Run with the agent and {@code demo/configs/class-file-versions.properties}:
 * <pre>
 * java -jar demo/target/benchmarks.jar ClassFileVersionBench -prof gc \
 *      -jvmArgsAppend -javaagent:agent/target/slab-agent.jar=demo/configs/class-file-versions.properties
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ClassFileVersionBench {
    private final LegacySink legacySink = new LegacySink();
    private final HandleSink sink = new HandleSink();

    /**
     * Opens a handle at a site in a Java 8 class file, lets it escape, and stops it there.
     *
     * @param blackhole makes the handle escape
     */
    @Benchmark
    public void java8(Blackhole blackhole) {
        LegacyHandle handle = legacySink.open();
        blackhole.consume(handle);
        legacySink.stop(handle);
    }

    /**
     * The same round trip in Java 17 class files.
     *
     * @param blackhole makes the handle escape
     */
    @Benchmark
    public void java17(Blackhole blackhole) {
        BenchHandle handle = new BenchHandle(1);
        blackhole.consume(handle);
        sink.stop(handle);
    }
}
