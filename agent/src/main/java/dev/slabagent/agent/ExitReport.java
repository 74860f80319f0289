package dev.slabagent.agent;

import dev.slabagent.runtime.SlabInfo;
import dev.slabagent.runtime.SlabRegistry;

/** {@code report=exit}: prints the slabinfo table of every cache to stderr when the JVM exits. */
final class ExitReport {

    private static boolean registered;

    private ExitReport() {
    }

    /** Registers the shutdown hook (once per JVM). */
    static synchronized void register() {
        if (!registered) {
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> System.err.print(SlabInfo.format(SlabRegistry.allStats())), "slab-agent-report"));
            registered = true;
        }
    }
}
