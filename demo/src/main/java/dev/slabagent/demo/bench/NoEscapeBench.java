package dev.slabagent.demo.bench;

import dev.slabagent.demo.bench.pooled.Vec;
import dev.slabagent.demo.bench.pooled.VecSink;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A {@code new} whose object never escapes: without the agent C2's escape analysis scalar-replaces the
 * {@link Vec} (0 B/op, no allocation at all); rewritten into a cache call, the object must really exist.
 * This is what pooling a site whose objects do not escape costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class NoEscapeBench {
    private final VecSink sink = new VecSink();
    private long x = 3;
    private long y = 5;

    /** @return the dot product of a temporary vector, so the work cannot be dropped */
    @Benchmark
    public long dot() {
        Vec vec = new Vec(x, y);
        long product = vec.dot(y, x);
        sink.done(vec);
        return product;
    }
}
