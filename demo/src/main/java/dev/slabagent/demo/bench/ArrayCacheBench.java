package dev.slabagent.demo.bench;

import dev.slabagent.demo.bench.suite.ForkConfig;
import dev.slabagent.runtime.SlabCache;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The frozen copy's 4 KiB buffer round trip through the cache API, without the agent's rewrite (which
 * {@link JournalCommitBench} measures on jbd-target's frozen copies): a {@code byte[4096]} from a cache of each
 * strategy, zero-filled on reuse when {@code zero=true} (what {@code new} guarantees) or handed back with its old
 * contents when {@code zero=false} (kmalloc without {@code __GFP_ZERO}), next to {@code strategy=baseline}:
 * {@code new byte[4096]} whose result escapes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ArrayCacheBench {
    private static final int LENGTH = 4096;

    /** {@code baseline} (plain {@code new byte[4096]}), or a pooling strategy of the runtime. */
    @Param({ForkConfig.BASELINE, "locked", "magazine"})
    public String strategy;

    /** Whether a reused buffer is zero-filled, as a fresh one is. */
    @Param({"true", "false"})
    public boolean zero;

    private SlabCache cache;

    /** Creates this trial's cache (none for the baseline). */
    @Setup(Level.Trial)
    public void createCache() {
        cache = DirectCaches.forParameter(strategy, "bench_block", 256);
    }

    /**
     * Obtains one 4 KiB buffer, writes a byte so it is used, lets it escape and gives it back.
     *
     * @param blackhole makes the buffer escape
     */
    @Benchmark
    public void roundTrip(Blackhole blackhole) {
        byte[] buffer = cache == null ? null : (byte[]) cache.allocate();
        if (buffer == null) {
            buffer = new byte[LENGTH];
        } else if (zero) {
            Arrays.fill(buffer, (byte) 0);
        }
        buffer[0] = 1;
        blackhole.consume(buffer);
        if (cache != null) {
            cache.free(buffer);
        }
    }
}
