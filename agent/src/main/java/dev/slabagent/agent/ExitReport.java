package dev.slabagent.agent;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabInfo;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.debug.SlabDebug;

/**
 * {@code report=exit}: prints the slabinfo table of every cache to stderr when the JVM exits, then the slab
 * debugging report of each debugged cache as comment lines ({@code # }), so that a parser of the table skips it. If any cache still tracks objects, a GC runs first, so that what
 * is listed as in flight is still reachable and what was dropped counts as leaked.
 */
final class ExitReport {

    /** How long the report waits after the GC for the collected objects' references to be enqueued. */
    private static final long SETTLE_MILLIS = 200;

    private ExitReport() {
    }

    /** Registers a shutdown hook that prints the report (the installer registers one per JVM). */
    static void atShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitReport::print, "slab-agent-report"));
    }

    private static void print() {
        if (SlabRegistry.all().stream().anyMatch(c -> c.tracking() != null)) {
            System.gc();
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        StringBuilder out = new StringBuilder(SlabInfo.format(SlabRegistry.allStats()));
        for (SlabCache c : SlabRegistry.all()) {
            SlabDebug d = c.debug();
            if (d != null) {
                d.report().lines().forEach(line -> out.append("# ").append(line).append('\n'));
            }
        }
        System.err.print(out);
    }
}
