package dev.slabagent.demo.probe;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes allocated by all the threads of this JVM since {@link #start()}, from the per-thread allocation counters
 * ({@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])}).
 *
 * <p>A thread's counter can only be read while it lives, so a sampler thread reads every live thread's counter
 * every {@value #PERIOD_MS} ms and keeps the latest value per thread: the allocations a thread makes in the last
 * period before it ends are not counted (a small undercount, the same with and without the agent). Threads alive
 * for the whole measurement, such as a workload run on the calling thread, are counted exactly.
 */
final class AllocationMeter {

    private static final long PERIOD_MS = 2;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> atStart = new HashMap<>();
    private final Map<Long, Long> latest = new ConcurrentHashMap<>();
    private final Thread sampler = new Thread(this::sampleUntilInterrupted, "allocation-meter");

    private AllocationMeter() {
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM has no per-thread allocation counters");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    /** A meter counting from now on. */
    static AllocationMeter start() {
        AllocationMeter meter = new AllocationMeter();
        meter.sample();
        meter.atStart.putAll(meter.latest);
        meter.sampler.setDaemon(true);
        meter.sampler.start();
        return meter;
    }

    /** Bytes allocated since {@link #start()} by every thread but the sampler; stops the sampler. */
    long stop() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        sample();
        long total = 0;
        for (Map.Entry<Long, Long> thread : latest.entrySet()) {
            total += thread.getValue() - atStart.getOrDefault(thread.getKey(), 0L);
        }
        return total;
    }

    private void sampleUntilInterrupted() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sample();
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != sampler.getId() && bytes[i] >= 0) {
                latest.merge(ids[i], bytes[i], Math::max);
            }
        }
    }
}
