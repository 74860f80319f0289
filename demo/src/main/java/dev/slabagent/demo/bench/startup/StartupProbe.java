package dev.slabagent.demo.bench.startup;

import java.lang.management.ManagementFactory;

/**
 * The program {@link StartupBench} starts: prints how long its JVM took from start to {@code main}
 * ({@code to_main_ms=N}), reading the clock first and the JVM's start time after.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        long now = System.currentTimeMillis();
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("to_main_ms=" + (now - start));
    }
}
