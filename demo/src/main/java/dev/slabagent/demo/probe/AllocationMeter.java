package dev.slabagent.demo.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes allocated by the threads of this JVM since {@link #start()}, by thread name, from the per-thread
 * allocation counters ({@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])}).
 *
 * <p>A thread's counter can only be read while it lives, so a sampler thread reads every live thread's counter
 * every {@value #PERIOD_MS} ms and keeps the latest value per thread: the allocations a thread makes in the last
 * period before it ends are not counted (a small undercount, the same with and without the agent). Threads alive
 * for the whole measurement are counted exactly.
 */
final class AllocationMeter {

    private static final long PERIOD_MS = 2;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> atStart = new ConcurrentHashMap<>();
    private final Map<Long, Long> latest = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
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

    /**
     * Stops the sampler and returns the bytes allocated since {@link #start()} by each thread name (threads of
     * the same name summed) other than the sampler's, leaving out names that allocated nothing.
     */
    Map<String, Long> stop() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        sample();
        Map<String, Long> byName = new TreeMap<>();
        latest.forEach((id, bytes) -> {
            long allocated = bytes - atStart.getOrDefault(id, 0L);
            if (allocated > 0) {
                byName.merge(names.get(id), allocated, Long::sum);
            }
        });
        return byName;
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
                names.computeIfAbsent(ids[i], this::nameOf);
            }
        }
    }

    private String nameOf(long id) {
        ThreadInfo info = threads.getThreadInfo(id);
        return info == null ? "thread-" + id : info.getThreadName();
    }
}
