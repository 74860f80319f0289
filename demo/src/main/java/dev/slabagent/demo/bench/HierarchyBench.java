package dev.slabagent.demo.bench;

import dev.slabagent.demo.bench.pooled.DecoderSink;
import dev.slabagent.demo.bench.pooled.FlatDecoder;
import dev.slabagent.demo.bench.pooled.LineDecoder;
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
 * The pooled alloc+free round trip of a three-level class ({@link LineDecoder}: its reinit resets and re-runs the
 * constructors of all three classes) and of a class with the same fields and constructor in one
 * ({@link FlatDecoder}). Run without the agent for plain {@code new}, and with it and
 * {@code demo/configs/hierarchy.properties}:
 * <pre>
 * java -jar demo/target/benchmarks.jar HierarchyBench -prof gc \
 *      -jvmArgsAppend -javaagent:agent/target/slab-agent.jar=demo/configs/hierarchy.properties
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class HierarchyBench {
    private final DecoderSink sink = new DecoderSink();

    /**
     * Makes a three-level decoder, lets it escape, uses it and closes it.
     *
     * @param blackhole makes the decoder escape
     */
    @Benchmark
    public void threeLevels(Blackhole blackhole) {
        LineDecoder decoder = new LineDecoder(76);
        blackhole.consume(decoder);
        decoder.consume(3);
        sink.close(decoder);
    }

    /**
     * The same with the flat class.
     *
     * @param blackhole makes the decoder escape
     */
    @Benchmark
    public void flat(Blackhole blackhole) {
        FlatDecoder decoder = new FlatDecoder(76);
        blackhole.consume(decoder);
        decoder.consume(3);
        sink.close(decoder);
    }
}
