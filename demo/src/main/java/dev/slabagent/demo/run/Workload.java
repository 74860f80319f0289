package dev.slabagent.demo.run;

import java.nio.file.Path;
import java.util.List;

/** The size and seed of a jbd-target {@code workload} run. */
public record Workload(long writes, int threads, long seed) {

    /** Validates the figures. */
    public Workload {
        if (writes < 1 || threads < 1) {
            throw new IllegalArgumentException("writes and threads must be at least 1, got writes=" + writes
                    + " threads=" + threads);
        }
    }

    /** The warm-up for this workload: a quarter of its writes (at least one), same threads and seed. */
    public Workload warmup() {
        return new Workload(Math.max(1, writes / 4), threads, seed);
    }

    /** jbd-target's command line for this workload writing its files under {@code dir}. */
    public List<String> arguments(Path dir) {
        return List.of("workload", "--dir", dir.toString(), "--writes", Long.toString(writes),
                "--threads", Integer.toString(threads), "--seed", Long.toString(seed));
    }
}
