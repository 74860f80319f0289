package dev.slabagent.demo.bench.suite;

import java.util.List;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.TimeValue;

/** How long the suite measures: a one-iteration smoke run for CI, a quick run, and the full run. */
public enum SuiteMode {
    /**
     * One cold shot of 20,000 operations per benchmark, one thread: proves the suite runs (a
     * fixed count, not a time, so even a slow machine gets past the first calls), measures nothing useful.
     */
    SMOKE(Mode.SingleShotTime, 20_000, 1, 0, TimeValue.milliseconds(100), 1, TimeValue.milliseconds(100),
            List.of(1)),
    /**
     * Four forks of two 300 ms iterations after three 1 s warm-up ones: the fewest forks with which a difference can
     * be significant (each fork's score is one sample); where the interval reaches more than ±10% the report says
     * {@code inconclusive} instead of any verdict. The warm-up is what the JIT needs on two cores: a fork of
     * {@code HandleSiteBench.roundTrip} without the agent runs at 150-200 ns/op for its first 2 s, then at 3-4.
     */
    QUICK(Mode.AverageTime, 1, 4, 3, TimeValue.seconds(1), 2, TimeValue.milliseconds(300), List.of(1, 2)),
    /** Six forks of three 1 s iterations after three warm-up ones. */
    FULL(Mode.AverageTime, 1, 6, 3, TimeValue.seconds(1), 3, TimeValue.seconds(1), List.of(1, 2));

    private final Mode jmhMode;
    private final int batchSize;
    private final int forks;
    private final int warmupIterations;
    private final TimeValue warmupTime;
    private final int measurementIterations;
    private final TimeValue measurementTime;
    private final List<Integer> threadCounts;

    SuiteMode(Mode jmhMode, int batchSize, int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
            TimeValue measurementTime, List<Integer> threadCounts) {
        this.jmhMode = jmhMode;
        this.batchSize = batchSize;
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
        this.threadCounts = threadCounts;
    }

    /** @return whether the report gives a verdict only where the interval is within ±10% (all but the full run) */
    public boolean narrowVerdicts() {
        return this != FULL;
    }

    /** @return JMH's benchmark mode: average time, or one timed batch for the smoke run */
    public Mode jmhMode() {
        return jmhMode;
    }

    /** @return operations per measured call (1 except for the smoke run's single shot) */
    public int batchSize() {
        return batchSize;
    }

    /** @return forked JVMs per benchmark and configuration */
    public int forks() {
        return forks;
    }

    /** @return warm-up iterations per fork */
    public int warmupIterations() {
        return warmupIterations;
    }

    /** @return length of one warm-up iteration */
    public TimeValue warmupTime() {
        return warmupTime;
    }

    /** @return measured iterations per fork */
    public int measurementIterations() {
        return measurementIterations;
    }

    /** @return length of one measured iteration */
    public TimeValue measurementTime() {
        return measurementTime;
    }

    /** @return the thread counts the non-group benchmarks run with */
    public List<Integer> threadCounts() {
        return threadCounts;
    }
}
