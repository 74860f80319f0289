package dev.slabagent.demo.probe;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** Collections and collection time of all of this JVM's garbage collectors since it was created. */
final class GcMeter {

    private final long countAtStart = count();
    private final long millisAtStart = millis();

    /** Collections since this meter was created. */
    long collections() {
        return count() - countAtStart;
    }

    /** Milliseconds spent collecting since this meter was created. */
    long collectionMillis() {
        return millis() - millisAtStart;
    }

    private static long count() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }

    private static long millis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n > 0).sum();
    }
}
